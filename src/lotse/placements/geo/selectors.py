from collections.abc import Iterable
from dataclasses import dataclass

from lotse.placements.geo.models import Postcode

GERMANY = "DE"


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
