from django.urls import path

from lotse.profiles import views

app_name = "profiles"
urlpatterns = [
    path("occupations/suggest/", views.occupation_suggest, name="occupation_suggest"),
    path("participants/<int:pk>/", views.profile, name="profile"),
    path("participants/<int:pk>/side-by-side/", views.side_by_side, name="side_by_side"),
    path("participants/<int:pk>/<slug:kind>/", views.part, name="part"),
    path("participants/<int:pk>/<slug:kind>/add/", views.item_edit, name="item_add"),
    path("participants/<int:pk>/<slug:kind>/<int:item_pk>/", views.item_edit, name="item_edit"),
    path(
        "participants/<int:pk>/<slug:kind>/<int:item_pk>/delete/",
        views.item_delete,
        name="item_delete",
    ),
]
