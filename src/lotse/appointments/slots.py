"""Free slots: a counsellor's consultation hours cut into slots, less what is booked."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.appointments.models import AppointmentSettings, CounsellorHours
from lotse.appointments.selectors import busy_times
from lotse.network.models import ConsultationHour, Membership, Site


@dataclass(frozen=True, slots=True)
class Hours:
    site: Site
    weekday: int
    starts_at: datetime.time
    ends_at: datetime.time


@dataclass(frozen=True, slots=True)
class Slot:
    site: Site
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def slot_minutes(network_id: int) -> int:
    found = AppointmentSettings.objects.filter(network_id=network_id).first()
    return found.slot_minutes if found else 30


def hours_of(counsellor: User) -> list[Hours]:
    """The counsellor's own hours, else the consultation hours of their organisation's sites.
    Entries "by appointment" have no hours: see `by_appointment_sites`."""
    own = list(CounsellorHours.objects.filter(counsellor=counsellor).select_related("site"))
    if own:
        return [
            Hours(h.site, h.weekday, h.starts_at, h.ends_at)
            for h in own
            if not h.by_appointment
            and h.weekday is not None
            and h.starts_at is not None
            and h.ends_at is not None
        ]
    membership = Membership.objects.filter(user=counsellor).first()
    if membership is None:
        return []
    return [
        Hours(h.site, h.weekday, h.starts_at, h.ends_at)
        for h in ConsultationHour.objects.filter(
            site__organisation_id=membership.organisation_id, site__by_appointment=False
        ).select_related("site")
    ]


def by_appointment_sites(counsellor: User) -> set[int]:
    """The sites where the counsellor sees people by appointment: any time agreed there is
    within their hours. Their own entries, else their organisation's sites marked so."""
    own = CounsellorHours.objects.filter(counsellor=counsellor)
    if own.exists():
        return set(own.filter(by_appointment=True).values_list("site_id", flat=True))
    membership = Membership.objects.filter(user=counsellor).first()
    if membership is None:
        return set()
    return set(
        Site.objects.filter(
            organisation_id=membership.organisation_id, by_appointment=True
        ).values_list("pk", flat=True)
    )


def has_hours(counsellor: User) -> bool:
    return bool(hours_of(counsellor) or by_appointment_sites(counsellor))


def _cut(hours: Iterable[Hours], day: datetime.date, minutes: int) -> list[Slot]:
    zone = timezone.get_current_timezone()
    length = datetime.timedelta(minutes=minutes)
    slots = []
    for h in hours:
        if h.weekday != day.weekday():
            continue
        start = datetime.datetime.combine(day, h.starts_at, tzinfo=zone)
        end = datetime.datetime.combine(day, h.ends_at, tzinfo=zone)
        while start + length <= end:
            slots.append(Slot(h.site, start, start + length))
            start += length
    return slots


def within_hours(
    counsellor: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    site: Site | None = None,
) -> bool:
    """Whether the time lies inside one of the counsellor's consultation hours (at `site`, if
    given); at a site where they see people by appointment, any time is."""
    if site is not None and site.pk in by_appointment_sites(counsellor):
        return True
    local_start = timezone.localtime(starts_at)
    local_end = timezone.localtime(ends_at)
    if local_start.date() != local_end.date():
        return False
    for h in hours_of(counsellor):
        if (
            (site is None or h.site.pk == site.pk)
            and h.weekday == local_start.weekday()
            and h.starts_at <= local_start.time()
            and local_end.time() <= h.ends_at
        ):
            return True
    return False


def free_slots(
    counsellor: User, first_day: datetime.date, days: int, *, network_id: int
) -> list[Slot]:
    """The free slots from `first_day` on for `days` days, the past left out: two queries."""
    hours = hours_of(counsellor)
    minutes = slot_minutes(network_id)
    candidates = [
        slot
        for offset in range(days)
        for slot in _cut(hours, first_day + datetime.timedelta(days=offset), minutes)
    ]
    if not candidates:
        return []
    now = timezone.now()
    taken = busy_times(
        counsellor, min(s.starts_at for s in candidates), max(s.ends_at for s in candidates)
    )
    return sorted(
        (
            slot
            for slot in candidates
            if slot.starts_at > now
            and not any(s < slot.ends_at and slot.starts_at < e for s, e in taken)
        ),
        key=lambda slot: slot.starts_at,
    )


@dataclass(frozen=True, slots=True)
class GridSlot:
    slot: Slot
    free: bool


def day_grid(counsellor: User, day: datetime.date, *, network_id: int) -> list[GridSlot]:
    """Every slot of the counsellor's hours on `day`, each free or not (taken or past): the
    booking page shows the day as a grid, so a taken time is seen, not just missing."""
    candidates = sorted(
        _cut(hours_of(counsellor), day, slot_minutes(network_id)), key=lambda s: s.starts_at
    )
    if not candidates:
        return []
    now = timezone.now()
    taken = busy_times(counsellor, candidates[0].starts_at, candidates[-1].ends_at)
    return [
        GridSlot(
            slot,
            slot.starts_at > now
            and not any(s < slot.ends_at and slot.starts_at < e for s, e in taken),
        )
        for slot in candidates
    ]


def next_free(
    counsellor: User, after: datetime.datetime, *, network_id: int, count: int = 3
) -> list[Slot]:
    """The first free slots from `after` on (within the booking horizon): offered when a
    booking is refused."""
    first_day = timezone.localtime(max(after, timezone.now())).date()
    found = free_slots(counsellor, first_day, 28, network_id=network_id)
    return [slot for slot in found if slot.starts_at >= after][:count]
