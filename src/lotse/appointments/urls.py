from django.urls import path

from lotse.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("desk/", views.desk, name="desk"),
    path("desk/day/", views.desk_day, name="desk_day"),
    path("settings/", views.network_settings, name="settings"),
    path("hours/", views.hours, name="hours"),
    path("feed/renew/", views.feed_renew, name="feed_renew"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("case/<int:pk>/", views.case_list, name="case"),
    path("case/<int:pk>/new/", views.add, name="add"),
    path("case/<int:pk>/book/", views.book, name="book"),
    path("case/<int:pk>/<int:appointment_pk>/edit/", views.edit, name="edit"),
    path("case/<int:pk>/<int:appointment_pk>/mark/", views.mark, name="mark"),
    path("case/<int:pk>/<int:appointment_pk>/ics/", views.ics, name="ics"),
    path("case/<int:pk>/<int:appointment_pk>/card/", views.card, name="card"),
]
