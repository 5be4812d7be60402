from django.urls import path

from lotse.offers import views

app_name = "offers"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.edit, name="add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("publish/", views.publish, name="publish"),
    path("import/", views.import_offers, name="import"),
    path("public/", views.public_catalogue, name="public_catalogue"),
    path("public/<int:pk>/", views.public_detail, name="public_detail"),
]
