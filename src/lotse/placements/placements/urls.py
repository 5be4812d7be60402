from django.urls import path

from lotse.placements.placements import views

urlpatterns = [
    path("cases/<int:pk>/new/", views.placement_add, name="placement_add"),
    path("cases/<int:participant_pk>/<int:pk>/edit/", views.placement_edit, name="placement_edit"),
    path("cases/<int:participant_pk>/<int:pk>/end/", views.placement_end, name="placement_end"),
    path(
        "cases/<int:participant_pk>/<int:pk>/employer-sheet/",
        views.employer_sheet,
        name="employer_sheet",
    ),
    path("cases/<int:participant_pk>/check-ins/<int:pk>/", views.check_in, name="check_in"),
    path("follow-up/", views.follow_up, name="follow_up"),
    path("settings/", views.follow_up_settings, name="settings"),
]
