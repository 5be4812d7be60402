from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "lotse.participants"
    label = "participants"

    def ready(self) -> None:
        from lotse.participants import rules  # noqa: F401 (the case predicates)
        from lotse.participants.panels import SECTIONS
        from lotse.participants.sections import register

        for section in SECTIONS:
            register(section)
