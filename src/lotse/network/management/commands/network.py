"""Bootstrapping a production network from the command line (there is no admin site):

    lotse network setup "Netzwerk X" --organisation "Kreis X" --kind municipality --prefix KX
    lotse network add-account --organisation "Kreis X" --role coordinator --username anna \\
        --email anna@kreis.example
"""

import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_scopes import scopes_disabled

from lotse.network.enums import OrganisationKind, Role
from lotse.network.models import Network, Organisation
from lotse.network.services import account_create, organisation_save


class Command(BaseCommand):
    help = "Create a network with its first organisation, and add accounts with a role."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        setup = sub.add_parser("setup")
        setup.add_argument("name")
        setup.add_argument("--organisation", required=True)
        setup.add_argument("--kind", choices=OrganisationKind.values, required=True)
        setup.add_argument("--prefix", required=True, help="file number prefix, e.g. KX")
        account = sub.add_parser("add-account")
        account.add_argument("--organisation", required=True)
        account.add_argument("--role", choices=Role.values, required=True)
        account.add_argument("--username", required=True)
        account.add_argument("--email", required=True)
        account.add_argument("--first-name", default="")
        account.add_argument("--last-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled(), transaction.atomic():
            if options["action"] == "setup":
                self._setup(options)
            else:
                self._add_account(options)

    def _setup(self, options: dict[str, Any]) -> None:
        if Network.objects.filter(name=options["name"]).exists():
            raise CommandError(f"A network named {options['name']!r} exists already.")
        network = Network.objects.create(name=options["name"])
        organisation_save(
            actor=None,
            network=network,
            organisation=Organisation(
                name=options["organisation"],
                kind=options["kind"],
                file_number_prefix=options["prefix"].upper(),
            ),
        )
        self.stdout.write(f"Created {network} with {options['organisation']}.")

    def _add_account(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation named {options['organisation']!r}.")
        password = getpass.getpass("Initial password: ")
        if len(password) < 8:
            raise CommandError("The password needs at least 8 characters.")
        account_create(
            actor=None,
            organisation=organisation,
            username=options["username"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            email=options["email"],
            role=options["role"],
            password=password,
        )
        self.stdout.write(
            f"Added {options['username']} as {options['role']}; they choose a password of their"
            " own at the first log-in."
        )
