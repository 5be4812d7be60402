"""`lotse matches refresh`: the nightly search for new matches over every open vacancy of each
network (vacancies imported in bulk included), recorded for the counsellors' inboxes."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.network.models import Network
from lotse.placements.matches.services import new_matches_record


class Command(BaseCommand):
    help = "Find participants who fit open vacancies and put new matches in the inboxes."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("refresh", help="all open vacancies of every network")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        total = 0
        for network_id in Network.objects.values_list("pk", flat=True):
            total += new_matches_record(network_id=network_id, today=today)
        self.stdout.write(_("New matches: %(count)d.") % {"count": total})
