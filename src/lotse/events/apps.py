from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "lotse.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from lotse.core.figures import register_figures
        from lotse.events import rules  # noqa: F401 (the events' predicates)
        from lotse.events.case_section import SECTION
        from lotse.events.figures import event_figures
        from lotse.participants.sections import register

        register(SECTION)
        register_figures("events", event_figures)
