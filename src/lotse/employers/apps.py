from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "lotse.employers"
    label = "employers"
    verbose_name = "Employers"
