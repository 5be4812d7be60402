from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "lotse.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        from lotse.appointments import rules  # noqa: F401 (the appointments' predicates)
        from lotse.appointments.case_section import SECTION
        from lotse.participants.sections import register

        register(SECTION)
