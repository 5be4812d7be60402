from django.urls import path

from lotse.referrals import views

app_name = "referrals"
urlpatterns = [
    path("new/<int:pk>/", views.create, name="create"),
    path("overdue/", views.unanswered, name="overdue"),
    path("settings/", views.policy, name="settings"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/letter/", views.letter_pdf, name="letter"),
    path("<int:pk>/<slug:action>/", views.act, name="act"),
]
