from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "lotse.participants"
    label = "participants"
