from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "lotse.events"
    label = "events"
    verbose_name = "Events"
