from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models.functions import Lower

from lotse.placements.geo.models import Postcode

GERMANY = "DE"
# Key of a place found by its town's name, beside those found by postcode (digits only).
TOWN_KEY = "town:"


@dataclass(frozen=True, slots=True)
class Place:
    district_code: str
    district: str
    latitude: float
    longitude: float


def places_of(postcodes: Iterable[str], country: str = GERMANY) -> dict[str, Place]:
    """Where each postcode lies (its first place in the file), in one query; unknown ones are
    left out."""
    wanted = {p for p in postcodes if p}
    if not wanted:
        return {}
    places: dict[str, Place] = {}
    rows = (
        Postcode.objects.filter(country=country, postcode__in=wanted)
        .order_by("postcode", "pk")
        .values_list("postcode", "district_code", "district", "latitude", "longitude")
    )
    for postcode, code, district, latitude, longitude in rows:
        places.setdefault(postcode, Place(code, district, latitude, longitude))
    return places


def town_key(city: str) -> str:
    return f"{TOWN_KEY}{city.strip().lower()}"


def places_with_towns(pairs: Iterable[tuple[str, str]], country: str = GERMANY) -> dict[str, Place]:
    """`places_of` for (postcode, town) pairs, and for each pair whose postcode the table does
    not know, the town by its name (its first postcode in the file), under `town_key(town)`.
    A vacancy typed with a postcode the file lacks still lies in its town's district, rather
    than in none, which would exclude everyone as "another district"."""
    pairs = list(pairs)
    places = places_of((postcode for postcode, _city in pairs), country)
    towns = {
        city.strip().lower() for postcode, city in pairs if postcode not in places and city.strip()
    }
    if not towns:
        return places
    rows = (
        Postcode.objects.annotate(town=Lower("place"))
        .filter(country=country, town__in=towns)
        .order_by("postcode", "pk")
        .values_list("town", "district_code", "district", "latitude", "longitude")
    )
    for town, code, district, latitude, longitude in rows:
        places.setdefault(f"{TOWN_KEY}{town}", Place(code, district, latitude, longitude))
    return places
