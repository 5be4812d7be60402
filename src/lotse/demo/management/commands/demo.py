"""`lotse demo load [--if-empty]` and `lotse demo accounts`: the fictional demo network."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.demo import vocabulary
from lotse.demo.load import demo_accounts, demo_load, network_is_empty, password_source


class Command(BaseCommand):
    help = "Load the fictional demo network, or list its accounts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("load", help="create the demo network and its participants")
        load.add_argument(
            "--if-empty", action="store_true", help="do nothing if any network exists already"
        )
        actions.add_parser("accounts", help="print the demo accounts and the password source")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "load":
            self._load(if_empty=options["if_empty"])
        else:
            self._accounts()

    def _load(self, *, if_empty: bool) -> None:
        if not network_is_empty():
            if if_empty:
                self.stdout.write("A network exists already; the demo was not loaded.")
                return
            raise CommandError(
                "The database holds a network already. Load the demo into an empty database "
                "(or use --if-empty to skip quietly)."
            )
        result = demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded “{vocabulary.NETWORK_NAME}”: {len(vocabulary.ORGANISATIONS)} "
                f"organisations, {len(vocabulary.ACCOUNTS)} accounts, {result.participants} "
                f"participants in {result.seconds:.1f} s ({connection.vendor})."
            )
        )

    def _accounts(self) -> None:
        # German, like the demo network and the pages it shows.
        with translation.override("de"):
            self._accounts_table()

    def _accounts_table(self) -> None:
        rows = [(_("Account"), _("Organisation"), _("Role"), _("Sees and does")), *demo_accounts()]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        self.stdout.write(
            _("Demo accounts of “%(network)s”:") % {"network": vocabulary.NETWORK_NAME}
        )
        for n, row in enumerate(rows):
            self.stdout.write(
                ("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))).rstrip()
            )
            if n == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(
            _("Password for all demo accounts: %(source)s") % {"source": password_source()}
        )
