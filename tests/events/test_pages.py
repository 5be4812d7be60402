import datetime
import io
import re
import unicodedata
from typing import Any

import pypdf
import pytest
from django.test import Client

from lotse.audit.models import AuditEvent
from lotse.events import documents, services
from lotse.events.models import Attendance, Evaluation, Event, Registration
from lotse.participants.access import participant_for_user
from tests.audit.helpers import listed
from tests.conftest import Network, client_for, share_with_consent
from tests.events.helpers import jobcenter_staff, multiplier_training, school_course
from tests.profiles.documents.helpers import in_text

pytestmark = pytest.mark.django_db


def german(user: Any) -> Client:
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return client


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text)


def _registered(net: Network, event: Event) -> Registration:
    return services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )


def _present(net: Network, event: Event, registration: Registration) -> None:
    for session in event.sessions.all():
        services.attendance_record(
            actor=net.counsellor,
            session=session,
            present={registration.pk: True},
            registrations=[registration],
        )


def test_counsellor_enters_a_series_of_sessions(net: Network) -> None:
    response = german(net.counsellor).post(
        "/events/new/",
        {
            "title": "Bewerbungstraining",
            "kind": "application_training",
            "organisers": [net.owner.pk],
            "address": "Am Markt 2, Musterstadt",
            "capacity": "12",
            "waiting_list": "on",
            "first_date": "2026-02-03",
            "starts_at": "10:00",
            "ends_at": "12:00",
            "session_count": "4",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(title="Bewerbungstraining")
    assert [s.date for s in event.sessions.all()] == [
        datetime.date(2026, 2, 3),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 2, 17),
        datetime.date(2026, 2, 24),
    ]
    listing = german(net.other_counsellor).get("/events/?year=2026")
    assert "Bewerbungstraining" in listing.content.decode()
    assert "4 Termine ab 03.02.2026" in listing.content.decode()


def test_a_partner_cannot_enter_an_event_of_another_organisation_only(net: Network) -> None:
    response = german(net.counsellor).post(
        "/events/new/",
        {
            "title": "Fremde Veranstaltung",
            "kind": "other",
            "organisers": [net.other.pk],
            "address": "Irgendwo 1",
            "first_date": "2026-02-03",
            "starts_at": "10:00",
            "ends_at": "09:00",
            "session_count": "1",
        },
    )
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_only_keepers_edit_an_event(net: Network) -> None:
    event = multiplier_training(net)
    assert german(net.counsellor).get(f"/events/{event.pk}/edit/").status_code == 200
    assert german(net.coordinator).get(f"/events/{event.pk}/edit/").status_code == 200
    assert german(net.other_counsellor).get(f"/events/{event.pk}/edit/").status_code == 404
    assert german(net.volunteer).get(f"/events/{event.pk}/edit/").status_code == 404


def test_names_of_attendees_only_for_those_who_may_see_the_case(net: Network) -> None:
    event = multiplier_training(net)
    _registered(net, event)
    name = net.participant.last_name
    assert name in german(net.counsellor).get(f"/events/{event.pk}/").content.decode()
    for user in (net.third_counsellor, net.volunteer, net.coordinator, net.data_protection):
        page = german(user).get(f"/events/{event.pk}/").content.decode()
        assert name not in page
        assert net.participant.file_number not in page
    # The organisation the case is shared with sees the name too.
    share_with_consent(net)
    assert name in german(net.other_counsellor).get(f"/events/{event.pk}/").content.decode()


def test_listing_names_on_the_event_page_is_audited(net: Network) -> None:
    event = multiplier_training(net)
    _registered(net, event)
    german(net.counsellor).get(f"/events/{event.pk}/")
    assert net.participant.pk in listed("events.registration.listed")


def test_registering_by_file_number_and_a_full_event(net: Network) -> None:
    event = multiplier_training(net, capacity=12, waiting_list=False)
    jobcenter_staff(net, event, count=12)
    client = german(net.counsellor)
    response = client.post(
        f"/events/{event.pk}/register/", {"file_number": net.participant.file_number}
    )
    assert response.status_code == 200
    assert (
        "Die Veranstaltung ist ausgebucht (12 Plätze) und hat keine Warteliste: "
        "Die Person wurde nicht angemeldet." in response.content.decode()
    )
    assert not Registration.objects.exists()
    event.capacity = 20
    event.save()
    response = client.post(
        f"/events/{event.pk}/register/", {"file_number": net.participant.file_number}
    )
    assert response.status_code == 302
    assert Registration.objects.get().status == "registered"


def test_a_stranger_cannot_register_someone_they_do_not_work_with(net: Network) -> None:
    event = multiplier_training(net)
    response = german(net.third_counsellor).post(
        f"/events/{event.pk}/register/", {"file_number": net.participant.file_number}
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_attendance_is_ticked_and_shows_in_the_case_timeline(net: Network) -> None:
    event = multiplier_training(net)
    registration = _registered(net, event)
    session = event.sessions.get()
    client = german(net.counsellor)
    page = client.get(f"/events/{event.pk}/sessions/{session.pk}/attendance/")
    assert net.participant.last_name in page.content.decode()
    response = client.post(
        f"/events/{event.pk}/sessions/{session.pk}/attendance/",
        {f"present_{registration.pk}": "on"},
    )
    assert response.status_code == 302
    assert Attendance.objects.get().present is True
    timeline = client.get(
        f"/participants/{net.participant.pk}/sections/participants.timeline/"
    ).content.decode()
    assert event.title in timeline


def test_attendance_for_a_future_session_is_refused_and_nothing_saved(net: Network) -> None:
    future = datetime.date.today() + datetime.timedelta(days=3)
    event = multiplier_training(net, sessions=[(future, datetime.time(9), datetime.time(12))])
    registration = _registered(net, event)
    session = event.sessions.get()
    response = german(net.counsellor).post(
        f"/events/{event.pk}/sessions/{session.pk}/attendance/",
        {f"present_{registration.pk}": "on"},
    )
    assert response.status_code == 200
    assert "hat noch nicht stattgefunden" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_future_sessions_attendance_page_offers_no_form_but_the_list(net: Network) -> None:
    # The page said "not yet" above check boxes and a save button that could only be refused.
    future = datetime.date.today() + datetime.timedelta(days=3)
    event = multiplier_training(net, sessions=[(future, datetime.time(9), datetime.time(12))])
    registration = _registered(net, event)
    session = event.sessions.get()
    page = german(net.counsellor).get(f"/events/{event.pk}/sessions/{session.pk}/attendance/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "hat noch nicht stattgefunden" in text
    assert f'name="present_{registration.pk}"' not in text
    assert "Anwesenheit speichern" not in text
    person = net.participant
    assert f"<li>{person.last_name}, {person.first_names} ({person.file_number})</li>" in text
    assert "Zurück zur Veranstaltung" in text


def test_attendance_sheet_is_a_pdf_to_tick(net: Network) -> None:
    event = multiplier_training(net)
    _registered(net, event)
    jobcenter_staff(net, event)
    session = event.sessions.get()
    response = german(net.counsellor).get(
        f"/events/{event.pk}/sessions/{session.pk}/attendance/sheet/"
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert net.participant.last_name in text
    assert "Jobcenter Musterkreis" in text
    # The coordinator keeps the event, but the sheet names no one they may not see.
    sheet = german(net.coordinator).get(
        f"/events/{event.pk}/sessions/{session.pk}/attendance/sheet/"
    )
    assert net.participant.last_name not in pdf_text(sheet.content)


def test_certificate_in_german_and_arabic(net: Network) -> None:
    event = school_course(net, sessions=3)
    registration = _registered(net, event)
    _present(net, event, registration)
    response = german(net.counsellor).get(
        f"/events/{event.pk}/registrations/{registration.pk}/certificate/?lang=ar"
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Mohammad Al-Masri" in text
    assert event.title in text
    assert "Teilnahmebescheinigung" in text
    assert in_text("شهادة حضور", text)
    assert "3 Termine, insgesamt 4.5 Stunden" in text
    assert AuditEvent.objects.filter(
        action="events.certificate.printed", participant_id=net.participant.pk
    ).exists()


def test_no_certificate_without_attendance(net: Network) -> None:
    event = multiplier_training(net)
    registration = _registered(net, event)
    response = german(net.counsellor).get(
        f"/events/{event.pk}/registrations/{registration.pk}/certificate/"
    )
    assert response.status_code == 302


def test_certificate_is_not_for_those_who_may_not_see_the_case(net: Network) -> None:
    event = multiplier_training(net)
    registration = _registered(net, event)
    _present(net, event, registration)
    for user in (net.third_counsellor, net.volunteer, net.coordinator):
        response = german(user).get(
            f"/events/{event.pk}/registrations/{registration.pk}/certificate/"
        )
        assert response.status_code == 404


def test_evaluation_is_entered_by_the_organiser(net: Network) -> None:
    event = multiplier_training(net)
    jobcenter_staff(net, event)  # 12 people
    client = german(net.counsellor)
    response = client.post(
        f"/events/{event.pk}/evaluation/",
        {"useful_1": "0", "useful_2": "1", "useful_3": "2", "useful_4": "5", "useful_5": "4"},
    )
    assert response.status_code == 302
    assert event.evaluation.answered == 12


def test_evaluation_answers_cannot_exceed_the_attendees(net: Network) -> None:
    event = multiplier_training(net)
    jobcenter_staff(net, event, count=3)
    _present(net, event, _registered(net, event))  # 3 counted and 1 present: 4 attended
    client = german(net.counsellor)
    url = f"/events/{event.pk}/evaluation/"
    five = {"useful_1": "0", "useful_2": "0", "useful_3": "1", "useful_4": "2", "useful_5": "2"}
    refused = client.post(url, five)
    assert refused.status_code == 200
    assert (
        "5 Antworten, aber nur 4 Personen haben teilgenommen (als anwesend erfasste "
        "Teilnehmende und nach Organisation oder Klasse gezählte Personen): Mehr können nicht "
        "geantwortet haben. Erfassen Sie zuerst die Anwesenheit oder korrigieren Sie die Zahlen."
    ) in refused.content.decode()
    assert not Evaluation.objects.filter(event=event).exists()
    assert client.post(url, {**five, "useful_5": "1"}).status_code == 302
    assert Evaluation.objects.get(event=event).answered == 4


def test_the_certificate_is_german_only_for_a_german_speaker(net: Network) -> None:
    from lotse.participants.models import Participant

    event = multiplier_training(net)
    registration = _registered(net, event)
    _present(net, event, registration)
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="de")
    client = german(net.counsellor)
    detail = client.get(f"/events/{event.pk}/").content.decode()
    assert "Teilnahmebescheinigung für Al-Masri (PDF, Deutsch)" in detail
    response = client.get(f"/events/{event.pk}/registrations/{registration.pk}/certificate/")
    text = pdf_text(response.content)
    assert text.count("Teilnahmebescheinigung") == 1
    assert "Translation" not in text
    assert "Übersetzung" not in text
    assert event.title in text
    # A Farsi speaker gets German and Farsi, right to left, the event's name in both.
    Participant.objects.filter(pk=net.participant.pk).update(preferred_language="fa")
    detail = client.get(f"/events/{event.pk}/").content.decode()
    assert "Teilnahmebescheinigung für Al-Masri (PDF, Deutsch und Persisch)" in detail
    context = documents.certificate_context(
        event,
        Participant.objects.get(pk=net.participant.pk),
        list(event.sessions.all()),
        language=documents.certificate_language(Participant.objects.get(pk=net.participant.pk)),
        today=datetime.date(2026, 3, 11),
    )
    assert [(p.lang, p.dir) for p in context["parts"]] == [("de", "ltr"), ("fa", "rtl")]
    farsi = pdf_text(
        client.get(f"/events/{event.pk}/registrations/{registration.pk}/certificate/").content
    )
    assert farsi.count(event.title) == 2


def test_overview_for_the_coordinator_and_team_leads(net: Network) -> None:
    event = multiplier_training(net)
    jobcenter_staff(net, event)
    page = german(net.coordinator).get("/events/overview/?year=2026")
    assert page.status_code == 200
    assert "Sozialwerk Test" in page.content.decode()
    assert german(net.team_lead).get("/events/overview/").status_code == 200
    assert german(net.counsellor).get("/events/overview/").status_code == 403


def test_a_double_click_registers_once(net: Network) -> None:
    event = multiplier_training(net)
    client = german(net.counsellor)
    data = {
        "file_number": net.participant.file_number,
        "submission_key": "0b6f9d1e-3c1a-4a8e-9f0e-2d8f6a7b5c4e",
    }
    client.post(f"/events/{event.pk}/register/", data)
    second = client.post(f"/events/{event.pk}/register/", data, follow=True)
    assert Registration.objects.count() == 1
    assert "nicht ein zweites Mal gespeichert" in second.content.decode()


def test_the_case_lists_its_events_and_registers_for_a_coming_one(net: Network) -> None:
    past = multiplier_training(net)
    _registered(net, past)
    soon = datetime.date.today() + datetime.timedelta(days=5)
    coming = multiplier_training(
        net, title="Bewerbungstraining", sessions=[(soon, datetime.time(9), datetime.time(12))]
    )
    client = german(net.counsellor)
    panel = client.get(
        f"/participants/{net.participant.pk}/sections/events.attendance/"
    ).content.decode()
    assert past.title in panel
    assert "Bewerbungstraining" in panel
    response = client.post(f"/events/for/{net.participant.pk}/register/", {"event": coming.pk})
    assert response.status_code == 302
    assert Registration.objects.filter(event=coming, participant=net.participant).exists()
    # Volunteers do not get the section; the stranger does not see the case.
    for user in (net.volunteer, net.third_counsellor):
        assert (
            german(user)
            .get(f"/participants/{net.participant.pk}/sections/events.attendance/")
            .status_code
            == 404
        )


def test_the_year_s_list_reads_the_same_queries_for_one_or_three_events(net: Network) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = german(net.counsellor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/events/?year=2026").status_code == 200
        return len(captured)

    jobcenter_staff(net, multiplier_training(net))
    one = queries()
    _registered(net, multiplier_training(net, title="Zweite"))
    jobcenter_staff(net, multiplier_training(net, title="Dritte"), count=3)
    assert queries() == one


def test_an_event_not_yet_begun_offers_no_evaluation(net: Network) -> None:
    future = datetime.date.today() + datetime.timedelta(days=5)
    coming = multiplier_training(net, sessions=[(future, datetime.time(9), datetime.time(12))])
    held = multiplier_training(net, title="Schon gehalten")
    client = german(net.counsellor)
    assert "Auswertung erfassen" not in client.get(f"/events/{coming.pk}/").content.decode()
    assert "Auswertung erfassen" in client.get(f"/events/{held.pk}/").content.decode()
    refused = client.post(
        f"/events/{coming.pk}/evaluation/",
        {"useful_1": 0, "useful_2": 0, "useful_3": 1, "useful_4": 0, "useful_5": 0},
    )
    assert refused.status_code == 200
    assert "Diese Veranstaltung hat noch nicht stattgefunden" in refused.content.decode()
    assert not Evaluation.objects.exists()
