from django.urls import path

from lotse.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.edit, name="add"),
    path("overview/", views.overview, name="overview"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path(
        "<int:pk>/registrations/<int:rpk>/cancel/",
        views.cancel_registration,
        name="cancel_registration",
    ),
    path("<int:pk>/registrations/<int:rpk>/certificate/", views.certificate, name="certificate"),
    path("<int:pk>/sessions/new/", views.session_add, name="session_add"),
    path("<int:pk>/sessions/<int:spk>/remove/", views.session_remove, name="session_remove"),
    path("<int:pk>/sessions/<int:spk>/attendance/", views.attendance, name="attendance"),
    path(
        "<int:pk>/sessions/<int:spk>/attendance/sheet/",
        views.attendance_sheet,
        name="attendance_sheet",
    ),
    path("<int:pk>/groups/new/", views.group_edit, name="group_add"),
    path("<int:pk>/groups/<int:gpk>/edit/", views.group_edit, name="group_edit"),
    path("<int:pk>/groups/<int:gpk>/remove/", views.group_remove, name="group_remove"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("for/<int:participant_pk>/register/", views.register_case, name="register_case"),
]
