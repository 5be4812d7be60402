from django.urls import path

from lotse.network import views

app_name = "network"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("organisations/new/", views.organisation_edit, name="organisation_add"),
    path("organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/team-lead/", views.team_lead_add, name="team_lead_add"),
    path("organisations/<int:organisation_pk>/sites/new/", views.site_edit, name="site_add"),
    path("organisations/<int:organisation_pk>/sites/<int:pk>/", views.site_edit, name="site_edit"),
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/<int:pk>/", views.account_edit, name="account_edit"),
]
