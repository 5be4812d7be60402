from typing import Any

from django.core.management.base import BaseCommand

from lotse.appointments.services import reminders_queue, reminders_retry


class Command(BaseCommand):
    help = (
        "Queue the appointment reminders now due (each network's lead time) and the failed "
        "ones again; the worker (`lotse db_worker`) sends them. Run it every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        queued = reminders_queue()
        retried = reminders_retry()
        self.stdout.write(f"{queued} reminders queued, {retried} failed ones queued again.")
