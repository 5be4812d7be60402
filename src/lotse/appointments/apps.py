from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "lotse.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        from lotse.appointments import rules  # noqa: F401 (the appointments' predicates)
        from lotse.appointments.case_section import SECTION
        from lotse.appointments.inbox import SOURCE
        from lotse.inbox.registry import register as register_inbox_source
        from lotse.participants.sections import register

        register(SECTION)
        register_inbox_source(SOURCE)
