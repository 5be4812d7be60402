from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "lotse.profiles"
    label = "profiles"
    verbose_name = "Profiles"

    def ready(self) -> None:
        from lotse.participants.sections import register
        from lotse.profiles import rules  # noqa: F401 (the profile's predicates)
        from lotse.profiles.case_section import SECTION

        register(SECTION)
