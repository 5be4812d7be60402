from django.urls import path

from lotse.participants import views

app_name = "tasks"
urlpatterns = [
    path("", views.my_tasks, name="mine"),
]
