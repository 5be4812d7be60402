import pytest
from django.urls import reverse
from icalendar import Calendar

from lotse.appointments.services import calendar_feed_of, calendar_feed_renew
from lotse.participants.models import Participant
from tests.appointments.helpers import book
from tests.conftest import Network, client_for

pytestmark = pytest.mark.django_db


def test_the_private_feed_shows_the_file_number_not_the_name(net: Network, client) -> None:  # type: ignore[no-untyped-def]
    appointment = book(net)
    token = calendar_feed_of(net.counsellor).token
    answer = client.get(reverse("appointments:feed", args=[token]))
    assert answer["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(answer.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert net.participant.file_number in str(events[0]["summary"])
    assert events[0].decoded("dtstart") == appointment.starts_at
    assert net.participant.last_name not in answer.content.decode()
    assert "Hauptstelle" in str(events[0]["location"])


def test_a_renewed_feed_address_ends_the_old_one(net: Network, client) -> None:  # type: ignore[no-untyped-def]
    old = calendar_feed_of(net.counsellor).token
    new = calendar_feed_renew(actor=net.counsellor).token
    assert old != new
    assert client.get(reverse("appointments:feed", args=[old])).status_code == 404
    assert client.get(reverse("appointments:feed", args=[new])).status_code == 200


def test_the_participants_ics_is_in_their_language(net: Network) -> None:
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="uk")
    appointment = book(net, interpreter_language="uk")
    answer = client_for(net.counsellor).get(
        reverse("appointments:ics", args=[net.participant.pk, appointment.pk])
    )
    event = Calendar.from_ical(answer.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Консультація"
    assert "перекладач" in str(event["description"]).lower()


def test_the_feed_says_confirmed_cancelled_or_tentative(net: Network, client) -> None:  # type: ignore[no-untyped-def]
    from lotse.appointments.services import appointment_update
    from lotse.participants.access import participant_for_user
    from tests.appointments.helpers import at, next_weekday

    day = next_weekday(1)
    planned = book(net)
    confirmed = book(net, starts_at=at(day, 9), ends_at=at(day, 9, 30), status="confirmed")
    cancelled = book(net, starts_at=at(day, 11), ends_at=at(day, 11, 30))
    url = reverse("appointments:feed", args=[calendar_feed_of(net.counsellor).token])
    # Fetched once before the change: the feed kept since must not hide it.
    assert client.get(url).content.count(b"STATUS:TENTATIVE") == 2
    appointment_update(
        actor=net.counsellor,
        case=participant_for_user(net.counsellor, net.participant.pk),
        appointment=cancelled,
        expected_version=cancelled.version,
        status="cancelled",
    )
    answer = client.get(url)
    statuses = {
        str(event["uid"]): str(event["status"])
        for event in Calendar.from_ical(answer.content).walk("VEVENT")
    }
    assert statuses == {
        f"appointment-{planned.pk}@lotse": "TENTATIVE",
        f"appointment-{confirmed.pk}@lotse": "CONFIRMED",
        f"appointment-{cancelled.pk}@lotse": "CANCELLED",
    }
    single = client_for(net.counsellor).get(
        reverse("appointments:ics", args=[net.participant.pk, confirmed.pk])
    )
    assert str(Calendar.from_ical(single.content).walk("VEVENT")[0]["status"]) == "CONFIRMED"


def test_an_attended_appointment_is_confirmed_in_the_feed(net: Network, client) -> None:  # type: ignore[no-untyped-def]
    import datetime

    from tests.appointments.helpers import at

    past = datetime.date.today() - datetime.timedelta(days=7)
    done = book(net, starts_at=at(past, 9), ends_at=at(past, 10), status="done")
    missed = book(net, starts_at=at(past, 11), ends_at=at(past, 12), status="missed")
    url = reverse("appointments:feed", args=[calendar_feed_of(net.counsellor).token])
    statuses = {
        str(event["uid"]): str(event["status"])
        for event in Calendar.from_ical(client.get(url).content).walk("VEVENT")
    }
    assert statuses == {
        f"appointment-{done.pk}@lotse": "CONFIRMED",
        f"appointment-{missed.pk}@lotse": "TENTATIVE",
    }
