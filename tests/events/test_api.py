import pytest

from lotse.events import services
from lotse.participants.access import participant_for_user
from tests.conftest import Network, client_for
from tests.events.helpers import jobcenter_staff, multiplier_training

pytestmark = pytest.mark.django_db


def test_events_api_gives_counts_and_no_names(net: Network) -> None:
    event = multiplier_training(net)
    jobcenter_staff(net, event)
    registration = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    services.attendance_record(
        actor=net.counsellor,
        session=event.sessions.get(),
        present={registration.pk: True},
        registrations=[registration],
    )
    response = client_for(net.volunteer).get("/api/v1/events?year=2026")
    assert response.status_code == 200
    [row] = response.json()
    assert (row["title"], row["registered"], row["counted_persons"]) == (event.title, 1, 12)
    assert [(s["present"], s["absent"]) for s in row["sessions"]] == [(1, 0)]
    assert net.participant.last_name not in response.content.decode()
    detail = client_for(net.coordinator).get(f"/api/v1/events/{event.pk}")
    assert detail.json()["organisers"] == ["Sozialwerk Test"]


def test_events_api_needs_a_year_and_knows_no_other_year(net: Network) -> None:
    multiplier_training(net)
    client = client_for(net.counsellor)
    assert client.get("/api/v1/events").status_code == 422
    assert client.get("/api/v1/events?year=2025").json() == []
    assert client.get("/api/v1/events/999999").status_code == 404
