from django.urls import URLPattern, URLResolver, path

from lotse.reporting.dashboard import views as dashboard_views
from lotse.reporting.statistics import views as statistics_views

app_name = "reporting"

urlpatterns: list[URLPattern | URLResolver] = []

# Dashboards and open statistics (issue 16 §3–4).
urlpatterns += [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("statistics/settings/", statistics_views.publication, name="statistics_settings"),
    path("statistics/", statistics_views.public_index, name="statistics_index"),
    path("statistics/<int:network_id>/", statistics_views.public_page, name="statistics_public"),
    path(
        "statistics/<int:network_id>/<slug:table>.csv",
        statistics_views.public_csv,
        name="statistics_csv",
    ),
    path(
        "statistics/<int:network_id>/statistik.xlsx",
        statistics_views.public_xlsx,
        name="statistics_xlsx",
    ),
]
