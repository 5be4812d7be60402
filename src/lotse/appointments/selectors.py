"""Reads of appointments: plain ORM reads inside the network scope."""

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from lotse.appointments.enums import ACTIVE_STATUSES, AppointmentStatus
from lotse.appointments.models import (
    Appointment,
    AppointmentSettings,
    CounsellorHours,
    Reminder,
)
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Site
from lotse.participants.access import CaseAccess, shared_participant_ids, visible_participants
from lotse.participants.models import Participant

RELATED = ("site", "counsellor", "interpreter")
LIST_FIELDS = (
    "pk",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "place",
    "address",
    "interpreter_name",
    "interpreter_language",
    "participant_id",
    "participant__first_names",
    "participant__last_name",
    "participant__file_number",
    "site__name",
    "counsellor__username",
    "counsellor__first_name",
    "counsellor__last_name",
    "interpreter__username",
    "interpreter__first_name",
    "interpreter__last_name",
)


def appointments_of(case: CaseAccess) -> list[Appointment]:
    """All appointments of the case, oldest first; read once per request (panel, timeline)."""
    return case.loaded(
        "appointments",
        lambda: list(
            Appointment.objects.filter(participant=case.participant)
            .select_related(*RELATED)
            .select_related("reminder")
        ),
    )


def appointment_of(case: CaseAccess, pk: int) -> Appointment | None:
    return (
        Appointment.objects.filter(participant=case.participant, pk=pk)
        .select_related(*RELATED, "participant")
        .first()
    )


@dataclass(frozen=True)
class CaseAppointments:
    upcoming: list[Appointment]
    past: list[Appointment]
    missed: int


def case_appointments(case: CaseAccess) -> CaseAppointments:
    now = timezone.now()
    rows = appointments_of(case)
    upcoming = [a for a in rows if a.ends_at >= now and a.status in ACTIVE_STATUSES]
    past = [a for a in reversed(rows) if a not in upcoming]
    missed = sum(1 for a in rows if a.status == AppointmentStatus.MISSED)
    return CaseAppointments(upcoming, past, missed)


def day_bounds(first: datetime.date, days: int = 1) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    return start, start + datetime.timedelta(days=days)


def visible_filter(user: User) -> Q:
    """Appointments of participants the user may see: the own organisation's by a column, the
    shared ones by their ids, resolved in one small query first (as the caseload does), so a
    list of thousands of rows carries no consent subquery per row."""
    membership = membership_of(user)
    if membership is None or membership.role not in CASE_ROLES:
        return Q(participant__in=visible_participants(user))
    shared = list(shared_participant_ids(membership.organisation_id, timezone.localdate()))
    return Q(participant__organisation_id=membership.organisation_id) | Q(
        participant_id__in=[row["participant_id"] for row in shared]
    )


def appointments_of_user(user: User, first: datetime.date, days: int) -> QuerySet[Appointment]:
    """The user's appointments (as counsellor or interpreter) of participants they may still
    see, from `first` for `days` days."""
    start, end = day_bounds(first, days)
    return (
        Appointment.objects.filter(
            Q(counsellor=user) | Q(interpreter=user),
            visible_filter(user),
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .select_related(*RELATED, "participant")
        .only(*LIST_FIELDS)
        .order_by("starts_at", "pk")
    )


def _at_site(user: User, site: Site, day: datetime.date, days: int) -> QuerySet[Appointment]:
    """The appointments at the site of participants the user may see, from `day` for `days`
    local days, cancelled and moved ones left out: what the desk's rows and counts share."""
    start, end = day_bounds(day, days)
    return Appointment.objects.filter(
        visible_filter(user),
        site=site,
        starts_at__gte=start,
        starts_at__lt=end,
    ).exclude(status__in=(AppointmentStatus.CANCELLED, AppointmentStatus.RESCHEDULED))


def site_day(user: User, site: Site, day: datetime.date, days: int = 1) -> QuerySet[Appointment]:
    """Who comes to the site when: the appointments at the site of participants the user may
    see, cancelled and moved ones left out."""
    return (
        _at_site(user, site, day, days)
        .select_related(*RELATED, "participant")
        # What the list shows: a week of a busy site is thousands of rows.
        .only(*LIST_FIELDS)
        .order_by("starts_at", "pk")
    )


# The columns of a list row (the front desk's day or week): plain values, no model instances,
# since a busy site's week is thousands of rows (bench/bench_appointments.py).
LIST_COLUMNS = (
    "pk",
    "version",
    "participant_id",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "interpreter_id",
    "interpreter_name",
    "interpreter_language",
    "participant__first_names",
    "participant__last_name",
    "participant__file_number",
    "counsellor__username",
    "counsellor__first_name",
    "counsellor__last_name",
    "interpreter__username",
    "interpreter__first_name",
    "interpreter__last_name",
)


def site_rows(user: User, site: Site, first: datetime.date, days: int = 1) -> list[dict[str, Any]]:
    """`site_day` as plain rows of `LIST_COLUMNS`: one query."""
    return list(site_day(user, site, first, days).values(*LIST_COLUMNS))


@dataclass(frozen=True)
class DayCount:
    appointments: int
    interpreters: int


# An appointment needs an interpreter when one is named (of the network or from outside) or
# only the language is known (`Appointment.needs_interpreter`).
NEEDS_INTERPRETER = (
    Q(interpreter__isnull=False) | ~Q(interpreter_name="") | ~Q(interpreter_language="")
)


def site_day_counts(
    user: User, site: Site, first: datetime.date, days: int = 7
) -> dict[datetime.date, DayCount]:
    """How many appointments each local day from `first` has at the site, and how many of them
    need an interpreter: one aggregate query grouped by the day in the current time zone
    (Europe/Berlin; a 00:30 appointment belongs to its local day, not to UTC's day before).
    Days without appointments are missing."""
    rows = (
        _at_site(user, site, first, days)
        .order_by()
        .annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"), interpreters=Count("pk", filter=NEEDS_INTERPRETER))
    )
    return {row["day"]: DayCount(row["n"], row["interpreters"]) for row in rows}


def sites_of(user_organisation_id: int) -> QuerySet[Site]:
    return Site.objects.filter(organisation_id=user_organisation_id)


def feed_appointments(user: User) -> QuerySet[Appointment]:
    """The calendar feed: the user's appointments from 30 days back on. Cancelled ones stay in
    it (as CANCELLED, so a subscribed calendar strikes them out); moved ones are replaced by
    their new appointment."""
    since = timezone.now() - datetime.timedelta(days=30)
    return (
        Appointment.objects.filter(Q(counsellor=user) | Q(interpreter=user), starts_at__gte=since)
        .exclude(status=AppointmentStatus.RESCHEDULED)
        .select_related("site", "participant")
        .only(
            "pk",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "place",
            "address",
            "online_link",
            "site__name",
            "site__street",
            "site__postcode",
            "site__city",
            "participant__file_number",
        )
        .order_by("starts_at")
    )


def feed_version(user: User) -> str:
    """What the feed's content depends on, in one indexed query: a calendar polls the feed
    every few minutes, and most polls find nothing changed (`ical.cached_feed`)."""
    found = feed_appointments(user).order_by().aggregate(n=Count("pk"), changed=Max("updated_at"))
    changed = found["changed"].isoformat() if found["changed"] else ""
    return f"{user.pk}:{timezone.localdate()}:{found['n']}:{changed}"


def lead_hours(network_id: int) -> int:
    found = AppointmentSettings.objects.filter(network_id=network_id).first()
    return found.reminder_lead_hours if found else 24


def failed_reminders() -> QuerySet[Reminder]:
    return Reminder.objects.filter(status="failed")


def appointments_export(participant: Participant) -> dict[str, Any]:
    rows = Appointment.objects.filter(participant=participant).values(
        "kind", "starts_at", "ends_at", "place", "address", "status", "note"
    )
    return {
        "appointments": [
            {
                **row,
                "starts_at": row["starts_at"].isoformat(),
                "ends_at": row["ends_at"].isoformat(),
            }
            for row in rows
        ]
    }


def feed_owner(token: str) -> Any:
    from lotse.appointments.models import CalendarFeed

    if not token or len(token) > 64:
        return None
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def site_in_network(pk: int, network_id: int) -> Site | None:
    return Site.objects.filter(pk=pk, organisation__network_id=network_id).first()


def busy_times(
    person: User, start: datetime.datetime, end: datetime.datetime
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """When `person` is booked (as counsellor or interpreter) between `start` and `end`."""
    return list(
        Appointment.objects.filter(
            Q(counsellor=person) | Q(interpreter=person),
            status__in=ACTIVE_STATUSES,
            starts_at__lt=end,
            ends_at__gt=start,
        ).values_list("starts_at", "ends_at")
    )


def reminders_for_counsellor(user: User, *, now: datetime.datetime, lead_hours: int) -> list[Any]:
    """The inbox's "appointment reminders": the user's coming appointments within the lead time,
    and reminders of their appointments that failed or need the printed card, of participants
    they may still see."""
    soon = Appointment.objects.filter(
        counsellor=user,
        status__in=ACTIVE_STATUSES,
        starts_at__gte=now,
        starts_at__lt=now + datetime.timedelta(hours=lead_hours),
    )
    needs_hand = Appointment.objects.filter(
        counsellor=user,
        status__in=ACTIVE_STATUSES,
        starts_at__gte=now,
        reminder__status__in=("failed", "card"),
    )
    return list(
        (soon | needs_hand)
        .filter(participant__in=visible_participants(user))
        .select_related("participant", "site", "reminder")
        .order_by("starts_at")[:50]
    )


def hours_people(user: User) -> QuerySet[User]:
    """Whose consultation hours the user keeps: their own; a team lead's, also those of the
    counsellors and team leads of their organisation."""
    membership = membership_of(user)
    people = User.objects.filter(is_active=True).select_related("membership")
    if membership is None or membership.role not in CASE_ROLES:
        return people.none()
    if not user.has_perm("appointments.keep_team_hours"):
        return people.filter(pk=user.pk)
    return people.filter(
        membership__organisation_id=membership.organisation_id,
        membership__role__in=CASE_ROLES,
    ).order_by("last_name", "first_name", "username")


def hours_entries(counsellor: User) -> list[CounsellorHours]:
    return list(
        CounsellorHours.objects.filter(counsellor=counsellor)
        .select_related("site")
        .order_by("site__name", "by_appointment", "weekday", "starts_at", "pk")
    )


def hours_state(entries: list[CounsellorHours]) -> str:
    """A fingerprint of a counsellor's hours as a page showed them: the optimistic lock of the
    set (an entry added or removed by someone else since changes it)."""

    text = "|".join(
        f"{h.pk}:{h.site_id}:{h.by_appointment}:{h.weekday}:{h.starts_at}:{h.ends_at}"
        for h in sorted(entries, key=lambda h: h.pk)
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def network_sites(network_id: int) -> QuerySet[Site]:
    return (
        Site.objects.filter(organisation__network_id=network_id)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )
