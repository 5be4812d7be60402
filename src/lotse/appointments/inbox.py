"""The inbox source "Terminerinnerungen" (registered in `AppointmentsConfig.ready`): the
counsellor's appointments within the network's reminder lead time, and the reminders to
participants that failed or need the printed card (these count in the badge)."""

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.appointments import selectors
from lotse.appointments.enums import ReminderStatus
from lotse.appointments.models import Appointment
from lotse.audit.services import audit_record_many
from lotse.inbox.registry import InboxRow, InboxSource
from lotse.network.access import membership_of


def _appointments(user: User) -> list[Appointment]:
    membership = membership_of(user)
    if membership is None:
        return []
    return selectors.reminders_for_counsellor(
        user,
        now=timezone.now(),
        lead_hours=selectors.lead_hours(membership.organisation.network_id),
    )


def _needs_hand(a: Appointment) -> bool:
    reminder = getattr(a, "reminder", None)
    return reminder is not None and reminder.status in (ReminderStatus.FAILED, ReminderStatus.CARD)


def _rows(user: User) -> list[InboxRow]:
    appointments = _appointments(user)
    # The page names the cases (by file number): listed like a caseload page.
    audit_record_many(
        actor=user,
        action="appointments.appointment.listed",
        participant_ids=list(dict.fromkeys(a.participant_id for a in appointments)),
        detail={"channel": "inbox"},
    )
    rows = []
    for a in appointments:
        local = timezone.localtime(a.starts_at)
        needs_hand = _needs_hand(a)
        state = str(a.reminder.get_status_display()) if needs_hand else ""
        where = a.site.name if a.site is not None else a.address or _("online")
        rows.append(
            InboxRow(
                title=f"{a.get_kind_display()} – {a.participant.file_number}",
                url=reverse("participants:detail", args=[a.participant_id]) + "#appointments",
                state=state,
                detail=f"{local:%H:%M}, {where}",
                # Waiting since the reminder failed or fell back to the card; due on the day.
                since=timezone.localtime(a.reminder.queued_at).date() if needs_hand else None,
                due=local.date(),
            )
        )
    return rows


def _count(user: User) -> int:
    """For the badge on every page: read, not audited (it names no one)."""
    return sum(1 for a in _appointments(user) if _needs_hand(a))


def _shown(user: User) -> bool:
    return user.has_perm("appointments.my_appointments")


SOURCE = InboxSource(
    key="appointments.reminders",
    heading=gettext_lazy("Appointment reminders"),
    rows=_rows,
    count=_count,
    order=40,
    shown=_shown,
    # "seit …" and "fällig …" in the row: an appointment is not answered by a date.
    template="appointments/_inbox_rows.html",
)
