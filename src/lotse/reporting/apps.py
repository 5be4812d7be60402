from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lotse.reporting"
    label = "reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from lotse.reporting import dashboard
        from lotse.reporting.dashboard import rules, selectors  # noqa: F401 (predicates)

        for panel in selectors.DASHBOARD_PANELS:
            dashboard.register(panel)
        dashboard.discover()
