from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "lotse.network"
    label = "network"
