"""The benchmark's urlconf: the whole application plus two bare views.

`floor` goes through the same middleware (session, authentication, network scope, CSP, ...)
as every page and runs one indexed query, so "page / floor" is what the page itself costs.
`layout` runs the same query and renders it in the base layout (header, navigation, language
switch, footer) that every page has: what a page costs before it shows any data of its own.
`minimal_caseload` does only what no caseload can skip, in the cheapest way (hand-written SQL,
rows joined in Python): count and first page of a counsellor's participants, their audit rows,
the layout. No filter form, no shared cases, no labels. It is a yardstick for the goal
"≤ 3× the floor", not a way to build pages.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.utils.html import format_html_join

from lotse.audit.services import audit_record_many
from lotse.network.access import membership_of
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


MINIMAL = engines["django"].from_string(
    '{% extends "core/base.html" %}{% block title %}Caseload{% endblock %}'
    "{% block content %}<p>{{ count }}</p><table>{{ rows }}</table>{% endblock %}"
)
MINIMAL_WHERE = "p.network_id = %s AND p.organisation_id = %s AND p.counsellor_id = %s"
MINIMAL_COUNT = f"SELECT count(*) FROM participants_participant p WHERE {MINIMAL_WHERE}"  # noqa: S608
MINIMAL_ROWS = f"""
    SELECT p.id, p.last_name, p.first_names, p.file_number, p.status, s.name, d.document_type,
           p.document_valid_until, p.last_contact_on,
           (SELECT n.description FROM participants_nextstep n
             WHERE n.participant_id = p.id AND n.done_on IS NULL
             ORDER BY n.due_on NULLS LAST, n.id LIMIT 1)
      FROM participants_participant p
      LEFT JOIN network_site s ON s.id = p.site_id
      LEFT JOIN participants_residencedocument d ON d.id = p.current_document_id
     WHERE {MINIMAL_WHERE}
     ORDER BY p.last_name, p.first_names, p.id LIMIT 50"""  # noqa: S608


def minimal_caseload(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    args = [membership.organisation.network_id, membership.organisation_id, request.user.pk]
    with connection.cursor() as cursor:
        cursor.execute(MINIMAL_COUNT, args)
        count = cursor.fetchone()[0]
        cursor.execute(MINIMAL_ROWS, args)
        rows = cursor.fetchall()
    audit_record_many(
        actor=request.user,
        action="participants.participant.listed",
        participant_ids=[row[0] for row in rows],
    )
    html = format_html_join(
        "",
        '<tr><td><a href="/participants/{}/">{}, {}</a></td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((*row[:5], *(value or "" for value in row[5:])) for row in rows),
    )
    return HttpResponse(MINIMAL.render({"count": count, "rows": html}, request))


urlpatterns = [
    path("bench/floor/<int:pk>/", floor),
    path("bench/layout/<int:pk>/", layout),
    path("bench/minimal-caseload/", minimal_caseload),
    *lotse_urlpatterns,
]
