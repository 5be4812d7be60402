"""`lotse taxonomy import-kldb FILE | import-esco FOLDER --language de [--language en …] |
load-curated`: the official classifications from the files users download, and Lotse's own set.

A malformed file is refused with "line N: reason" and exit status 2; nothing is imported then,
because parsing finishes before the one transaction that writes.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from lotse.taxonomy import services
from lotse.taxonomy.importers.common import ImportFileError
from lotse.taxonomy.importers.curated import parse_curated
from lotse.taxonomy.importers.esco import esco_files, parse_occupations, parse_skills
from lotse.taxonomy.importers.kldb import parse_kldb


class Command(BaseCommand):
    help = "Import occupations and skills (KldB 2010, ESCO) or load Lotse's curated set."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        kldb = actions.add_parser("import-kldb", help="KldB 2010 CSV of the Bundesagentur")
        kldb.add_argument("file", type=Path)
        esco = actions.add_parser("import-esco", help="folder of the ESCO CSV download")
        esco.add_argument("folder", type=Path)
        esco.add_argument(
            "--language", action="append", required=True, help="e.g. de; repeat for more"
        )
        actions.add_parser("load-curated", help="Lotse's curated occupations")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = self._run(options)
        except ImportFileError as error:
            raise CommandError(
                _("Nothing was imported. %(error)s") % {"error": error}, returncode=2
            ) from None
        except OSError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(
            _(
                "Occupations: %(created)d new, %(updated)d changed, %(unchanged)d unchanged; "
                "labels: %(labels_created)d new, %(labels_updated)d changed, "
                "%(labels_deleted)d removed; skill changes: %(skills)d."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "labels_created": result.labels_created,
                "labels_updated": result.labels_updated,
                "labels_deleted": result.labels_deleted,
                "skills": result.skills,
            }
        )

    def _run(self, options: dict[str, Any]) -> services.ImportResult:
        action = options["action"]
        if action == "import-kldb":
            return services.kldb_import(records=parse_kldb(options["file"]))
        if action == "import-esco":
            folder: Path = options["folder"]
            if not folder.is_dir():
                raise CommandError(_("%(folder)s is not a folder.") % {"folder": folder})
            occupations, skills = {}, {}
            for language in dict.fromkeys(options["language"]):
                occupation_file, skill_file = esco_files(folder, language)
                occupations[language] = parse_occupations(occupation_file)
                skills[language] = parse_skills(skill_file) if skill_file else []
            return services.esco_import(occupations=occupations, skills=skills)
        return services.curated_load(occupations=parse_curated())
