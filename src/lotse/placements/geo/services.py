from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from lotse.placements.geo.importer import PostcodeRecord
from lotse.placements.geo.models import Postcode


@dataclass(frozen=True)
class PostcodeImport:
    countries: tuple[str, ...]
    rows: int
    replaced: int


@transaction.atomic
def postcodes_import(*, records: Sequence[PostcodeRecord]) -> PostcodeImport:
    """The file replaces what was imported for its countries: importing it twice gives the same
    table, and postcodes dropped by GeoNames go."""
    countries = tuple(sorted({r.country for r in records}))
    replaced, _ = Postcode.objects.filter(country__in=countries).delete()
    Postcode.objects.bulk_create(
        (
            Postcode(
                country=r.country,
                postcode=r.postcode,
                place=r.place,
                state=r.state,
                district=r.district,
                district_code=r.district_code,
                latitude=r.latitude,
                longitude=r.longitude,
            )
            for r in records
        ),
        batch_size=2_000,
    )
    return PostcodeImport(countries, len(records), replaced)
