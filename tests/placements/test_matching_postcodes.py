"""`lotse geo import-postcodes FILE`: the GeoNames postcode format, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from lotse.placements.geo.models import Postcode
from lotse.placements.geo.selectors import Place, places_of

pytestmark = pytest.mark.django_db

LINES = [
    "DE\t50667\tKöln\tNordrhein-Westfalen\tNW\tRegierungsbezirk Köln\t053\t"
    "Kreisfreie Stadt Köln\t05315\t50.9384\t6.9597\t4",
    "DE\t53111\tBonn\tNordrhein-Westfalen\tNW\tRegierungsbezirk Köln\t053\t"
    "Kreisfreie Stadt Bonn\t05314\t50.7374\t7.0982\t4",
    "DE\t53111\tBonn-Zentrum\tNordrhein-Westfalen\tNW\tRegierungsbezirk Köln\t053\t"
    "Kreisfreie Stadt Bonn\t05314\t50.7350\t7.1000\t4",
]


def write(tmp_path, lines, name="DE.txt"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_import_postcodes_reads_district_and_coordinates(tmp_path):
    out = io.StringIO()
    call_command("geo", "import-postcodes", write(tmp_path, LINES), stdout=out)
    assert out.getvalue().strip() == "Postleitzahlen: 3 für DE importiert (0 ersetzt)."
    assert places_of(["50667", "53111", "99999", ""]) == {
        "50667": Place("05315", "Kreisfreie Stadt Köln", 50.9384, 6.9597),
        "53111": Place("05314", "Kreisfreie Stadt Bonn", 50.7374, 7.0982),
    }


def test_import_postcodes_twice_gives_the_same_table(tmp_path):
    path = write(tmp_path, LINES)
    call_command("geo", "import-postcodes", path, stdout=io.StringIO())
    call_command(
        "geo", "import-postcodes", write(tmp_path, LINES[:2], "DE2.txt"), stdout=io.StringIO()
    )
    assert sorted(Postcode.objects.values_list("postcode", "place")) == [
        ("50667", "Köln"),
        ("53111", "Bonn"),
    ]


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        (
            "DE\t50667\tKöln",
            "line 2: expected 12 tab-separated columns (GeoNames postcode format), found 3",
        ),
        (
            "DE\t50667\tKöln\tNRW\tNW\t\t\t\t05315\tnord\t6.9\t4",
            "line 2: 'nord' is not a coordinate",
        ),
        ("DE\t50667\tKöln\tNRW\tNW\t\t\t\t05315\t95.0\t6.9\t4", "line 2: '95.0' is outside ±90°"),
        (
            "D1\t50667\tKöln\tNRW\tNW\t\t\t\t05315\t50.9\t6.9\t4",
            "line 2: 'D1' is not a country code",
        ),
        ("DE\t\tKöln\tNRW\tNW\t\t\t\t05315\t50.9\t6.9\t4", "line 2: the postal code is empty"),
    ],
)
def test_import_postcodes_refuses_a_malformed_file_and_keeps_the_table(tmp_path, bad_line, reason):
    call_command(
        "geo", "import-postcodes", write(tmp_path, LINES[:1], "ok.txt"), stdout=io.StringIO()
    )
    path = write(tmp_path, [LINES[1], bad_line])
    with pytest.raises(CommandError) as caught:
        call_command("geo", "import-postcodes", path)
    assert caught.value.returncode == 2
    assert str(caught.value) == f"Es wurde nichts importiert. {path}: {reason}"
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["50667"]


def test_import_postcodes_refuses_an_empty_file(tmp_path):
    with pytest.raises(CommandError) as caught:
        call_command("geo", "import-postcodes", write(tmp_path, [""]))
    assert "the file holds no postcodes" in str(caught.value)
