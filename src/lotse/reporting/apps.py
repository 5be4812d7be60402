from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lotse.reporting"
    label = "reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from lotse.reporting import dashboard, dashboard_panels, dashboard_rules  # noqa: F401

        for panel in dashboard_panels.DASHBOARD_PANELS:
            dashboard.register(panel)
        dashboard.discover()
