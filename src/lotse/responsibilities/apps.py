from django.apps import AppConfig


class ResponsibilitiesConfig(AppConfig):
    name = "lotse.responsibilities"
    label = "responsibilities"
    verbose_name = "Responsibilities"

    def ready(self) -> None:
        from lotse.participants.sections import register
        from lotse.responsibilities import rules  # noqa: F401 (the map's predicates)
        from lotse.responsibilities.case_section import SECTION

        register(SECTION)
