import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from lotse.appointments import services, slots
from lotse.appointments.models import Appointment, CounsellorHours
from lotse.core.errors import DomainError
from lotse.network.models import ConsultationHour
from lotse.participants.access import participant_for_user
from tests.appointments.helpers import at, book, next_weekday, site_of
from tests.conftest import Network, share_with_consent

pytestmark = pytest.mark.django_db


def test_booking_records_an_appointment_of_the_case(net: Network) -> None:
    appointment = book(net)
    assert appointment.network_id == net.participant.network_id
    assert appointment.organisation_id == net.owner.pk
    assert appointment.status == "planned"


def test_end_before_start_is_refused(net: Network) -> None:
    day = next_weekday(1)
    with pytest.raises(DomainError, match="nach seinem Beginn enden"):
        book(net, starts_at=at(day, 11), ends_at=at(day, 10))
    assert not Appointment.objects.exists()


def test_planned_in_the_past_is_refused_but_done_is_recorded(net: Network) -> None:
    day = datetime.date.today() - datetime.timedelta(days=3)
    with pytest.raises(DomainError, match="in der Vergangenheit"):
        book(net, starts_at=at(day, 9), ends_at=at(day, 10))
    done = book(net, starts_at=at(day, 9), ends_at=at(day, 10), status="done")
    assert done.status == "done"


def test_double_booking_of_counsellor_or_interpreter_is_refused(net: Network) -> None:
    book(net, interpreter=net.team_lead)
    day = next_weekday(0)
    with pytest.raises(DomainError, match="Berater\\*in hat zu dieser Zeit"):
        book(net, starts_at=at(day, 10, 15), ends_at=at(day, 10, 45))
    with pytest.raises(DomainError, match="Sprachmittlung hat zu dieser Zeit"):
        book(
            net,
            counsellor=net.colleague,
            interpreter=net.team_lead,
            starts_at=at(day, 10, 15),
            ends_at=at(day, 10, 45),
        )
    # Back to back is no overlap; a cancelled appointment frees its time.
    book(net, starts_at=at(day, 10, 30), ends_at=at(day, 11))
    assert Appointment.objects.count() == 2


def test_a_cancelled_appointment_frees_the_slot(net: Network) -> None:
    first = book(net)
    case = participant_for_user(net.counsellor, net.participant.pk)
    services.appointment_update(
        actor=net.counsellor,
        case=case,
        appointment=first,
        expected_version=first.version,
        status="cancelled",
    )
    book(net)


def test_booking_outside_consultation_hours_is_refused(net: Network) -> None:
    ConsultationHour.objects.create(
        site=site_of(net), weekday=0, starts_at=datetime.time(12), ends_at=datetime.time(15)
    )
    day = next_weekday(0)
    with pytest.raises(DomainError, match="außerhalb der Sprechzeiten"):
        book(net, in_consultation_hours=True)  # 10:00 on a Monday
    inside = book(net, in_consultation_hours=True, starts_at=at(day, 12), ends_at=at(day, 12, 30))
    assert inside.pk


def test_free_slots_come_from_the_counsellors_hours_less_the_booked(net: Network) -> None:
    CounsellorHours.objects.create(
        network=net.participant.network,
        counsellor=net.counsellor,
        site=site_of(net),
        weekday=3,
        starts_at=datetime.time(12),
        ends_at=datetime.time(14),
    )
    day = next_weekday(3)
    book(net, starts_at=at(day, 12, 30), ends_at=at(day, 13))
    free = slots.free_slots(net.counsellor, day, 1, network_id=net.participant.network_id)
    assert [s.starts_at for s in free] == [at(day, 12), at(day, 13), at(day, 13, 30)]


def test_a_sharing_organisation_books_with_the_owners_counsellor(net: Network) -> None:
    share_with_consent(net)
    appointment = book(net, actor=net.other_counsellor, counsellor=net.counsellor)
    assert appointment.organisation_id == net.other.pk
    # …but not with a counsellor of a third organisation.
    day = next_weekday(2)
    with pytest.raises(DomainError, match="keine Termine dieser Person"):
        book(
            net,
            actor=net.other_counsellor,
            counsellor=net.third_counsellor,
            starts_at=at(day, 9),
            ends_at=at(day, 9, 30),
        )


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_of_one_slot_let_one_through(net: Network) -> None:
    from django_scopes import scopes_disabled

    results: list[str] = []

    def attempt() -> None:
        try:
            with scopes_disabled():
                book(net)
            results.append("booked")
        except DomainError:
            results.append("refused")
        except Exception as error:  # SQLite: the second writer may find the database locked
            results.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("booked") == 1
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_only_counsellors_and_team_leads_interpret(net: Network, persona: str) -> None:
    with pytest.raises(services.AppointmentError) as refused:
        book(net, interpreter=getattr(net, persona))
    assert refused.value.field == "interpreter"
    assert refused.value.message == (
        "Nur Berater*innen und Teamleitungen des Netzwerks können hier sprachmitteln."
    )
    assert not Appointment.objects.exists()
    assert book(net, interpreter=net.colleague).interpreter == net.colleague


def test_attended_or_missed_is_refused_before_the_start(net: Network) -> None:
    day = next_weekday(1)
    for status in ("done", "missed"):
        with pytest.raises(services.AppointmentError) as refused:
            book(net, starts_at=at(day, 9), ends_at=at(day, 10), status=status)
        assert refused.value.message == (
            "Dieser Termin hat noch nicht begonnen: Ob die Person gekommen ist, lässt sich "
            "ab seinem Beginn erfassen."
        )
    coming = book(net, starts_at=at(day, 9), ends_at=at(day, 10))
    case = participant_for_user(net.counsellor, net.participant.pk)
    with pytest.raises(services.AppointmentError):
        services.appointment_mark(
            actor=net.counsellor,
            case=case,
            appointment=coming,
            status="done",
            expected_version=coming.version,
        )
    with pytest.raises(services.AppointmentError):
        services.appointment_update(
            actor=net.counsellor,
            case=case,
            appointment=coming,
            expected_version=coming.version,
            status="missed",
        )
    coming.refresh_from_db()
    assert coming.status == "planned"


def test_the_desk_marks_a_begun_appointment_once(net: Network) -> None:
    from lotse.audit.models import AuditEvent
    from lotse.core.errors import StaleEditError

    # Begun an hour ago (recorded through the bulk path: booking in the past is refused).
    start = timezone.now() - datetime.timedelta(hours=1)
    appointment = Appointment.objects.create(
        network=net.participant.network,
        participant=net.participant,
        organisation=net.owner,
        kind="counselling",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        site=site_of(net),
        counsellor=net.counsellor,
    )
    case = participant_for_user(net.counsellor, net.participant.pk)
    marked = services.appointment_mark(
        actor=net.counsellor,
        case=case,
        appointment=appointment,
        status="missed",
        expected_version=appointment.version,
    )
    assert (marked.status, marked.version) == ("missed", appointment.version + 1)
    # A second desk that still shows the old version is refused, nothing overwritten.
    with pytest.raises(StaleEditError):
        services.appointment_mark(
            actor=net.counsellor,
            case=case,
            appointment=appointment,
            status="done",
            expected_version=appointment.version,
        )
    appointment.refresh_from_db()
    assert appointment.status == "missed"
    assert AuditEvent.objects.filter(action="appointments.appointment.marked").count() == 1
