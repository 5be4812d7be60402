"""The deadline radar: expiring documents, waiting periods and pathway dates, in one batch."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.network.enums import Role
from lotse.participants.models import Participant
from lotse.workpermission import services
from tests.audit.helpers import listed
from tests.conftest import Network, client_for
from tests.factories import member, participant_for
from tests.workpermission.helpers import record_document


def permit_expiring_in(counsellor: Any, days: int, **person: Any) -> Participant:
    participant = participant_for(counsellor, **person)
    today = timezone.localdate()
    return record_document(
        counsellor,
        participant,
        document_type="residence_permit",
        section="§ 25 Abs. 2",
        issued_on=today - datetime.timedelta(days=700),
        valid_until=today + datetime.timedelta(days=days),
    )


def radar_rows(client: Any, days: int | None = None) -> list[dict[str, Any]]:
    url = reverse("workpermission:radar") + (f"?days={days}" if days else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.context["radar_rows"]


def test_expiring_documents_by_horizon(net: Network) -> None:
    soon = permit_expiring_in(net.counsellor, 10, first_names="Soon", last_name="Ablauf")
    later = permit_expiring_in(net.counsellor, 70, first_names="Later", last_name="Ablauf")
    client = client_for(net.counsellor)
    in_30 = {(r["participant_id"], r["kind"]) for r in radar_rows(client, 30)}
    in_60 = {(r["participant_id"], r["kind"]) for r in radar_rows(client, 60)}
    in_90 = {(r["participant_id"], r["kind"]) for r in radar_rows(client, 90)}
    assert (soon.pk, "document_expiry") in in_30
    assert (later.pk, "document_expiry") not in in_30
    assert (later.pk, "document_expiry") not in in_60
    assert (later.pk, "document_expiry") in in_90
    html = client.get(reverse("workpermission:radar") + "?days=30").content.decode()
    assert reverse("participants:detail", args=[soon.pk]) in html


def test_duldung_of_eleven_months_shows_the_60d_condition_date(net: Network) -> None:
    today = timezone.localdate()
    since = today - datetime.timedelta(days=335)
    participant = participant_for(net.counsellor, first_names="Warte", last_name="Duldung")
    participant = record_document(
        net.counsellor, participant, document_type="duldung", issued_on=since
    )
    services.residence_facts_save(
        actor=net.counsellor,
        participant=participant,
        data={
            "entry_date": datetime.date(2020, 1, 1),
            "asylum_request_date": datetime.date(2020, 1, 2),
            "asylum_decision": "rejected",
            "duldung_since": since,
        },
    )
    rows = [
        r
        for r in radar_rows(client_for(net.counsellor), 60)
        if r["participant_id"] == participant.pk and r["kind"] == "pathway_condition"
    ]
    assert any(r["citation"].startswith("§ 60d") for r in rows)
    twelve_months = next(r for r in rows if "12" in r["label"] and "60d" in r["opens"])
    assert today < twelve_months["date"] <= today + datetime.timedelta(days=31)


def test_counsellor_sees_own_caseload_team_lead_the_organisation(net: Network) -> None:
    own = permit_expiring_in(net.counsellor, 10)
    colleagues = permit_expiring_in(net.colleague, 10)
    mine = {r["participant_id"] for r in radar_rows(client_for(net.counsellor))}
    organisation = {r["participant_id"] for r in radar_rows(client_for(net.team_lead))}
    assert own.pk in mine
    assert colleagues.pk not in mine
    assert {own.pk, colleagues.pk} <= organisation


def test_other_organisation_and_roles_without_cases(net: Network) -> None:
    permit_expiring_in(net.counsellor, 10)
    assert radar_rows(client_for(net.other_counsellor)) == []
    for persona in (net.volunteer, net.coordinator, net.data_protection):
        assert client_for(persona).get(reverse("workpermission:radar")).status_code == 403


def test_radar_listing_is_audited(net: Network) -> None:
    shown = permit_expiring_in(net.counsellor, 10)
    radar_rows(client_for(net.counsellor))
    events = AuditEvent.objects.filter(action="workpermission.radar.listed")
    # The persona's Gestattung has no asylum dates: listed among the missing details.
    assert [e.detail["days"] for e in events] == [30]
    assert sorted(listed("workpermission.radar.listed")) == sorted([shown.pk, net.participant.pk])


def test_closed_cases_are_left_out(net: Network) -> None:
    closed = permit_expiring_in(net.counsellor, 10)
    Participant.objects.filter(pk=closed.pk).update(status="exited")
    assert closed.pk not in {r["participant_id"] for r in radar_rows(client_for(net.counsellor))}


def count_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as context:
        radar_rows(client, 90)
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_rows(net: Network) -> None:
    lead = member(net.owner, Role.TEAM_LEAD, "radarleitung")
    permit_expiring_in(net.counsellor, 10)
    one = count_queries(client_for(lead))
    for days in (20, 40):
        participant = permit_expiring_in(net.counsellor, days)
        services.residence_facts_save(
            actor=net.counsellor,
            participant=participant,
            data={"entry_date": datetime.date(2020, 1, 1), "identity_clarified": True},
        )
    three = count_queries(client_for(lead))
    assert one == three


def test_radar_box_lists_the_next_deadlines_of_the_caseload(net: Network) -> None:
    permit_expiring_in(net.counsellor, 10, first_names="Boxa", last_name="Kasten")
    html = client_for(net.counsellor).get("/work-permission/deadlines/?box=1").content.decode()
    assert "Boxa Kasten" in html
    assert "<html" not in html
    assert client_for(net.coordinator).get("/work-permission/deadlines/?box=1").status_code == 403


def test_caseload_loads_the_radar_box_separately(net: Network) -> None:
    html = client_for(net.counsellor).get("/participants/").content.decode()
    assert 'hx-get="/work-permission/deadlines/?box=1"' in html


@pytest.mark.parametrize("days", ["7", "abc"])
def test_unknown_horizon_falls_back_to_30_days(net: Network, days: str) -> None:
    response = client_for(net.counsellor).get(reverse("workpermission:radar") + f"?days={days}")
    assert response.status_code == 200
    assert response.context["radar_days"] == 30


def radar_page(client: Any, days: int = 90) -> Any:
    response = client.get(reverse("workpermission:radar") + f"?days={days}")
    assert response.status_code == 200
    return response


def test_duldung_without_dates_has_no_invented_deadline_but_is_listed_as_incomplete(
    net: Network,
) -> None:
    today = timezone.localdate()
    participant = participant_for(net.counsellor, first_names="Neu", last_name="Geduldet")
    participant = record_document(
        net.counsellor,
        participant,
        document_type="duldung",
        issued_on=today - datetime.timedelta(days=30),
    )
    client = client_for(net.counsellor)
    response = radar_page(client)
    rows = [r for r in response.context["radar_rows"] if r["participant_id"] == participant.pk]
    assert rows == []
    missing = next(
        m for m in response.context["radar_missing"] if m["participant_id"] == participant.pk
    )
    facts_url = reverse("workpermission:facts_edit", args=[participant.pk])
    assert (missing["fields"], missing["url"]) == ("Duldung seit", f"{facts_url}#id_duldung_since")
    assert f'href="{facts_url}#id_duldung_since"' in response.content.decode()

    services.residence_facts_save(
        actor=net.counsellor,
        participant=participant,
        data={"duldung_since": today - datetime.timedelta(days=30), "asylum_decision": "rejected"},
    )
    response = radar_page(client)
    rows = [r for r in response.context["radar_rows"] if r["participant_id"] == participant.pk]
    waiting = [r for r in rows if r["kind"] == "waiting_period_end"]
    assert [(r["label"], r["opens"]) for r in waiting] == [("Wartezeit endet", "Beschäftigung")]
    assert today < waiting[0]["date"] <= today + datetime.timedelta(days=62)
    assert participant.pk not in {m["participant_id"] for m in response.context["radar_missing"]}


def test_one_row_per_person_and_event_names_everything_it_opens(net: Network) -> None:
    today = timezone.localdate()
    request = today - datetime.timedelta(days=60)
    services.residence_facts_save(
        actor=net.counsellor,
        participant=net.participant,
        data={
            "asylum_request_date": request,
            "asylum_application_date": request,
            "asylum_decision": "pending",
            "lives_in_reception_centre": False,
            "dublin_procedure": False,
        },
    )
    response = radar_page(client_for(net.counsellor))
    rows = [
        r
        for r in response.context["radar_rows"]
        if r["participant_id"] == net.participant.pk and r["kind"] == "waiting_period_end"
    ]
    assert [(r["label"], r["opens"]) for r in rows] == [
        (
            "Wartezeit endet",
            "Beschäftigung, Betriebliche Ausbildung, Praktikum / Einstiegsqualifizierung",
        )
    ]
    assert "Öffnet oder betrifft" in response.content.decode()
    assert net.participant.pk not in {
        m["participant_id"] for m in response.context["radar_missing"]
    }
