"""The benchmark's urlconf: the whole application plus two bare views.

`floor` goes through the same middleware (session, authentication, network scope, CSP, ...)
as every page and runs one indexed query, so "page / floor" is what the page itself costs.
`layout` runs the same query and renders it in the base layout (header, navigation, language
switch, footer) that every page has: what a page costs before it shows any data of its own.
The page goals are measured against `layout` (issue 11): a page may cost what rendering the
base layout with one indexed query costs, times three. `floor` stays as a reading aid.
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from lotse.participants.models import Participant
from lotse.urls import urlpatterns as lotse_urlpatterns


def floor(request: HttpRequest, pk: int) -> HttpResponse:
    name = Participant.objects.filter(pk=pk).values_list("last_name", flat=True).first()
    return HttpResponse(name or "", content_type="text/plain")


LAYOUT = engines["django"].from_string(
    '{% extends "core/base.html" %}{% block title %}{{ name }}{% endblock %}'
    "{% block content %}<p>{{ name }}</p>{% endblock %}"
)


def layout(request: HttpRequest, pk: int) -> HttpResponse:
    name = Participant.objects.filter(pk=pk).values_list("last_name", flat=True).first()
    return HttpResponse(LAYOUT.render({"name": name or ""}, request))


urlpatterns = [
    path("bench/floor/<int:pk>/", floor),
    path("bench/layout/<int:pk>/", layout),
    *lotse_urlpatterns,
]
