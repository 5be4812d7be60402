"""Writes to the network's events: audited, keyword-only, atomic. The event row is locked
while its places are counted, so two registrations cannot both take the last place."""

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.services import audit_record, audit_record_many
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_current, lock_existing
from lotse.events import selectors
from lotse.events.enums import RegistrationStatus
from lotse.events.models import (
    Attendance,
    CountedGroup,
    Evaluation,
    Event,
    Registration,
    Session,
)
from lotse.network.models import Network, Organisation
from lotse.participants.access import CaseAccess

SessionTimes = tuple[datetime.date, datetime.time, datetime.time]


def _check_times(date: datetime.date, starts_at: datetime.time, ends_at: datetime.time) -> None:
    if ends_at <= starts_at:
        raise DomainError(_("A session must end after it starts."))


def _keep_year(event: Event) -> None:
    first = event.sessions.order_by("date").values_list("date", flat=True).first()
    if first is not None and first.year != event.year:
        event.year = first.year
        event.save(update_fields=["year"])


@transaction.atomic
def event_save(
    *,
    actor: User,
    network: Network,
    event: Event,
    organisers: Iterable[Organisation],
    expected_version: int | None,
    sessions: Sequence[SessionTimes] = (),
) -> Event:
    """Creates the event with its `sessions`, or saves its changes. Refuses organisers of
    another network, a new event without a session and a change saved by someone else since
    the form was opened."""
    organisers = list(organisers)
    if not organisers:
        raise DomainError(_("Name at least one organiser."))
    if any(o.network_id != network.pk for o in organisers):
        raise DomainError(_("An organisation of another network cannot organise this event."))
    if event.site_id and event.site and event.site.organisation.network_id != network.pk:
        raise DomainError(_("A site of another network cannot hold this event."))
    created = event.pk is None
    if created:
        if not sessions:
            raise DomainError(_("Enter at least one session."))
        for times in sessions:
            _check_times(*times)
        event.year = min(date for date, _start, _end in sessions).year
        event.created_by = actor
    else:
        event.version = lock_existing(
            Event.objects.filter(pk=event.pk, network=network), expected_version=expected_version
        ).version
        if event.capacity is not None and event.capacity < _taken(event):
            raise DomainError(
                _("The capacity cannot be smaller than the places taken (%(taken)s).")
                % {"taken": _taken(event)}
            )
    event.network = network
    event.save()
    event.organisers.set(organisers)
    if created:
        Session.objects.bulk_create(
            Session(event=event, date=date, starts_at=start, ends_at=end)
            for date, start, end in sessions
        )
    audit_record(
        actor=actor,
        action="events.event.created" if created else "events.event.changed",
        obj=event,
        detail={"title": event.title},
    )
    return event


def weekly_sessions(
    first: datetime.date, starts_at: datetime.time, ends_at: datetime.time, count: int
) -> list[SessionTimes]:
    """A series: `count` sessions a week apart from `first`."""
    return [(first + datetime.timedelta(weeks=n), starts_at, ends_at) for n in range(count)]


@transaction.atomic
def session_add(
    *,
    actor: User,
    event: Event,
    date: datetime.date,
    starts_at: datetime.time,
    ends_at: datetime.time,
) -> Session:
    _check_times(date, starts_at, ends_at)
    Event.objects.select_for_update().filter(pk=event.pk).first()
    session = Session.objects.create(event=event, date=date, starts_at=starts_at, ends_at=ends_at)
    _keep_year(event)
    audit_record(
        actor=actor, action="events.session.added", obj=event, detail={"session": str(session)}
    )
    return session


@transaction.atomic
def session_remove(*, actor: User, session: Session) -> None:
    """A session with attendance recorded stays: removing it would lose the attendance."""
    event = session.event
    Event.objects.select_for_update().filter(pk=event.pk).first()
    if Attendance.objects.filter(session=session).exists():
        raise DomainError(_("Attendance is recorded for this session; it cannot be removed."))
    if event.sessions.count() <= 1:
        raise DomainError(_("An event keeps at least one session."))
    text = str(session)
    session.delete()
    _keep_year(event)
    audit_record(actor=actor, action="events.session.removed", obj=event, detail={"session": text})


def _taken(event: Event) -> int:
    """Places taken: registered participants and counted persons."""
    registered = Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()
    counted = CountedGroup.objects.filter(event=event).aggregate(n=Sum("count"))["n"] or 0
    return registered + counted


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def registration_add(*, actor: User, event: Event, case: CaseAccess) -> Registration:
    """Registers the participant, or puts them on the waiting list when the event is full;
    refused when it is full and has no waiting list, or when they are registered already."""
    event = _lock(event)
    participant = case.participant
    if Registration.objects.filter(event=event, participant=participant).exists():
        raise DomainError(_("This person is registered for the event already."))
    status = RegistrationStatus.REGISTERED
    if event.capacity is not None and _taken(event) >= event.capacity:
        if not event.waiting_list:
            raise DomainError(
                _(
                    "The event is full (%(capacity)s places) and has no waiting list: "
                    "the person was not registered."
                )
                % {"capacity": event.capacity}
            )
        status = RegistrationStatus.WAITING
    registration = Registration.objects.create(
        network_id=event.network_id,
        event=event,
        participant=participant,
        organisation_id=case.organisation_id,
        status=status,
    )
    audit_record(
        actor=actor,
        action="events.registration.created",
        obj=registration,
        participant_id=participant.pk,
        detail={"event": event.pk, "status": status},
    )
    return registration


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration | None:
    """Cancels the registration; the first on the waiting list moves up into the free place.
    Answers whom it moved up."""
    event = _lock(registration.event)
    was_registered = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="events.registration.cancelled",
        obj=registration,
        participant_id=registration.participant_id,
        detail={"event": event.pk},
    )
    if not was_registered:
        return None
    waiting = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None or (event.capacity is not None and _taken(event) >= event.capacity):
        return None
    waiting.status = RegistrationStatus.REGISTERED
    waiting.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="events.registration.moved_up",
        obj=waiting,
        participant_id=waiting.participant_id,
        detail={"event": event.pk},
    )
    return waiting


@transaction.atomic
def group_save(
    *, actor: User, event: Event, group: CountedGroup, expected_version: int | None
) -> CountedGroup:
    """Counted persons take places like participants; a group that does not fit is refused
    (a count cannot wait on a list)."""
    event = _lock(event)
    created = group.pk is None
    before = 0
    if not created:
        locked = lock_existing(
            CountedGroup.objects.filter(pk=group.pk, event=event),
            expected_version=expected_version,
        )
        group.version = locked.version
        before = locked.count
    if event.capacity is not None:
        free = event.capacity - _taken(event) + before
        if group.count > free:
            raise DomainError(
                _(
                    "Only %(free)s of %(capacity)s places are free: %(count)s persons do not fit. "
                    "Raise the capacity or count fewer persons."
                )
                % {"free": max(free, 0), "capacity": event.capacity, "count": group.count}
            )
    group.event = event
    group.save()
    audit_record(
        actor=actor,
        action="events.group.created" if created else "events.group.changed",
        obj=event,
        detail={"group": str(group)},
    )
    return group


@transaction.atomic
def group_remove(*, actor: User, group: CountedGroup) -> None:
    event = _lock(group.event)
    text = str(group)
    group.delete()
    audit_record(actor=actor, action="events.group.removed", obj=event, detail={"group": text})


def session_has_happened(session: Session, now: datetime.datetime | None = None) -> bool:
    now = timezone.localtime(now)
    return (session.date, session.starts_at) <= (now.date(), now.time())


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    session: Session,
    present: Mapping[int, bool],
    registrations: Iterable[Registration],
) -> int:
    """Records who was there (registration id → present) for the `registrations` the actor may
    see (the view reads them through the access rules); refused for a session that has not
    begun. Answers how many were recorded."""
    if not session_has_happened(session):
        raise DomainError(
            _(
                "The session on %(date)s has not taken place yet: "
                "attendance can be entered after it."
            )
            % {"date": session.date.strftime("%d.%m.%Y")}
        )
    allowed = {
        r.pk: r
        for r in registrations
        if r.event_id == session.event_id and r.status == RegistrationStatus.REGISTERED
    }
    rows = [
        Attendance(
            network_id=allowed[pk].network_id,
            session=session,
            registration=allowed[pk],
            present=value,
        )
        for pk, value in present.items()
        if pk in allowed
    ]
    Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["session", "registration"],
        update_fields=["present", "recorded_at"],
    )
    audit_record_many(
        actor=actor,
        action="events.attendance.recorded",
        participant_ids=[row.registration.participant_id for row in rows],
        detail={"event": session.event_id, "session": session.pk},
    )
    return len(rows)


@transaction.atomic
def evaluation_save(
    *, actor: User, event: Event, counts: Sequence[int], expected_version: int | None
) -> Evaluation:
    if len(counts) != 5 or any(n < 0 for n in counts):
        raise DomainError(_("Enter a number of answers for each of the five values."))
    sessions = list(event.sessions.all())
    if sessions and not any(session_has_happened(session) for session in sessions):
        # People counted in advance are expected, not reached: nobody can have judged it yet.
        raise DomainError(
            _(
                "This event has not taken place yet: the evaluation can be entered once its "
                "first session has begun."
            )
        )
    attendees = selectors.attendee_count(event)
    if sum(counts) > attendees:
        raise DomainError(
            _(
                "%(answered)s answers, but only %(attendees)s people attended (participants "
                "recorded as present and people counted by organisation or class): more cannot "
                "have answered. Record the attendance first, or correct the numbers."
            )
            % {"answered": sum(counts), "attendees": attendees}
        )
    locked = lock_current(Evaluation.objects.filter(event=event), expected_version=expected_version)
    evaluation = locked or Evaluation(event=event)
    (
        evaluation.useful_1,
        evaluation.useful_2,
        evaluation.useful_3,
        evaluation.useful_4,
        evaluation.useful_5,
    ) = counts
    evaluation.save()
    audit_record(
        actor=actor,
        action="events.evaluation.saved",
        obj=event,
        detail={"answered": evaluation.answered},
    )
    return evaluation
