"""`lotse work-permission evaluate FILE|-`: the engine's command line inside the `lotse` tool.

All the work is `lotse.legal.main`; this command only hands over the arguments and streams and
ends the process with the engine's exit status (2 on bad input, one line on standard error).
"""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lotse.legal import main


class Command(BaseCommand):
    help = "Assess a residence situation given as JSON (FILE, or - for standard input)."
    # Pure computation: no database, so no system checks (the command stays fast in scripts).
    requires_system_checks: list[str] = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["evaluate"])
        parser.add_argument("file", help="JSON file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        # The engine writes its own lines; no colouring or extra newline from OutputWrapper.
        self.stderr.style_func = None
        status = main(
            [options["file"]],
            stdin=options.get("stdin") or sys.stdin,
            stdout=self.stdout,  # type: ignore[arg-type]
            stderr=self.stderr,  # type: ignore[arg-type]
        )
        if status:
            raise SystemExit(status)
