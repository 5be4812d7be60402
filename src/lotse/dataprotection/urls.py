from django.urls import path

from lotse.dataprotection import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("export.xlsx", views.export, name="export"),
]
