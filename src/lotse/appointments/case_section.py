"""The appointments section of the case (registered in `AppointmentsConfig.ready`): the panel
with the coming and past appointments and the count of missed ones, the timeline entries, the
export and the eraser. The assigned volunteer's page shows the same panel with place and time
only."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.appointments.selectors import appointments_export, appointments_of, case_appointments
from lotse.appointments.services import appointments_erase
from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection, TimelineEntry


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("appointments.view_appointments"):
        return None
    rows = case_appointments(case)
    pk = case.participant.pk
    return {
        "upcoming": rows.upcoming,
        "past": rows.past[:10],
        "more_past": max(len(rows.past) - 10, 0),
        "missed": rows.missed,
        "details": case.allows("appointments.view_details"),
        "can_book": case.allows("appointments.book"),
        "list_url": reverse("appointments:case", args=[pk]),
        "add_url": reverse("appointments:add", args=[pk]),
        "book_url": reverse("appointments:book", args=[pk]),
    }


def _timeline(case: CaseAccess) -> list[TimelineEntry]:
    if not case.allows("participants.view_case"):
        return []
    entries = []
    for a in appointments_of(case):
        local = timezone.localtime(a.starts_at)
        entries.append(
            TimelineEntry(
                day=local.date(),
                moment=a.starts_at,
                label=_("Appointment"),
                text=f"{a.get_kind_display()}, {local:%H:%M} – {a.get_status_display()}",
                note=a.note,
            )
        )
    return entries


def _header_line(case: CaseAccess) -> str:
    rows = case_appointments(case)
    parts = []
    if rows.upcoming:
        nxt = rows.upcoming[0]
        local = timezone.localtime(nxt.starts_at)
        parts.append(
            _("next: %(kind)s on %(day)s at %(time)s")
            % {"kind": nxt.get_kind_display(), "day": f"{local:%d.%m.%Y}", "time": f"{local:%H:%M}"}
        )
    else:
        parts.append(_("none planned"))
    if rows.missed:
        parts.append(_("%(count)s missed") % {"count": rows.missed})
    return " · ".join(parts)


SECTION = CaseSection(
    key="appointments",
    order=38,
    label=gettext_lazy("Appointments"),
    anchor="appointments",
    # Below the fold, like the placements and referrals before it: loaded when scrolled to.
    lazy=True,
    panel_template="appointments/panel.html",
    panel_context=_panel,
    timeline_entries=_timeline,
    header_line=_header_line,
    export=appointments_export,
    erase=appointments_erase,
    for_volunteers=True,
)
