from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lotse.reporting"
    label = "reporting"
    verbose_name = "Reporting"
