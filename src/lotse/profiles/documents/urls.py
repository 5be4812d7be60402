from django.urls import path

from lotse.profiles.documents import views

app_name = "profile_documents"
urlpatterns = [
    path("participants/<int:pk>/cv/", views.cv, name="cv"),
    path("participants/<int:pk>/plan/", views.plan, name="plan"),
]
