"""Housekeeping of participant data, for a daily cron job:

lotse participants purge-drafts
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from lotse.participants.services import intake_drafts_purge


class Command(BaseCommand):
    help = "Delete intake drafts past their retention period (LOTSE_INTAKE_DRAFT_DAYS)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("purge-drafts", help=self.help)

    def handle(self, *args: Any, **options: Any) -> None:
        count = intake_drafts_purge()
        self.stdout.write(
            f"Deleted {count} intake draft(s) not saved for "
            f"{settings.LOTSE_INTAKE_DRAFT_DAYS} days."
        )
