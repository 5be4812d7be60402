import datetime

import pytest
from django.utils import translation

from lotse.core.errors import DomainError
from lotse.events import selectors, services
from lotse.events.models import Attendance, CountedGroup, Evaluation, Registration
from lotse.participants.access import participant_for_user
from tests.conftest import Network
from tests.events.helpers import jobcenter_staff, multiplier_training, school_course
from tests.factories import participant_for

pytestmark = pytest.mark.django_db


def _case(net: Network, **person: str):  # type: ignore[no-untyped-def]
    participant = participant_for(net.counsellor, **person)
    return participant_for_user(net.counsellor, participant.pk)


def test_registration_beyond_capacity_goes_to_the_waiting_list(net: Network) -> None:
    event = multiplier_training(net, capacity=13)
    jobcenter_staff(net, event, count=12)
    first = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    second = services.registration_add(
        actor=net.counsellor, event=event, case=_case(net, last_name="Zweite")
    )
    assert (first.status, second.status) == ("registered", "waiting")
    assert selectors.taken_places(event) == 13


def test_registration_beyond_capacity_without_waiting_list_is_refused(net: Network) -> None:
    event = multiplier_training(net, capacity=1, waiting_list=False)
    services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    with pytest.raises(DomainError) as refused:
        services.registration_add(actor=net.counsellor, event=event, case=_case(net))
    assert "hat keine Warteliste" in refused.value.message
    assert Registration.objects.filter(event=event).count() == 1


def test_cancelling_moves_the_first_waiting_person_up(net: Network) -> None:
    event = multiplier_training(net, capacity=1)
    first = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    waiting = services.registration_add(actor=net.counsellor, event=event, case=_case(net))
    moved = services.registration_cancel(actor=net.counsellor, registration=first)
    assert moved is not None
    assert moved.pk == waiting.pk
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_counted_group_beyond_capacity_is_refused(net: Network) -> None:
    event = multiplier_training(net, capacity=10)
    with pytest.raises(DomainError) as refused:
        jobcenter_staff(net, event, count=12)
    assert refused.value.message.startswith("Nur 10 von 10 Plätzen sind frei: 12 Personen")
    assert not CountedGroup.objects.filter(event=event).exists()


def test_attendance_for_a_session_that_has_not_happened_is_refused(net: Network) -> None:
    future = datetime.date.today() + datetime.timedelta(days=7)
    event = multiplier_training(net, sessions=[(future, datetime.time(9), datetime.time(12))])
    registration = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    with pytest.raises(DomainError) as refused:
        services.attendance_record(
            actor=net.counsellor,
            session=event.sessions.get(),
            present={registration.pk: True},
            registrations=[registration],
        )
    assert "hat noch nicht stattgefunden" in refused.value.message
    assert not Attendance.objects.exists()


def test_series_of_twenty_sessions_gives_attendance_rates_per_person(net: Network) -> None:
    event = school_course(net, sessions=20)
    sessions = list(event.sessions.all())
    assert len(sessions) == 20
    assert event.year == 2026
    one = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    two = services.registration_add(actor=net.counsellor, event=event, case=_case(net))
    for number, session in enumerate(sessions):
        services.attendance_record(
            actor=net.counsellor,
            session=session,
            present={one.pk: True, two.pk: number % 4 == 0},
            registrations=[one, two],
        )
    rows = selectors.attendance_rows([one, two], sessions)
    assert [(row.attended, row.recorded, row.rate) for row in rows] == [(20, 20, 100), (5, 20, 25)]


def test_attendance_of_a_registration_the_actor_may_not_see_is_not_recorded(net: Network) -> None:
    event = multiplier_training(net)
    registration = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    count = services.attendance_record(
        actor=net.third_counsellor,
        session=event.sessions.get(),
        present={registration.pk: True},
        registrations=[],
    )
    assert count == 0
    assert not Attendance.objects.exists()


def test_reach_counts_participants_present_and_counted_persons_by_kind_and_organiser(
    net: Network,
) -> None:
    training = multiplier_training(net)
    jobcenter_staff(net, training, count=12)
    course = school_course(net, sessions=2)
    registration = services.registration_add(
        actor=net.counsellor,
        event=course,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    for session in course.sessions.all():
        services.attendance_record(
            actor=net.counsellor,
            session=session,
            present={registration.pk: True},
            registrations=[registration],
        )
    rows = selectors.reach_by_kind_and_organisation(net.owner.network_id, 2026)
    assert [
        (r.kind, r.organisation, r.events, r.sessions, r.participants, r.counted_persons)
        for r in rows
    ] == [
        ("multiplier_training", "Sozialwerk Test", 1, 1, 0, 12),
        ("school_course", "Sozialwerk Test", 1, 2, 1, 0),
    ]
    totals = selectors.reach_totals(net.owner.network_id, 2026)
    assert (totals.events, totals.sessions, totals.participants, totals.counted_persons) == (
        2,
        3,
        1,
        12,
    )


def test_an_event_needs_a_session_and_a_session_must_end_after_it_starts(net: Network) -> None:
    with pytest.raises(DomainError):
        multiplier_training(net, sessions=[])
    with pytest.raises(DomainError):
        multiplier_training(
            net, sessions=[(datetime.date(2026, 3, 1), datetime.time(12), datetime.time(9))]
        )


def test_a_session_with_attendance_cannot_be_removed(net: Network) -> None:
    event = school_course(net, sessions=2)
    registration = services.registration_add(
        actor=net.counsellor,
        event=event,
        case=participant_for_user(net.counsellor, net.participant.pk),
    )
    session = event.sessions.first()
    assert session is not None
    services.attendance_record(
        actor=net.counsellor,
        session=session,
        present={registration.pk: False},
        registrations=[registration],
    )
    with pytest.raises(DomainError):
        services.session_remove(actor=net.counsellor, session=session)


def test_the_case_exports_and_erases_its_events(net: Network) -> None:
    from lotse.participants import services as participant_services

    event = multiplier_training(net)
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
    case = participant_for_user(net.counsellor, net.participant.pk)
    exported = participant_services.participant_export(actor=net.counsellor, case=case)
    assert exported["events"] == [
        {
            "event": event.title,
            "kind": "multiplier_training",
            "status": "registered",
            "sessions": [{"date": "2026-03-10", "present": True}],
        }
    ]
    report = participant_services.participant_erase(actor=net.counsellor, case=case)
    assert report["events.attendance"] == 1
    assert report["events.registration"] == 1
    assert not Registration.objects.exists()


def test_an_evaluation_before_the_event_has_begun_is_refused(net: Network) -> None:
    # Twelve Jobcenter staff counted in advance must not make an evaluation possible.
    future = datetime.date.today() + datetime.timedelta(days=5)
    event = multiplier_training(net, sessions=[(future, datetime.time(9), datetime.time(12))])
    jobcenter_staff(net, event)
    with pytest.raises(DomainError) as refused:
        services.evaluation_save(
            actor=net.counsellor, event=event, counts=[0, 0, 1, 2, 2], expected_version=None
        )
    with translation.override("de"):
        assert str(refused.value.message) == (
            "Diese Veranstaltung hat noch nicht stattgefunden: Die Auswertung kann erfasst "
            "werden, sobald ihr erster Termin begonnen hat."
        )
    assert not Evaluation.objects.exists()
    past_event = multiplier_training(net)
    jobcenter_staff(net, past_event)
    saved = services.evaluation_save(
        actor=net.counsellor, event=past_event, counts=[0, 0, 1, 2, 2], expected_version=None
    )
    assert saved.answered == 5
