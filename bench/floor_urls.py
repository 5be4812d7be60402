"""The benchmark's urlconf: the whole application plus one bare view, the framework's floor.

`floor` goes through the same middleware (session, authentication, network scope, CSP, ...)
as every page and runs one indexed query, so "page / floor" is what the page itself costs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from lotse.participants.models import Participant
from lotse.urls import urlpatterns as lotse_urlpatterns


def floor(request: HttpRequest, pk: int) -> HttpResponse:
    name = Participant.objects.filter(pk=pk).values_list("last_name", flat=True).first()
    return HttpResponse(name or "", content_type="text/plain")


urlpatterns = [path("bench/floor/<int:pk>/", floor), *lotse_urlpatterns]
