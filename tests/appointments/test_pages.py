import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.appointments.models import Appointment, CounsellorHours
from lotse.participants import services as participant_services
from tests.appointments.helpers import at, book, german, next_weekday, site_of
from tests.audit.helpers import listed
from tests.conftest import SECRET_NOTE, Network, client_for

pytestmark = pytest.mark.django_db


def test_the_case_shows_appointments_and_counts_the_missed(net: Network) -> None:
    book(net, note="Bitte Pass mitbringen")
    past = datetime.date.today() - datetime.timedelta(days=7)
    book(
        net,
        kind="jobcentre",
        starts_at=at(past, 9),
        ends_at=at(past, 10),
        status="missed",
        place="address",
        address="Jobcenter Teststadt, Am Markt 1",
    )
    client = client_for(net.counsellor)
    page = client.get(reverse("participants:detail", args=[net.participant.pk]))
    assert 'id="appointments"' in page.content.decode()
    # The section is loaded when scrolled to.
    text = client.get(f"/participants/{net.participant.pk}/sections/appointments/").content.decode()
    assert "1 nicht erschienen" in text
    assert "<strong>nicht erschienen</strong>" in text
    assert "Hauptstelle" in text
    listing = client_for(net.counsellor).get(
        reverse("appointments:case", args=[net.participant.pk])
    )
    assert "Jobcenter Teststadt, Am Markt 1" in listing.content.decode()


def test_the_timeline_lists_appointments(net: Network) -> None:
    book(net)
    page = client_for(net.counsellor).get(
        reverse("participants:section", args=[net.participant.pk, "participants.timeline"])
    )
    assert "Beratung" in page.content.decode()


def test_the_volunteer_sees_place_and_time_only(net: Network) -> None:
    participant_services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    appointment = book(net, note=SECRET_NOTE, interpreter_language="ar")
    page = client_for(net.volunteer).get(reverse("participants:detail", args=[net.participant.pk]))
    text = page.content.decode()
    assert "Hauptstelle" in text
    assert appointment.starts_at.astimezone().strftime("%d.%m.%Y") in text
    assert SECRET_NOTE not in text
    assert net.participant.file_number not in text
    assert "Beratung" not in text  # not even the kind


def test_adding_an_appointment_refuses_end_before_start_and_keeps_the_input(net: Network) -> None:
    day = next_weekday(2)
    url = reverse("appointments:add", args=[net.participant.pk])
    client = client_for(net.counsellor)
    data = {
        "kind": "immigration_office",
        "day": day.isoformat(),
        "starts": "11:00",
        "ends": "10:00",
        "place": "address",
        "address": "Ausländerbehörde Teststadt, Zimmer 204",
        "status": "planned",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Der Termin muss nach seinem Beginn enden." in refused.content.decode()
    assert "Zimmer 204" in refused.content.decode()
    assert not Appointment.objects.exists()
    data["ends"] = "12:00"
    assert client.post(url, data).status_code == 302
    assert Appointment.objects.get().address.endswith("Zimmer 204")


def test_booking_a_free_slot_on_the_page(net: Network) -> None:
    CounsellorHours.objects.create(
        network=net.participant.network,
        counsellor=net.counsellor,
        site=site_of(net),
        weekday=0,
        starts_at=datetime.time(12),
        ends_at=datetime.time(15),
    )
    client = client_for(net.counsellor)
    url = reverse("appointments:book", args=[net.participant.pk])
    page = client.get(url)
    assert "12:00" in page.content.decode()
    day = (
        next_weekday(0, weeks=0)
        if next_weekday(0, weeks=0) > datetime.date.today()
        else next_weekday(0)
    )
    starts = at(day, 12, 30)
    form = {
        "counsellor": net.counsellor.pk,
        "starts_at": starts.isoformat(),
        "site": site_of(net).pk,
    }
    assert client.post(url, form).status_code == 302
    booked = Appointment.objects.get()
    assert (booked.starts_at, booked.ends_at) == (starts, at(day, 13))
    # The slot is taken now, and a time outside the hours is no slot at all.
    again = client.post(url, form, follow=True)
    assert "hat zu dieser Zeit einen anderen Termin" in again.content.decode()
    outside = client.post(url, {**form, "starts_at": at(day, 9).isoformat()}, follow=True)
    assert "außerhalb der Sprechzeiten" in outside.content.decode()
    assert Appointment.objects.count() == 1


def test_my_appointments_and_the_front_desk(net: Network) -> None:
    appointment = book(net, interpreter_language="ar")
    day = appointment.starts_at.astimezone().date().isoformat()
    mine = client_for(net.counsellor).get(reverse("appointments:mine") + f"?date={day}")
    assert net.participant.file_number in mine.content.decode()
    week = client_for(net.counsellor).get(reverse("appointments:mine") + f"?view=week&date={day}")
    assert net.participant.file_number in week.content.decode()
    desk = client_for(net.team_lead).get(
        reverse("appointments:desk") + f"?site={site_of(net).pk}&date={day}"
    )
    text = desk.content.decode()
    assert net.participant.last_name in text
    assert "Arabisch" in text
    assert len(listed("appointments.appointment.listed")) == 3


def test_the_coordinator_sets_the_networks_lead_time(net: Network) -> None:
    from lotse.appointments.models import AppointmentSettings

    client = client_for(net.coordinator)
    url = reverse("appointments:settings")
    assert client.get(url).status_code == 200
    assert client.post(url, {"reminder_lead_hours": "0", "slot_minutes": "30"}).status_code == 200
    assert client.post(url, {"reminder_lead_hours": "48", "slot_minutes": "20"}).status_code == 302
    saved = AppointmentSettings.objects.get(network=net.participant.network)
    assert (saved.reminder_lead_hours, saved.slot_minutes) == (48, 20)
    assert client_for(net.counsellor).get(url).status_code == 403


def test_the_change_links_read_the_local_time_not_utc(net: Network) -> None:
    # A 10:00 appointment in winter is stored as 09:00 UTC; the hidden label of its links
    # must say what the row shows.
    appointment = book(net)
    local = appointment.starts_at.astimezone(timezone.get_current_timezone())
    listing = german(net.counsellor).get(reverse("appointments:case", args=[net.participant.pk]))
    text = listing.content.decode()
    label = f'<span class="kern-sr-only">: Beratung {local:%d.%m.%Y} 10:00</span>'
    assert label in text
    assert f"{appointment.starts_at.astimezone(datetime.UTC):%Y-%m-%d %H:%M}" not in text


def test_the_words_for_a_missed_appointment_are_the_status_words(net: Network) -> None:
    # The status reads "nicht erschienen"; counts and messages said "versäumt" beside it.
    past = datetime.date.today() - datetime.timedelta(days=7)
    book(net, starts_at=at(past, 9), ends_at=at(past, 10), status="missed")
    client = german(net.counsellor)
    listing = client.get(reverse("appointments:case", args=[net.participant.pk]))
    text = listing.content.decode()
    assert "Zu 1 Termin nicht erschienen." in text
    assert "versäumt" not in text
    refused = client.post(
        reverse("appointments:add", args=[net.participant.pk]),
        {
            "kind": "counselling",
            "day": past.isoformat(),
            "starts": "10:00",
            "ends": "10:30",
            "place": "address",
            "address": "Hauptstraße 1",
            "status": "planned",
        },
    )
    assert refused.status_code == 200
    message = (
        "Ein Termin in der Vergangenheit kann nicht geplant oder bestätigt sein: "
        "Tragen Sie ihn als wahrgenommen oder nicht erschienen ein."
    )
    assert message in refused.content.decode()
    assert Appointment.objects.count() == 1


def test_the_fields_needed_for_one_place_say_when_instead_of_optional(net: Network) -> None:
    # QA walk: "Standort – optional" and "Adresse – optional", yet one of them is refused empty.
    client = client_for(net.counsellor)
    page = client.get(reverse("appointments:add", args=[net.participant.pk])).content.decode()
    optional = re.findall(
        r'for="id_(\w+)">[^<]*<span class="kern-label__optional">– ([^<]+)<', page
    )
    labels = dict(optional)
    assert labels["site"] == "nötig bei einem Termin an einem Standort"
    assert labels["address"] == "nötig bei einem Termin an einer Adresse"
    assert labels["note"] == "optional"
