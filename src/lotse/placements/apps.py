from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "lotse.placements"
    label = "placements"
    verbose_name = "Placements"
