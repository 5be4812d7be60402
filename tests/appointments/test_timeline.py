"""The case's timeline with an entry of every section that has one, all on one day: the
sections' moments are compared with each other when they sort, so each is an aware datetime."""

import datetime
import uuid

import pytest
from django.utils import timezone

from lotse.events import services as event_services
from lotse.participants import services as participant_services
from lotse.participants.access import participant_for_user
from lotse.participants.sections import case_sections, case_timeline
from tests.appointments.helpers import at, book
from tests.conftest import Network
from tests.events.helpers import multiplier_training
from tests.referrals.helpers import refer, referral_consent

pytestmark = pytest.mark.django_db


def test_the_timeline_sorts_an_entry_of_every_section_on_one_day(net: Network) -> None:
    day = timezone.localdate() - datetime.timedelta(days=1)
    participant_services.residence_document_record(
        actor=net.counsellor,
        participant=net.participant,
        document_type="aufenthaltserlaubnis",
        issued_on=day,
    )
    participant_services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=day,
        duration_minutes=30,
        form="in_person",
        topics=["residence_law"],
    )
    book(net, starts_at=at(day, 11), ends_at=at(day, 11, 30), status="done")
    event = multiplier_training(net, sessions=[(day, datetime.time(9), datetime.time(10))])
    case = participant_for_user(net.counsellor, net.participant.pk)
    registration = event_services.registration_add(actor=net.counsellor, event=event, case=case)
    event_services.attendance_record(
        actor=net.counsellor,
        session=event.sessions.get(),
        present={registration.pk: True},
        registrations=[registration],
    )
    # Referrals (issue 13) write their steps into the timeline as well; made today.
    referral_consent(net)
    refer(net)
    case = participant_for_user(net.counsellor, net.participant.pk)
    entries = case_timeline(case)
    with_entries = {
        s.key for s in case_sections() if s.timeline_entries and s.timeline_entries(case)
    }
    assert with_entries == {s.key for s in case_sections() if s.timeline_entries is not None}
    assert all(timezone.is_aware(entry.moment) for entry in entries)
    labels = [entry.label for entry in entries if entry.day == day]
    assert sorted(labels) == sorted(
        ["Aufenthaltsdokument", "Beratungskontakt", "Termin", "Veranstaltung", "Veranstaltung"]
    )
    moments = [entry.moment for entry in entries if entry.day == day]
    assert moments == sorted(moments, reverse=True)
