from django.urls import path

from lotse.placements.matches import views

app_name = "matches"

urlpatterns = [
    path("participants/<int:pk>/", views.participant_matches, name="match_participant"),
    path("vacancies/<int:pk>/", views.vacancy_candidates, name="match_vacancy"),
]
