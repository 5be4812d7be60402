"""Reading the GeoNames postcode file (`DE.txt` from download.geonames.org/export/zip/).

Tab-separated, no header, twelve columns: country code, postal code, place name, admin name 1
(state), admin code 1, admin name 2, admin code 2, admin name 3 (for Germany the Kreis),
admin code 3 (its key, e.g. 05315), latitude, longitude, accuracy. Every line is checked before
anything is written; a bad one refuses the file with its line number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from lotse.taxonomy.importers.common import ImportFileError, read_text

COLUMNS = 12


@dataclass(frozen=True, slots=True)
class PostcodeRecord:
    country: str
    postcode: str
    place: str
    state: str
    district: str
    district_code: str
    latitude: float
    longitude: float


def parse_postcodes(path: Path) -> list[PostcodeRecord]:
    records = []
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != COLUMNS:
            raise ImportFileError(
                number,
                f"expected {COLUMNS} tab-separated columns (GeoNames postcode format), "
                f"found {len(fields)}",
                str(path),
            )
        country, postcode, place = (f.strip() for f in fields[:3])
        if len(country) != 2 or not country.isalpha():
            raise ImportFileError(number, f"{country!r} is not a country code", str(path))
        if not postcode:
            raise ImportFileError(number, "the postal code is empty", str(path))
        latitude = _coordinate(fields[9], 90, number, path)
        longitude = _coordinate(fields[10], 180, number, path)
        records.append(
            PostcodeRecord(
                country=country.upper(),
                postcode=postcode,
                place=place,
                state=fields[3].strip(),
                district=fields[7].strip(),
                district_code=fields[8].strip(),
                latitude=latitude,
                longitude=longitude,
            )
        )
    if not records:
        raise ImportFileError(1, "the file holds no postcodes", str(path))
    return records


def _coordinate(text: str, limit: int, line: int, path: Path) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ImportFileError(line, f"{text!r} is not a coordinate", str(path)) from None
    if not math.isfinite(value) or abs(value) > limit:
        raise ImportFileError(line, f"{text!r} is outside ±{limit}°", str(path))
    return value
