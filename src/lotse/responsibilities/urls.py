from django.urls import URLPattern, URLResolver

app_name = "responsibilities"

urlpatterns: list[URLPattern | URLResolver] = []
