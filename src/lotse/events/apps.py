from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "lotse.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from lotse.events import rules  # noqa: F401 (the events' predicates)
        from lotse.events.case_section import SECTION
        from lotse.participants.sections import register

        register(SECTION)
