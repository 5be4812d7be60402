from django.urls import path

from lotse.responsibilities import views

app_name = "responsibilities"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("edit/", views.manage, name="manage"),
    path("steps/new/", views.step_edit, name="step_add"),
    path("steps/<int:pk>/edit/", views.step_edit, name="step_edit"),
    path("steps/<int:pk>/delete/", views.step_delete, name="step_delete"),
    path("steps/<int:step_pk>/new/", views.responsibility_edit, name="responsibility_add"),
    path("<int:pk>/edit/", views.responsibility_edit, name="responsibility_edit"),
    path("<int:pk>/delete/", views.responsibility_delete, name="responsibility_delete"),
    path("publish/", views.publish, name="publish"),
    path("export/<slug:fmt>/", views.export, name="export"),
    path("public/<int:network_pk>/", views.public_map, name="public_map"),
    path("public/<int:network_pk>/export/<slug:fmt>/", views.public_export, name="public_export"),
]
