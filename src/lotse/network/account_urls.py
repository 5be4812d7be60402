from django.urls import path

from lotse.network import account_views as views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("account/password/", views.password_change, name="password_change"),
]
