from django.urls import URLPattern, URLResolver

app_name = "placements"

urlpatterns: list[URLPattern | URLResolver] = []
