from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lotse.reporting"
    label = "reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from lotse.participants.sections import (
            register,
            register_exit_hook,
            register_intake_step,
        )
        from lotse.reporting import (
            dashboard,
            rules,  # noqa: F401 (the predicates)
            signals,
            sources,  # noqa: F401 (its own situation contributor)
        )
        from lotse.reporting.case_section import SECTION
        from lotse.reporting.dashboard import rules as dashboard_rules  # noqa: F401
        from lotse.reporting.dashboard import selectors
        from lotse.reporting.intake import INTAKE_STEP
        from lotse.reporting.services import follow_up_schedule

        register(SECTION)
        signals.connect()
        register_exit_hook("reporting.follow_up", follow_up_schedule)
        register_intake_step(INTAKE_STEP)
        for panel in selectors.DASHBOARD_PANELS:
            dashboard.register(panel)
        dashboard.discover()
