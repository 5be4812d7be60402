from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.reporting.services import esf_facts_rebuild


class Command(BaseCommand):
    help = (
        "Compute the reporting fact table (one row per participation) anew from the case "
        "tables: after a bulk load that bypassed the models, or nightly as a safety net."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--network", type=int, help="only this network's participants")

    def handle(self, *args: Any, **options: Any) -> None:
        written = esf_facts_rebuild(network_id=options["network"])
        self.stdout.write(f"{written} participations written.")
