"""`lotse geo import-postcodes FILE`: postcodes with district and coordinates from the GeoNames
postcode file the user downloads. A malformed file is refused with "line N: reason" and exit
status 2; nothing is imported then."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lotse.placements.geo.importer import parse_postcodes
from lotse.placements.geo.services import postcodes_import
from lotse.taxonomy.importers.common import ImportFileError


class Command(BaseCommand):
    help = "Import postcodes with district and coordinates (GeoNames postcode format)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        postcodes = actions.add_parser(
            "import-postcodes", help="GeoNames postcode file, e.g. DE.txt"
        )
        postcodes.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = postcodes_import(records=parse_postcodes(options["file"]))
        except ImportFileError as error:
            raise CommandError(
                _("Nothing was imported. %(error)s") % {"error": error}, returncode=2
            ) from None
        except OSError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(
            _("Postcodes: %(rows)d imported for %(countries)s (%(replaced)d replaced).")
            % {
                "rows": result.rows,
                "countries": ", ".join(result.countries),
                "replaced": result.replaced,
            }
        )
