from django.apps import AppConfig


class ResponsibilitiesConfig(AppConfig):
    name = "lotse.responsibilities"
    label = "responsibilities"
    verbose_name = "Responsibilities"
