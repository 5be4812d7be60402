from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "lotse.profiles"
    label = "profiles"
    verbose_name = "Profiles"
