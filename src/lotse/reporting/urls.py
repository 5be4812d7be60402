from django.urls import URLPattern, URLResolver, path

from lotse.reporting import case_views, report_views
from lotse.reporting.dashboard import views as dashboard_views
from lotse.reporting.statistics import views as statistics_views

app_name = "reporting"

# Reports and the ESF data of a case (helper "rep").
urlpatterns: list[URLPattern | URLResolver] = [
    path("", report_views.reports, name="reports"),
    path("<int:pk>/", report_views.report, name="report"),
    path("not-reportable/", report_views.not_reportable, name="not_reportable"),
    path("<int:pk>/xlsx/", report_views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/pdf/", report_views.report_pdf, name="report_pdf"),
    path("<int:pk>/people/<str:code>/", report_views.report_people, name="report_people"),
    path("<int:pk>/incomplete-exits/", report_views.incomplete_exits, name="incomplete_exits"),
    path("participants/<int:pk>/esf/", case_views.record_edit, name="esf_edit"),
    path(
        "participants/<int:pk>/esf/situations/new/",
        case_views.situation_add,
        name="esf_situation_add",
    ),
    path(
        "participants/<int:pk>/esf/situations/<int:event_pk>/delete/",
        case_views.situation_delete,
        name="esf_situation_delete",
    ),
    path(
        "participants/<int:pk>/esf/no-situation/",
        case_views.no_situation,
        name="esf_no_situation",
    ),
    path(
        "participants/<int:pk>/esf/no-situation/undo/",
        case_views.no_situation_undo,
        name="esf_no_situation_undo",
    ),
    path(
        "participants/<int:pk>/esf/follow-ups/<int:follow_up_pk>/",
        case_views.follow_up_answer,
        name="esf_follow_up",
    ),
]

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
