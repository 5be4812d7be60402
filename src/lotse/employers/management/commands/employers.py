"""Employers and vacancies from the command line:

lotse employers import-ba-jobs FILE --user USERNAME

imports the vacancies of a job search file of the Bundesagentur für Arbeit (JSON, the layout
of `lotse.employers.importer`) into the network of the coordinator USERNAME, recorded in the
audit log as that account's action. All or nothing: a file with a problem in any job saves
nothing and lists every problem, in German; importing the same file again changes nothing.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django_scopes import scope

from lotse.employers.importer import ImportRefusedError, ba_jobs_import
from lotse.network.access import membership_of


class Command(BaseCommand):
    help = "Import vacancies from a job search file of the Bundesagentur für Arbeit."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser("import-ba-jobs", help=self.help)
        importing.add_argument("file", type=Path)
        importing.add_argument(
            "--user", required=True, help="the coordinator's account the import is recorded for"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        membership = membership_of(user) if user is not None else None
        if user is None or membership is None or not user.has_perm("employers.import_vacancies"):
            raise CommandError(f"{options['user']} is no network coordinator.")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        network = membership.organisation.network
        try:
            with translation.override("de"), scope(network=network.pk):
                result = ba_jobs_import(actor=user, network=network, content=content)
        except ImportRefusedError as refused:
            with translation.override("de"):
                for problem in refused.problems:
                    self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing imported: {len(refused.problems)} problem(s) in {path.name}."
            ) from refused
        self.stdout.write(
            f"Imported {path.name}: {result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged; {result.employers_created} new employer(s)."
        )
