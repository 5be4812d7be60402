from django.urls import path

from lotse.workpermission import views

app_name = "workpermission"
urlpatterns = [
    path("deadlines/", views.radar, name="radar"),
    path("try/", views.try_situation, name="try"),
    path("participants/<int:pk>/", views.assessment, name="assessment"),
    path("participants/<int:pk>/facts/", views.facts_edit, name="facts_edit"),
]
