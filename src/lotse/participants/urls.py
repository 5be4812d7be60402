from django.urls import path

from lotse.participants import views

app_name = "participants"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("intake/", views.intake_start, name="intake_start"),
    path("intake/new/", views.intake_new, name="intake_new"),
    path("intake/<int:draft_pk>/review/", views.intake_review, name="intake_review"),
    path("intake/<int:draft_pk>/discard/", views.intake_discard, name="intake_discard"),
    path("intake/<int:draft_pk>/<slug:step>/", views.intake_step, name="intake_step"),
    path(
        "counsellors/<int:user_pk>/transfer/",
        views.caseload_transfer,
        name="caseload_transfer",
    ),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/sections/<str:key>/", views.section, name="section"),
    path("<int:pk>/sections/<str:key>/line/", views.section_line, name="section_line"),
    path("<int:pk>/edit/", views.participant_edit, name="edit"),
    path("<int:pk>/enrol/", views.participant_enrol, name="enrol"),
    path("<int:pk>/exit/", views.participant_exit, name="exit"),
    path("<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("<int:pk>/tasks/new/", views.task_add, name="task_add"),
    path("<int:pk>/tasks/<int:task_pk>/edit/", views.task_edit, name="task_edit"),
    path("<int:pk>/tasks/<int:task_pk>/done/", views.task_done, name="task_done"),
    path("<int:pk>/documents/new/", views.document_add, name="document_add"),
    path("<int:pk>/consents/", views.consents, name="consents"),
    path("<int:pk>/consents/new/", views.consent_add, name="consent_add"),
    path("<int:pk>/consents/<int:consent_pk>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("<int:pk>/shares/new/", views.share_add, name="share_add"),
    path("<int:pk>/shares/<int:share_pk>/end/", views.share_end, name="share_end"),
    path("<int:pk>/volunteers/new/", views.volunteer_add, name="volunteer_add"),
    path(
        "<int:pk>/volunteers/<int:user_pk>/remove/",
        views.volunteer_remove,
        name="volunteer_remove",
    ),
]
