from django.urls import URLPattern, URLResolver, path

from lotse.reporting.dashboard import views as dashboard_views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = []

# Dashboards and open statistics (issue 16 §3–4).
urlpatterns += [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
]
