"""Writes to appointments: audited, keyword-only, each in one transaction.

Double booking is refused under concurrency: the service locks the membership rows of the
counsellor and the interpreter (`select_for_update`) before it looks for an overlap, so two
bookings of one person wait for each other and the second sees the first."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from lotse.appointments import selectors, slots
from lotse.appointments.enums import (
    ACTIVE_STATUSES,
    OUTCOME_STATUSES,
    UPCOMING_STATUSES,
    Place,
    ReminderStatus,
)
from lotse.appointments.models import (
    Appointment,
    AppointmentSettings,
    CalendarFeed,
    CounsellorHours,
    Reminder,
    new_feed_token,
)
from lotse.appointments.reminders import reminder_message
from lotse.audit.services import audit_record
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_existing
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Membership, Network, Site
from lotse.participants.access import CaseAccess

# What a form or the API may set on an appointment.
FIELDS = (
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "site",
    "address",
    "online_link",
    "counsellor",
    "interpreter",
    "interpreter_name",
    "interpreter_language",
    "note",
    "status",
)


class AppointmentError(DomainError):
    """A refusal that belongs to one field of the form (`field`): the page shows it there."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _check(appointment: Appointment, *, now: datetime.datetime) -> None:
    if appointment.ends_at <= appointment.starts_at:
        raise AppointmentError(_("The appointment must end after it starts."), field="ends")
    if appointment.status in UPCOMING_STATUSES and appointment.starts_at < now:
        raise AppointmentError(
            _(
                "An appointment in the past cannot be planned or confirmed: record it as done "
                "or missed."
            ),
            field="status",
        )
    if appointment.place == Place.SITE and appointment.site is None:
        raise AppointmentError(
            _("Choose the site where the appointment takes place."), field="site"
        )
    if appointment.place == Place.ADDRESS and not appointment.address.strip():
        raise AppointmentError(
            _("Enter the address where the appointment takes place."), field="address"
        )
    if appointment.site is not None and (
        appointment.site.organisation.network_id != appointment.network_id
    ):
        raise AppointmentError(
            _("A site of another network cannot hold this appointment."), field="site"
        )


def _refuse_early_outcome(appointment: Appointment, *, now: datetime.datetime) -> None:
    """Attended or not is known once the appointment has begun, not before."""
    if appointment.status in OUTCOME_STATUSES and appointment.starts_at > now:
        raise AppointmentError(
            _(
                "This appointment has not begun yet: whether the person came can be recorded "
                "from its start on."
            ),
            field="status",
        )


def _lock_people(appointment: Appointment) -> None:
    people = [pk for pk in (appointment.counsellor_id, appointment.interpreter_id) if pk]
    if people:
        list(Membership.objects.select_for_update().filter(user_id__in=people).order_by("pk"))


def _refuse_double_booking(appointment: Appointment) -> None:
    if appointment.status not in ACTIVE_STATUSES:
        return
    overlapping = Appointment.objects.filter(
        status__in=ACTIVE_STATUSES,
        starts_at__lt=appointment.ends_at,
        ends_at__gt=appointment.starts_at,
    ).exclude(pk=appointment.pk)
    for person, field, message in (
        (
            appointment.counsellor_id,
            "counsellor",
            _("The counsellor has another appointment at this time."),
        ),
        (
            appointment.interpreter_id,
            "interpreter",
            _("The interpreter has another appointment at this time."),
        ),
    ):
        if (
            person
            and overlapping.filter(Q(counsellor_id=person) | Q(interpreter_id=person)).exists()
        ):
            raise AppointmentError(message, field=field)


def _check_people(case: CaseAccess, appointment: Appointment) -> None:
    """The counsellor works for the case's owner or for the booking organisation (a sharing
    organisation books a slot with the owner's counsellor). An interpreter of the network is
    a counsellor or team lead: they work under the case rules, a volunteer or a funder does
    not."""
    if (
        appointment.interpreter_id is not None
        and not Membership.objects.filter(
            user_id=appointment.interpreter_id,
            organisation__network_id=appointment.network_id,
            role__in=CASE_ROLES,
        ).exists()
    ):
        raise AppointmentError(
            _("Only counsellors and team leads of the network can interpret here."),
            field="interpreter",
        )
    if appointment.counsellor_id is None:
        return
    allowed = {case.participant.organisation_id, case.organisation_id}
    if not Membership.objects.filter(
        user_id=appointment.counsellor_id, organisation_id__in=allowed, role__in=CASE_ROLES
    ).exists():
        raise AppointmentError(
            _("This counsellor cannot take appointments of this person."), field="counsellor"
        )


@transaction.atomic
def appointment_book(
    *,
    actor: User,
    case: CaseAccess,
    in_consultation_hours: bool = False,
    **values: Any,
) -> Appointment:
    """Books an appointment; `in_consultation_hours` when it takes a slot of the counsellor's
    consultation hours (then it must lie inside them)."""
    if not case.allows("appointments.book"):
        raise DomainError(_("You cannot book appointments for this person."))
    appointment = Appointment(
        network_id=case.participant.network_id,
        participant=case.participant,
        organisation_id=case.organisation_id,
        created_by=actor,
        **{k: v for k, v in values.items() if k in FIELDS},
    )
    now = timezone.now()
    _check(appointment, now=now)
    _refuse_early_outcome(appointment, now=now)
    _check_people(case, appointment)
    if in_consultation_hours:
        if appointment.counsellor is None:
            raise AppointmentError(
                _("Choose the counsellor whose consultation hours you book."), field="counsellor"
            )
        if not slots.within_hours(
            appointment.counsellor,
            appointment.starts_at,
            appointment.ends_at,
            site=appointment.site,
        ):
            raise AppointmentError(
                _("This time lies outside the counsellor's consultation hours."),
                field="starts_at",
            )
    _lock_people(appointment)
    _refuse_double_booking(appointment)
    appointment.save()
    audit_record(
        actor=actor,
        action="appointments.appointment.booked",
        obj=appointment,
        participant_id=case.participant.pk,
        detail={"kind": appointment.kind, "status": appointment.status},
    )
    return appointment


@transaction.atomic
def appointment_update(
    *,
    actor: User,
    case: CaseAccess,
    appointment: Appointment,
    expected_version: int | None,
    **values: Any,
) -> Appointment:
    if not case.allows("appointments.change_appointment"):
        raise DomainError(_("You cannot change appointments of this person."))
    locked = lock_existing(
        Appointment.objects.filter(pk=appointment.pk, participant=case.participant),
        expected_version=expected_version,
    )
    before = {field: getattr(locked, field) for field in ("starts_at", "ends_at", "status")}
    for field, value in values.items():
        if field in FIELDS:
            setattr(locked, field, value)
    moved = before["starts_at"] != locked.starts_at or before["ends_at"] != locked.ends_at
    now = timezone.now()
    newly_upcoming = (
        locked.status in UPCOMING_STATUSES and before["status"] not in UPCOMING_STATUSES
    )
    # A past appointment stays editable (planned → done or missed, a note) unless it is moved
    # or planned again.
    _check(locked, now=now if moved or newly_upcoming else min(now, locked.starts_at))
    _refuse_early_outcome(locked, now=now)
    _check_people(case, locked)
    _lock_people(locked)
    _refuse_double_booking(locked)
    locked.save()
    if moved:
        # A moved appointment is reminded of again at its new time.
        Reminder.objects.filter(appointment=locked).delete()
    audit_record(
        actor=actor,
        action="appointments.appointment.changed",
        obj=locked,
        participant_id=case.participant.pk,
        detail={"status": [before["status"], locked.status]},
    )
    return locked


@transaction.atomic
def appointment_mark(
    *,
    actor: User,
    case: CaseAccess,
    appointment: Appointment,
    status: str,
    expected_version: int | None,
) -> Appointment:
    """The front desk records whether the person came: attended or did not attend, once the
    appointment has begun."""
    if not case.allows("appointments.change_appointment"):
        raise DomainError(_("You cannot change appointments of this person."))
    if status not in OUTCOME_STATUSES:
        raise AppointmentError(_("Record the appointment as attended or missed."), field="status")
    locked = lock_existing(
        Appointment.objects.filter(pk=appointment.pk, participant=case.participant),
        expected_version=expected_version,
    )
    before = locked.status
    locked.status = status
    _refuse_early_outcome(locked, now=timezone.now())
    locked.save()
    audit_record(
        actor=actor,
        action="appointments.appointment.marked",
        obj=locked,
        participant_id=case.participant.pk,
        detail={"status": [before, status]},
    )
    return locked


def appointments_erase(participant: Any) -> dict[str, int]:
    deleted, _per_model = Appointment.objects.filter(participant=participant).delete()
    return {"appointments.appointment": deleted} if deleted else {}


@transaction.atomic
def calendar_feed_renew(*, actor: User) -> CalendarFeed:
    """A new secret address: the old one stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=actor)
    if not created:
        feed.token = new_feed_token()
        feed.save()
    audit_record(actor=actor, action="appointments.feed.renewed", obj=feed)
    return feed


def calendar_feed_of(user: User) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


# Reminders. Reminders to participants, as background tasks (Django's tasks, `django_tasks_db`).
#
# `reminders_queue` finds the appointments that start within the network's lead time and have no
# reminder yet, records a `Reminder` for each (bulk) and enqueues one task per batch. The task
# sends each reminder by e-mail in the participant's language; a participant without an e-mail
# address gets the printable card offered instead (status "card", shown in the case). A failing
# SMTP server marks the reminder failed with the error; `reminders_retry` enqueues the failed ones
# again (the `appointments_remind` command does both, run by cron every few minutes).

BATCH = 1000
MAX_ATTEMPTS = 5


def _batches(ids: Sequence[int], size: int = BATCH) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _queue(network_id: int, start: datetime.datetime, end: datetime.datetime) -> int:
    """Record a reminder for every active appointment of the network starting in [start, end)
    that has none yet, and enqueue the e-mails in batches; returns how many were recorded.

    A day of a large network is 10^5 appointments: their ids and whether the participant has
    an e-mail address are read as plain values in one query, the reminders written with
    `bulk_create` in batches (which returns their keys on PostgreSQL and SQLite), one task
    enqueued per `BATCH` (`bench/bench_appointments.py`: ≤ 10 s for 100,000)."""
    with transaction.atomic():
        due = (
            Appointment.objects.filter(
                network_id=network_id,
                status__in=ACTIVE_STATUSES,
                starts_at__gte=start,
                starts_at__lt=end,
                reminder__isnull=True,
            )
            .order_by("pk")
            .values_list("pk", "participant__email")
        )
        reminders = Reminder.objects.bulk_create(
            (
                Reminder(
                    network_id=network_id,
                    appointment_id=pk,
                    status=ReminderStatus.QUEUED if email else ReminderStatus.CARD,
                )
                for pk, email in due.iterator(chunk_size=5000)
            ),
            batch_size=5000,
        )
        ids = [r.pk for r in reminders if r.status == ReminderStatus.QUEUED]
        for batch in _batches(ids):
            send_reminders.enqueue(batch)
    return len(reminders)


def reminders_queue(*, now: datetime.datetime | None = None) -> int:
    """Queue the reminders now due in every network (its lead time); returns how many."""
    now = now or timezone.now()
    leads = dict(AppointmentSettings.objects.values_list("network_id", "reminder_lead_hours"))
    count = 0
    with scopes_disabled():
        for network_id in Network.objects.values_list("pk", flat=True):
            lead = datetime.timedelta(hours=leads.get(network_id, 24))
            count += _queue(network_id, now, now + lead)
    return count


def reminders_queue_for_day(*, network: Network, day: datetime.date) -> int:
    """Queue the reminders of all appointments of a day at once (the benchmark's case)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    with scopes_disabled():
        return _queue(network.pk, start, start + datetime.timedelta(days=1))


def reminders_retry() -> int:
    with scopes_disabled():
        ids = list(
            Reminder.objects.filter(
                status=ReminderStatus.FAILED, attempts__lt=MAX_ATTEMPTS
            ).values_list("pk", flat=True)
        )
    for batch in _batches(ids):
        send_reminders.enqueue(batch)
    return len(ids)


def reminders_send(*, reminder_ids: list[int]) -> dict[str, int]:
    """Send each reminder by e-mail; a failure of the mail server marks it failed with the
    error (shown in the case, queued again by `reminders_retry`), never drops it."""
    counts = {"sent": 0, "failed": 0}
    with scopes_disabled():
        reminders = list(
            Reminder.objects.filter(
                pk__in=reminder_ids, status__in=(ReminderStatus.QUEUED, ReminderStatus.FAILED)
            ).select_related(
                "appointment__participant", "appointment__site", "appointment__counsellor"
            )
        )
        for reminder in reminders:
            reminder.attempts += 1
            try:
                reminder_message(reminder.appointment).send(fail_silently=False)
            except Exception as error:  # any failure of the mail server: kept, retried
                reminder.status = ReminderStatus.FAILED
                reminder.error = f"{type(error).__name__}: {error}"[:300]
                counts["failed"] += 1
            else:
                reminder.status = ReminderStatus.SENT
                reminder.sent_at = timezone.now()
                reminder.error = ""
                counts["sent"] += 1
            reminder.save(update_fields=["status", "attempts", "error", "sent_at"])
    return counts


@task()
def send_reminders(reminder_ids: list[int]) -> dict[str, int]:
    """The background task (run by `lotse db_worker`): sends the queued or failed reminders
    among `reminder_ids`."""
    return reminders_send(reminder_ids=reminder_ids)


@transaction.atomic
def appointment_settings_save(
    *, actor: User, network: Network, reminder_lead_hours: int, slot_minutes: int
) -> AppointmentSettings:
    found, _created = AppointmentSettings.objects.select_for_update().get_or_create(network=network)
    found.reminder_lead_hours = reminder_lead_hours
    found.slot_minutes = slot_minutes
    found.save()
    audit_record(
        actor=actor,
        action="appointments.settings.changed",
        obj=found,
        network_id=network.pk,
        detail={"reminder_lead_hours": reminder_lead_hours, "slot_minutes": slot_minutes},
    )
    return found


def appointments_import(*, network: Network, appointments: list[Appointment]) -> int:
    """Appointments written in bulk (the demo): one summary audit event, no checks."""
    Appointment.objects.bulk_create(appointments, batch_size=2000)
    audit_record(
        actor=None,
        action="appointments.imported",
        network_id=network.pk,
        detail={"appointments": len(appointments)},
    )
    return len(appointments)


# Consultation hours of a counsellor (`/appointments/hours/`). The hours are a set, edited by
# adding and removing entries; the page carries a fingerprint of the set it showed
# (`selectors.hours_state`), checked under a lock of the counsellor's membership row, so that
# two people editing one counsellor's hours do not overwrite each other unseen.


def _lock_hours(actor: User, counsellor: User, expected_state: str) -> list[CounsellorHours]:
    if not selectors.hours_people(actor).filter(pk=counsellor.pk).exists():
        raise DomainError(_("You cannot change the consultation hours of this person."))
    list(Membership.objects.select_for_update().filter(user=counsellor))
    entries = selectors.hours_entries(counsellor)
    if selectors.hours_state(entries) != expected_state:
        raise DomainError(
            _(
                "Someone else changed these consultation hours after you opened the page, so "
                "nothing was saved. The page shows them as they are now."
            )
        )
    return entries


@transaction.atomic
def counsellor_hours_add(
    *,
    actor: User,
    counsellor: User,
    expected_state: str,
    site: Site,
    by_appointment: bool,
    weekday: int | None = None,
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
) -> CounsellorHours:
    entries = _lock_hours(actor, counsellor, expected_state)
    membership = Membership.objects.select_related("organisation").get(user=counsellor)
    network_id = membership.organisation.network_id
    if site.organisation.network_id != network_id:
        raise AppointmentError(_("Choose a site of the network."), field="site")
    if by_appointment:
        weekday = starts_at = ends_at = None
        if any(h.by_appointment and h.site_id == site.pk for h in entries):
            raise AppointmentError(
                _("At this site, appointments by arrangement are entered already."),
                field="site",
            )
    else:
        if weekday is None:
            raise AppointmentError(_("Choose the weekday."), field="weekday")
        if starts_at is None:
            raise AppointmentError(_("Enter when the consultation hours begin."), field="starts_at")
        if ends_at is None or ends_at <= starts_at:
            raise AppointmentError(
                _("The consultation hours must end after they begin."), field="ends_at"
            )
        for h in entries:
            if (
                not h.by_appointment
                and h.weekday == weekday
                and h.starts_at is not None
                and h.ends_at is not None
                and h.starts_at < ends_at
                and starts_at < h.ends_at
            ):
                raise AppointmentError(
                    _("These hours overlap with %(hours)s at %(site)s.")
                    % {
                        "hours": f"{h.get_weekday_display()} {h.starts_at:%H:%M}–{h.ends_at:%H:%M}",
                        "site": h.site.name,
                    },
                    field="starts_at",
                )
    entry = CounsellorHours.objects.create(
        network_id=network_id,
        counsellor=counsellor,
        site=site,
        by_appointment=by_appointment,
        weekday=weekday,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    audit_record(
        actor=actor,
        action="appointments.hours.added",
        obj=entry,
        network_id=network_id,
        detail={"counsellor": counsellor.pk, "site": site.pk, "by_appointment": by_appointment},
    )
    return entry


@transaction.atomic
def counsellor_hours_remove(
    *, actor: User, counsellor: User, expected_state: str, entry_id: int
) -> None:
    entries = _lock_hours(actor, counsellor, expected_state)
    entry = next((h for h in entries if h.pk == entry_id), None)
    if entry is None:
        raise DomainError(_("These consultation hours were removed already."))
    entry.delete()
    audit_record(
        actor=actor,
        action="appointments.hours.removed",
        network_id=entry.network_id,
        detail={"counsellor": counsellor.pk, "site": entry.site_id, "entry": entry_id},
    )
