"""`/placements/`: the placements and their follow-up (`lotse.placements.placements`)."""

from lotse.placements.placements.urls import urlpatterns

app_name = "placements"

__all__ = ["app_name", "urlpatterns"]
