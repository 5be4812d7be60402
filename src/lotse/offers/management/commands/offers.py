"""The offer catalogue from the command line:

lotse offers import FILE --user USERNAME

imports a CSV or XLSX list (the layout of `lotse.offers.importer`) into the network of the
coordinator USERNAME, recorded in the audit log as that account's action. All or nothing: a
list with a problem in any row saves nothing and lists every problem, in German.
"""

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.network.access import membership_of
from lotse.offers.importer import ImportRefusedError, offers_import


class Command(BaseCommand):
    help = "Import offers from a CSV or XLSX list (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        importing = sub.add_parser("import", help=self.help)
        importing.add_argument("file", type=Path)
        importing.add_argument(
            "--user", required=True, help="the coordinator's account the import is recorded for"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        membership = membership_of(user) if user is not None else None
        if user is None or membership is None or not user.has_perm("offers.import_offers"):
            raise CommandError(f"{options['user']} is no network coordinator.")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        try:
            result = offers_import(
                actor=user,
                network=membership.organisation.network,
                content=content,
                filename=path.name,
            )
        except ImportRefusedError as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing imported: {len(refused.problems)} problem(s) in {path.name}."
            ) from refused
        self.stdout.write(f"Imported {path.name}: {result.created} new, {result.updated} updated.")
