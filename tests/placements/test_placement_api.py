"""The placements API: the same form, services and rules as the pages."""

import datetime

import pytest
from django.test import Client

from lotse.placements.placements.models import CheckIn, Placement
from tests.conftest import Network
from tests.employers.helpers import employer
from tests.placements.placement_helpers import enrolled, place

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client(headers={"accept-language": "de"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_api_records_lists_and_changes_a_placement(net: Network) -> None:
    enrolled(net)
    at = employer(net)
    client = _client(net.counsellor)
    url = f"/api/v1/participants/{net.participant.pk}/placements"
    created = client.post(
        url,
        {
            "employer": at.pk,
            "kind": "vocational_training",
            "title": "Ausbildung Fachkraft für Lagerlogistik",
            "starts_on": "2025-08-01",
            "planned_end_on": "2028-07-31",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert [c["due_on"] for c in body["check_ins"]] == ["2025-09-01", "2025-11-01", "2026-02-01"]
    listed = client.get(url).json()
    assert [p["title"] for p in listed["items"]] == ["Ausbildung Fachkraft für Lagerlogistik"]
    patched = client.patch(
        f"/api/v1/placements/{body['id']}",
        {"version": body["version"], "ended_on": "2025-10-15", "end_reason": "training_abandoned"},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert (patched.json()["end_reason"], [c["months"] for c in patched.json()["check_ins"]]) == (
        "training_abandoned",
        [1],
    )
    stale = client.patch(
        f"/api/v1/placements/{body['id']}",
        {"version": body["version"], "title": "Lagerhelfer"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert Placement.objects.get().title == "Ausbildung Fachkraft für Lagerlogistik"


def test_a_repeated_request_with_the_same_key_records_one_placement(net: Network) -> None:
    enrolled(net)
    at = employer(net)
    client = _client(net.counsellor)
    body = {
        "submission_key": "0d3b8f7e-5a2c-4c1e-9d7a-1f2e3d4c5b6a",
        "employer": at.pk,
        "kind": "employment",
        "title": "Lagerhelfer",
        "starts_on": "2025-05-01",
    }
    url = f"/api/v1/participants/{net.participant.pk}/placements"
    assert client.post(url, body, content_type="application/json").status_code == 201
    again = client.post(url, body, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["detail"] == "Diese Vermittlung wurde bereits erfasst."
    assert (Placement.objects.count(), CheckIn.objects.count()) == (1, 3)


def test_the_api_refuses_bad_dates_in_german_and_saves_nothing(net: Network) -> None:
    enrolled(net)
    at = employer(net)
    response = _client(net.counsellor).post(
        f"/api/v1/participants/{net.participant.pk}/placements",
        {
            "employer": at.pk,
            "kind": "employment",
            "title": "Lagerhelfer",
            "starts_on": "2025-05-01",
            "planned_end_on": "2025-04-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"]["planned_end_on"] == [
        "Das geplante Ende liegt vor dem Beginn."
    ]
    assert (Placement.objects.count(), CheckIn.objects.count()) == (0, 0)


@pytest.mark.parametrize("persona", ["third_counsellor", "coordinator", "volunteer"])
def test_the_api_hides_placements_of_a_case_the_user_may_not_see(
    net: Network, persona: str
) -> None:
    enrolled(net)
    placement = place(net)
    client = _client(getattr(net, persona))
    assert client.get(f"/api/v1/participants/{net.participant.pk}/placements").status_code == 404
    patched = client.patch(
        f"/api/v1/placements/{placement.pk}",
        {"version": placement.version, "title": "x"},
        content_type="application/json",
    )
    assert patched.status_code == 404
    assert Placement.objects.get().starts_on == datetime.date(2025, 4, 1)


def test_the_api_answers_with_the_pages_permit_warning_until_the_permit_is_granted(
    net: Network,
) -> None:
    from tests.workpermission.helpers import gestattung_facts

    enrolled(net)
    gestattung_facts(net, lives_in_reception_centre=False)
    client = _client(net.counsellor)
    created = client.post(
        f"/api/v1/participants/{net.participant.pk}/placements",
        {
            "employer": employer(net).pk,
            "kind": "employment",
            "title": "Lagerhelfer",
            "starts_on": "2025-08-01",
            "permit_applied_on": "2025-04-10",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["permit_warning"].startswith(
        "Die Erlaubnis zur Beschäftigung ist beantragt (am 10.04.2025), aber noch nicht erteilt."
    )
    assert "§ 61 AsylG" in body["permit_warning"]
    granted = client.patch(
        f"/api/v1/placements/{body['id']}",
        {"version": body["version"], "permit_granted_on": "2025-04-20"},
        content_type="application/json",
    )
    assert granted.status_code == 200, granted.content
    assert granted.json()["permit_warning"] is None
    # The list leaves it out: it asks the engine only when a placement is saved.
    listed = client.get(f"/api/v1/participants/{net.participant.pk}/placements").json()
    assert listed["items"][0]["permit_warning"] is None
