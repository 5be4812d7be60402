"""Importers on small files in the official formats, written by the project."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lotse.taxonomy.importers.common import ImportFileError
from lotse.taxonomy.importers.esco import parse_occupations
from lotse.taxonomy.importers.kldb import parse_kldb
from lotse.taxonomy.models import Occupation, OccupationLabel, Skill, SkillLabel

FIXTURES = Path(__file__).parent / "fixtures"


def _snapshot() -> tuple[list[tuple], list[tuple], list[tuple]]:
    occupations = list(
        Occupation.objects.order_by("system", "code").values_list(
            "system",
            "code",
            "level",
            "requirement_level",
            "parent_code",
            "kldb_code",
            "isco_code",
            "esco_uri",
            "is_ausbildungsberuf",
        )
    )
    labels = list(
        OccupationLabel.objects.order_by("pk").values_list(
            "pk", "occupation__code", "language", "label", "kind", "search_text"
        )
    )
    skills = list(SkillLabel.objects.order_by("pk").values_list("pk", "language", "label", "kind"))
    return occupations, labels, skills


def test_kldb_parse_pads_keys_to_their_level() -> None:
    records = parse_kldb(FIXTURES / "kldb_small.csv")
    assert [(r.code, r.level) for r in records[:5]] == [
        ("0", 1),
        ("01", 2),
        ("011", 3),
        ("0110", 4),
        ("01104", 5),
    ]
    assert records[4].parent_code == "0110"


@pytest.mark.django_db
def test_kldb_import_creates_all_levels_with_requirement_level() -> None:
    call_command("taxonomy", "import-kldb", str(FIXTURES / "kldb_small.csv"), stdout=None)
    kldb = Occupation.objects.filter(system="kldb2010")
    assert kldb.count() == 17
    helper = kldb.get(code="82101")
    assert (helper.level, helper.requirement_level, helper.parent_code, helper.kldb_code) == (
        5,
        "helper",
        "8210",
        "82101",
    )
    assert kldb.get(code="01104").requirement_level == "expert"
    assert kldb.get(code="8210").requirement_level == ""
    assert set(helper.labels.values_list("label", "kind")) == {
        ("Altenpflege (ohne Spezialisierung) - Helfer", "preferred"),
        ("Altenpflege (o.S.) - Helfer", "alternative"),
    }


@pytest.mark.django_db
def test_kldb_import_twice_changes_nothing() -> None:
    call_command("taxonomy", "import-kldb", str(FIXTURES / "kldb_small.csv"))
    before = _snapshot()
    from io import StringIO

    out = StringIO()
    call_command("taxonomy", "import-kldb", str(FIXTURES / "kldb_small.csv"), stdout=out)
    assert _snapshot() == before
    assert "0 new, 0 changed, 17 unchanged" in out.getvalue()
    assert "labels: 0 new, 0 changed, 0 removed" in out.getvalue()


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("kldb_wrong_header.csv", 1, "unexpected header"),
        ("kldb_bad_level.csv", 5, "level must be 1 to 5, not '6'"),
        ("kldb_key_level_mismatch.csv", 6, "key and level do not match: 00011 has no parent 0001"),
        ("kldb_broken_quoting.csv", 5, "broken quoting"),
    ],
)
@pytest.mark.django_db
def test_malformed_kldb_is_refused_with_line_and_reason(name: str, line: int, reason: str) -> None:
    call_command("taxonomy", "import-kldb", str(FIXTURES / "kldb_small.csv"))
    before = _snapshot()
    with pytest.raises(CommandError) as caught:
        call_command("taxonomy", "import-kldb", str(FIXTURES / name))
    assert f"line {line}: {reason}" in str(caught.value)
    assert caught.value.returncode == 2
    assert _snapshot() == before


def test_kldb_key_longer_than_level_is_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "kldb_small.csv").read_bytes().decode("utf-8-sig")
    bad = tmp_path / "kldb.csv"
    bad.write_bytes(text.replace("\r\n11;3;", "\r\n1111;3;").encode())
    with pytest.raises(ImportFileError) as caught:
        parse_kldb(bad)
    assert (caught.value.line, caught.value.reason) == (
        4,
        "key 1111 has more digits than level 3 allows",
    )


def test_kldb_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    data = (FIXTURES / "kldb_small.csv").read_bytes().replace("Militär".encode(), b"Milit\xe4r")
    bad = tmp_path / "kldb.csv"
    bad.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        parse_kldb(bad)
    assert (caught.value.line, caught.value.reason) == (2, "the file is not UTF-8 text")


@pytest.mark.django_db
def test_esco_import_reads_occupations_and_skills_in_several_languages() -> None:
    call_command(
        "taxonomy", "import-esco", str(FIXTURES / "esco"), "--language", "de", "--language", "en"
    )
    esco = Occupation.objects.filter(system="esco")
    assert esco.count() == 3
    cook = esco.get(
        code="http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000001"
    )
    assert (cook.isco_code, cook.level, cook.parent_code, cook.esco_uri) == (
        "5120",
        5,
        "5120",
        cook.code,
    )
    pizza = esco.get(code__endswith="0002")
    assert (pizza.level, pizza.parent_code) == (6, cook.code)
    assert set(cook.labels.filter(language="de").values_list("label", "kind")) == {
        ("Koch/Köchin", "preferred"),
        ("Küchenchef/Küchenchefin", "alternative"),
        ("Koch", "alternative"),
        ("Köchin", "alternative"),
    }
    assert set(cook.labels.filter(language="en").values_list("label", flat=True)) == {
        "cook",
        "chef",
        "kitchen cook",
    }
    assert Skill.objects.count() == 2
    assert SkillLabel.objects.filter(language="en", label="cook meals").get().kind == "alternative"
    assert Skill.objects.get(uri__endswith="0001").skill_type == "skill/competence"


@pytest.mark.django_db
def test_esco_import_twice_changes_nothing() -> None:
    args = ("taxonomy", "import-esco", str(FIXTURES / "esco"), "--language", "de")
    call_command(*args, "--language", "en")
    before = _snapshot()
    call_command(*args, "--language", "en")
    assert _snapshot() == before
    # One language alone leaves the other language's labels alone.
    call_command(*args)
    assert _snapshot() == before


@pytest.mark.django_db
def test_malformed_esco_is_refused_and_nothing_is_imported() -> None:
    before = _snapshot()
    with pytest.raises(CommandError) as caught:
        call_command("taxonomy", "import-esco", str(FIXTURES / "esco_bad"), "--language", "de")
    # the row before spans two lines (altLabels), so the bad row starts on line 4
    assert "occupations_de.csv: line 4: iscoGroup '741' is not a 4-digit code" in str(caught.value)
    with pytest.raises(CommandError) as caught:
        call_command("taxonomy", "import-esco", str(FIXTURES / "esco_bad"), "--language", "en")
    assert "occupations_en.csv: line 2: broken quoting" in str(caught.value)
    assert _snapshot() == before


@pytest.mark.django_db
def test_esco_missing_language_file_is_refused() -> None:
    with pytest.raises(CommandError) as caught:
        call_command("taxonomy", "import-esco", str(FIXTURES / "esco"), "--language", "fr")
    assert "occupations_fr.csv is missing" in str(caught.value)


def test_esco_wrong_header_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "occupations_de.csv"
    bad.write_text("uri,label\nhttp://x,Koch\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        parse_occupations(bad)
    assert caught.value.line == 1
    assert caught.value.reason.startswith("unexpected header")
