"""Reads of the network's events. Participants' names are read only through the case kernel's
access rules: a reader sees the names of the registered participants they may see as a case
worker, and of the others only how many there are."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet, Sum

from lotse.events.enums import RegistrationStatus
from lotse.events.models import Attendance, CountedGroup, Event, Registration, Session
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.participants.access import visible_participants


def network_events(user: User | AnonymousUser, year: int | None = None) -> QuerySet[Event]:
    membership = membership_of(user)
    if membership is None:
        return Event.objects.none()
    events = Event.objects.filter(network_id=membership.organisation.network_id)
    if year is not None:
        events = events.filter(year=year)
    return events.prefetch_related("organisers", "sessions").select_related("site")


def with_counts(events: QuerySet[Event]) -> list[Event]:
    """The events, each with its registered participants (`registered_count`), waiting list
    (`waiting_count`) and counted persons (`counted_persons`): counts, which reveal no one.
    Two grouped queries for the whole list: a correlated subquery per event and count had
    SQLite scan the registrations once per event."""
    rows = list(events)
    ids = [event.pk for event in rows]
    registrations: dict[tuple[int, str], int] = {
        (row["event"], row["status"]): row["n"]
        for row in Registration.objects.filter(event__in=ids)
        .order_by()
        .values("event", "status")
        .annotate(n=Count("pk"))
    }
    counted = dict(
        CountedGroup.objects.filter(event__in=ids)
        .order_by()
        .values("event")
        .annotate(n=Sum("count"))
        .values_list("event", "n")
    )
    for event in rows:
        event.registered_count = registrations.get(  # type: ignore[attr-defined]
            (event.pk, RegistrationStatus.REGISTERED), 0
        )
        event.waiting_count = registrations.get(  # type: ignore[attr-defined]
            (event.pk, RegistrationStatus.WAITING), 0
        )
        event.counted_persons = counted.get(event.pk, 0)  # type: ignore[attr-defined]
    return rows


def event_years(user: User | AnonymousUser) -> list[int]:
    membership = membership_of(user)
    if membership is None:
        return []
    return list(
        Event.objects.filter(network_id=membership.organisation.network_id)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def sees_names(user: User | AnonymousUser) -> bool:
    """Only case workers see names of participants at events: volunteers, the coordinator,
    the funder and the data-protection officer see counts."""
    membership = membership_of(user)
    return membership is not None and membership.role in CASE_ROLES


@dataclass(frozen=True)
class Registrations:
    """The registrations of an event as a reader may see them."""

    shown: list[Registration]  # participants the reader may see, with the participant loaded
    hidden_registered: int  # registered participants the reader may not see: a count
    hidden_waiting: int


def registrations_for(user: User | AnonymousUser, event: Event) -> Registrations:
    rows = Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED)
    shown: list[Registration] = []
    if sees_names(user):
        shown = list(
            rows.filter(participant__in=visible_participants(user))
            .select_related("participant", "organisation")
            .order_by("status", "participant__last_name", "participant__first_names", "pk")
        )
    shown_ids = {r.pk for r in shown}
    hidden = rows.exclude(pk__in=shown_ids).values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in hidden}
    return Registrations(
        shown=shown,
        hidden_registered=counts.get(RegistrationStatus.REGISTERED, 0),
        hidden_waiting=counts.get(RegistrationStatus.WAITING, 0),
    )


def attendee_count(event: Event) -> int:
    """Who attended: registered participants present at one session at least, and the people
    counted by organisation or class (they are counted as there)."""
    present = Registration.objects.filter(event=event, attendances__present=True).distinct().count()
    counted = CountedGroup.objects.filter(event=event).aggregate(n=Sum("count"))["n"] or 0
    return present + counted


def taken_places(event: Event) -> int:
    registered = Registration.objects.filter(
        event=event, status=RegistrationStatus.REGISTERED
    ).count()
    counted = CountedGroup.objects.filter(event=event).aggregate(n=Sum("count"))["n"] or 0
    return registered + counted


@dataclass(frozen=True)
class AttendanceRow:
    registration: Registration
    marks: list[bool | None]  # per session: present, absent, not recorded
    attended: int
    recorded: int

    @property
    def rate(self) -> int | None:
        """Per cent of the sessions recorded for the person."""
        return round(100 * self.attended / self.recorded) if self.recorded else None


def attendance_rows(
    registrations: list[Registration], sessions: list[Session]
) -> list[AttendanceRow]:
    """Per person and session, for the registrations shown (one query)."""
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    marks: dict[tuple[int, int], bool] = {
        (a.registration_id, a.session_id): a.present
        for a in Attendance.objects.filter(registration__in=[r.pk for r in registered])
    }
    rows = []
    for registration in registered:
        per_session = [marks.get((registration.pk, s.pk)) for s in sessions]
        recorded = [m for m in per_session if m is not None]
        rows.append(
            AttendanceRow(registration, per_session, sum(1 for m in recorded if m), len(recorded))
        )
    return rows


def session_marks(registrations: list[Registration], session: Session) -> dict[int, bool]:
    return dict(
        Attendance.objects.filter(
            session=session, registration__in=[r.pk for r in registrations]
        ).values_list("registration_id", "present")
    )


@dataclass(frozen=True)
class ReachRow:
    """People reached in a year, by kind of event and organiser (a plain row for reports). An
    event with several organisers counts for each of them."""

    year: int
    kind: str
    organisation_id: int
    organisation: str
    events: int
    sessions: int
    participants: int  # participants of the case database present at a session at least once
    counted_persons: int  # persons counted by organisation and function, or pupils


def reach_by_kind_and_organisation(network_id: int, year: int) -> list[ReachRow]:
    """The year's events and people reached, for the coordinator's overview and reporting."""
    events = list(
        Event.objects.filter(network_id=network_id, year=year)
        .annotate(session_count=Count("sessions", distinct=True))
        .prefetch_related("organisers")
    )
    reached = dict(
        Attendance.objects.filter(
            network_id=network_id, present=True, session__event__in=[e.pk for e in events]
        )
        .values("session__event")
        .annotate(n=Count("registration__participant", distinct=True))
        .values_list("session__event", "n")
    )
    counted = dict(
        CountedGroup.objects.filter(event__in=[e.pk for e in events])
        .values("event")
        .annotate(n=Sum("count"))
        .values_list("event", "n")
    )
    totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    names: dict[int, str] = {}
    for event in events:
        for organisation in event.organisers.all():
            names[organisation.pk] = organisation.name
            row = totals[(event.kind, organisation.pk)]
            row[0] += 1
            row[1] += event.session_count
            row[2] += reached.get(event.pk, 0)
            row[3] += counted.get(event.pk, 0)
    return [
        ReachRow(year, kind, org, names[org], *values)
        for (kind, org), values in sorted(
            totals.items(), key=lambda item: (item[0][0], names[item[0][1]])
        )
    ]


def attendances_of_participant(participant_id: int) -> list[Attendance]:
    """The events a participant attended, for their case's timeline."""
    return list(
        Attendance.objects.filter(registration__participant_id=participant_id)
        .select_related("session__event")
        .order_by("session__date", "session__starts_at")
    )


def registrations_of_participant(participant_id: int) -> list[Registration]:
    return list(
        Registration.objects.filter(participant_id=participant_id)
        .select_related("event")
        .prefetch_related("event__sessions")
    )


@dataclass(frozen=True)
class ReachTotals:
    """The year's figures with each event and person counted once."""

    events: int
    sessions: int
    participants: int
    counted_persons: int


def reach_totals(network_id: int, year: int) -> ReachTotals:
    events = Event.objects.filter(network_id=network_id, year=year)
    participants = (
        Attendance.objects.filter(network_id=network_id, present=True, session__event__in=events)
        .values("registration__participant")
        .distinct()
        .count()
    )
    counted = CountedGroup.objects.filter(event__in=events).aggregate(n=Sum("count"))["n"] or 0
    return ReachTotals(
        events=events.count(),
        sessions=Session.objects.filter(event__in=events).count(),
        participants=participants,
        counted_persons=counted,
    )


def sessions_attended(registration: Registration) -> list[Session]:
    return list(
        Session.objects.filter(
            attendances__registration=registration, attendances__present=True
        ).order_by("date", "starts_at")
    )


def session_counts(event_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per session: how many were present and how many absent (counts, no one named)."""
    rows = (
        Attendance.objects.filter(session__event__in=event_ids)
        .values("session")
        .annotate(
            n_present=Count("pk", filter=Q(present=True)),
            n_absent=Count("pk", filter=Q(present=False)),
        )
    )
    return {row["session"]: (row["n_present"], row["n_absent"]) for row in rows}


def attended_counts(registration_ids: list[int]) -> dict[int, int]:
    return dict(
        Attendance.objects.filter(registration__in=registration_ids, present=True)
        .values("registration")
        .annotate(n=Count("pk"))
        .values_list("registration", "n")
    )


def coming_events(user: User | AnonymousUser, today: datetime.date) -> list[Event]:
    """Events of the network with a session today or later, the next first."""
    events = (
        network_events(user).filter(sessions__date__gte=today).distinct().order_by("title", "pk")
    )
    return sorted(events, key=lambda e: min(s.date for s in e.sessions.all()))


@dataclass(frozen=True)
class PeriodReach:
    """People reached by the events that met in a period (for the yearly figures and the
    dashboard): participants present at least once, by gender, and the persons counted."""

    events: int
    participants_by_gender: dict[str, int]
    counted_persons: int

    @property
    def total(self) -> int:
        return sum(self.participants_by_gender.values()) + self.counted_persons


def period_reach(
    *,
    network_id: int,
    start: datetime.date,
    end: datetime.date,
    organisation_id: int | None = None,
    kinds: frozenset[str] | None = None,
) -> PeriodReach:
    """The events with a session in the period (organised by `organisation_id` if given; of
    `kinds` if given), each person counted once across them."""
    events = Event.objects.filter(
        network_id=network_id, sessions__date__gte=start, sessions__date__lte=end
    )
    if organisation_id is not None:
        events = events.filter(organisers=organisation_id)
    if kinds is not None:
        events = events.filter(kind__in=kinds)
    event_ids = events.values("pk").distinct()
    present = dict(
        Attendance.objects.filter(
            network_id=network_id,
            present=True,
            session__event__in=event_ids,
            session__date__gte=start,
            session__date__lte=end,
        )
        .values("registration__participant__gender")
        .annotate(n=Count("registration__participant", distinct=True))
        .values_list("registration__participant__gender", "n")
    )
    counted = CountedGroup.objects.filter(event__in=event_ids).aggregate(n=Sum("count"))["n"]
    return PeriodReach(
        events=Event.objects.filter(pk__in=event_ids).count(),
        participants_by_gender=present,
        counted_persons=counted or 0,
    )


def period_reach_by_kind(
    *, network_id: int, start: datetime.date, end: datetime.date, organisation_id: int | None
) -> dict[str, tuple[int, int]]:
    """For the dashboard: per kind of event that met in the period, (events, people reached:
    participants present at least once plus the persons counted); three grouped queries."""
    events = Event.objects.filter(
        network_id=network_id, sessions__date__gte=start, sessions__date__lte=end
    )
    if organisation_id is not None:
        events = events.filter(organisers=organisation_id)
    event_ids = events.values("pk").distinct()
    counts = dict(
        Event.objects.filter(pk__in=event_ids)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    present = dict(
        Attendance.objects.filter(
            network_id=network_id,
            present=True,
            session__event__in=event_ids,
            session__date__gte=start,
            session__date__lte=end,
        )
        .values("session__event__kind")
        .annotate(n=Count("registration__participant", distinct=True))
        .values_list("session__event__kind", "n")
    )
    counted = dict(
        CountedGroup.objects.filter(event__in=event_ids)
        .values("event__kind")
        .annotate(n=Sum("count"))
        .values_list("event__kind", "n")
    )
    return {
        kind: (n, present.get(kind, 0) + (counted.get(kind) or 0)) for kind, n in counts.items()
    }
