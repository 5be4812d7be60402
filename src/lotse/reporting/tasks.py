"""Background work of the reporting app (Django's tasks framework, run by `lotse db_worker`)."""

from django.tasks import task

from lotse.reporting import services


@task()
def report_run_task(report_id: int) -> None:
    services.report_run_in_its_scope(report_id=report_id)
