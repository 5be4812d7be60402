from django.urls import URLPattern, URLResolver, path

from lotse.employers import views

app_name = "employers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.employer_list, name="list"),
    path("new/", views.employer_edit, name="add"),
    path("<int:pk>/", views.employer_detail, name="detail"),
    path("<int:pk>/edit/", views.employer_edit, name="edit"),
    path("<int:pk>/people/new/", views.person_edit, name="person_add"),
    path("<int:pk>/people/<int:person_pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/people/<int:person_pk>/remove/", views.person_remove, name="person_remove"),
    path("<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("<int:pk>/steps/<int:step_pk>/done/", views.step_done, name="step_done"),
    path("<int:employer_pk>/vacancies/new/", views.vacancy_edit, name="vacancy_add"),
    path("vacancies/", views.vacancy_list, name="vacancies"),
    path("vacancies/import/", views.vacancy_import, name="vacancy_import"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
]
