import pytest

from lotse.appointments.models import Appointment
from tests.appointments.helpers import book, next_weekday, site_of
from tests.conftest import Network, client_for, share_with_consent

pytestmark = pytest.mark.django_db


def _url(net: Network) -> str:
    return f"/api/v1/participants/{net.participant.pk}/appointments"


def test_the_case_workers_read_the_appointments_the_others_do_not(net: Network) -> None:
    book(net, note="Pass mitbringen")
    answer = client_for(net.counsellor).get(_url(net))
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 1
    assert body["items"][0]["note"] == "Pass mitbringen"
    assert client_for(net.third_counsellor).get(_url(net)).status_code == 404
    assert client_for(net.coordinator).get(_url(net)).status_code == 403


def test_booking_by_the_api_follows_the_pages_rules(net: Network) -> None:
    share_with_consent(net)
    day = next_weekday(1).isoformat()
    payload = {
        "kind": "counselling",
        "day": day,
        "starts": "10:00",
        "ends": "09:00",
        "site": site_of(net).pk,
        "counsellor": net.counsellor.pk,
    }
    client = client_for(net.other_counsellor)
    refused = client.post(_url(net), payload, content_type="application/json")
    assert refused.status_code == 422
    assert "ends" in refused.json()["errors"]
    payload["ends"] = "10:30"
    created = client.post(_url(net), payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["counsellor"] == net.counsellor.pk
    taken = client.post(_url(net), payload, content_type="application/json")
    assert taken.status_code == 422
    assert Appointment.objects.count() == 1
