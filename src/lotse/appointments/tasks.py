"""Background tasks of appointments: Django's tasks, `django_tasks_db`, run by
`lotse db_worker`."""

from django.tasks import task


@task()
def send_reminders(reminder_ids: list[int]) -> dict[str, int]:
    """Send the queued (or failed) reminders among `reminder_ids`."""
    from lotse.appointments.services import reminders_send

    return reminders_send(reminder_ids=reminder_ids)
