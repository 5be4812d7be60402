from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotse.api.services import DEFAULT_VALIDITY_DAYS, VALIDITY_DAYS, api_token_create
from lotse.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for a user and print it once."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a token and print its key")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="what will use the token")
        create.add_argument(
            "--days",
            type=int,
            choices=VALIDITY_DAYS,
            default=DEFAULT_VALIDITY_DAYS,
            help="how long the token is valid",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        try:
            _token, key = api_token_create(
                actor=None, user=user, name=options["name"], days=options["days"]
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(key)
        self.stderr.write("Store this token now; it is not shown again.")
