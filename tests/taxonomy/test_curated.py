"""The curated occupations: enough of them, all five languages, codes that exist."""

import csv
from pathlib import Path

import pytest

from lotse.taxonomy.importers.curated import LANGUAGES, parse_curated
from lotse.taxonomy.importers.kldb import parse_kldb
from lotse.taxonomy.models import Occupation, OccupationLabel

FIXTURES = Path(__file__).parent / "fixtures"
REAL_KLDB = Path("/work/shared/data/kldb2010-v2020-gliederung.csv")
# ISCO-08 major groups 0–9; each unit group starts with one of them.
SECTORS = {
    "care": {"82101", "82102", "81301", "81302"},
    "gastronomy": {"29302", "63302"},
    "logistics": {"51311", "51312"},
    "driving": {"52122", "52132"},
    "cleaning": {"54101", "54112"},
    "retail": {"62102", "62112"},
    "construction": {"32122", "33212"},
    "crafts": {"26212", "34212"},
    "production": {"25101", "25122"},
    "it": {"43412", "43312"},
    "education": {"83112", "84114"},
    "health": {"81102", "81712"},
}


def test_curated_set_is_large_enough_and_complete() -> None:
    occupations = parse_curated()
    assert len(occupations) >= 200
    for occupation in occupations:
        assert set(occupation.labels) == set(LANGUAGES), occupation.key
        assert all(occupation.labels[language][0] for language in LANGUAGES)
        assert len(occupation.isco_code) == 4
        assert occupation.isco_code.isdigit()


def test_curated_set_covers_the_fields_of_work() -> None:
    codes = {o.kldb_code for o in parse_curated()}
    for sector, expected in SECTORS.items():
        assert expected <= codes, sector


def _level5(path: Path) -> set[str]:
    return {r.code for r in parse_kldb(path) if r.level == 5}


def test_curated_codes_exist_in_the_kldb_fixture() -> None:
    missing = {o.kldb_code for o in parse_curated()} - _level5(FIXTURES / "kldb_curated_codes.csv")
    assert missing == set()


@pytest.mark.skipif(not REAL_KLDB.exists(), reason="the BA's KldB file is not on this machine")
def test_curated_codes_exist_in_the_real_kldb() -> None:
    missing = {o.kldb_code for o in parse_curated()} - _level5(REAL_KLDB)
    assert missing == set()


def test_curated_file_is_plain_utf8_csv() -> None:
    path = Path(__file__).parents[2] / "src/lotse/taxonomy/data/occupations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len({row["key"] for row in rows}) == len(rows)


@pytest.mark.django_db
def test_curated_set_is_present_after_migrate() -> None:
    curated = Occupation.objects.filter(system="lotse")
    assert curated.count() == len(parse_curated())
    nurse = curated.get(code="altenpfleger")
    assert (
        nurse.kldb_code,
        nurse.isco_code,
        nurse.requirement_level,
        nurse.is_ausbildungsberuf,
    ) == (
        "82102",
        "5321",
        "skilled",
        True,
    )
    assert set(
        OccupationLabel.objects.filter(occupation__system="lotse", kind="preferred")
        .values_list("language", flat=True)
        .distinct()
    ) == set(LANGUAGES)


@pytest.mark.django_db
def test_load_curated_again_changes_nothing() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("taxonomy", "load-curated", stdout=out)
    assert "0 new, 0 changed" in out.getvalue()
    assert "labels: 0 new, 0 changed, 0 removed" in out.getvalue()
