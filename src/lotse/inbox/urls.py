from django.urls import path

from lotse.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.page, name="page"),
    path("notifications/", views.notifications, name="notifications"),
]
