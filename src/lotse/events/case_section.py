"""The events section of the case (registered in `EventsConfig.ready`): a participant's
registrations and attendance are entries of the case's timeline, part of the subject-access
export and erased with the case."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.events import forms, selectors
from lotse.events.enums import RegistrationStatus
from lotse.events.models import Attendance, Registration
from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.participants.sections import CaseSection, ErasureReport, TimelineEntry, erase_rows


def _moment(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A session's start as an aware datetime: the timeline sorts the moments of every section
    together, and the others are aware (a naive time beside them cannot be compared)."""
    return datetime.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def _timeline(case: CaseAccess) -> Iterable[TimelineEntry]:
    label = _("Event")
    statuses = dict(RegistrationStatus.choices)
    for registration in selectors.registrations_of_participant(case.participant.pk):
        sessions = list(registration.event.sessions.all())
        if not sessions:
            continue
        first = sessions[0]
        yield TimelineEntry(
            day=first.date,
            moment=_moment(first.date, first.starts_at),
            label=label,
            text=_("%(title)s: %(status)s")
            % {"title": registration.event.title, "status": statuses[registration.status]},
        )
    for attendance in selectors.attendances_of_participant(case.participant.pk):
        session = attendance.session
        text = (
            _("%(title)s, session of %(time)s: present")
            if attendance.present
            else _("%(title)s, session of %(time)s: absent")
        )
        yield TimelineEntry(
            day=session.date,
            moment=_moment(session.date, session.starts_at),
            label=label,
            text=text % {"title": session.event.title, "time": f"{session.starts_at:%H:%M}"},
        )


def _export(participant: Participant) -> dict[str, Any]:
    return {
        "events": [
            {
                "event": registration.event.title,
                "kind": registration.event.kind,
                "status": registration.status,
                "sessions": [
                    {"date": a.session.date.isoformat(), "present": a.present}
                    for a in selectors.attendances_of_participant(participant.pk)
                    if a.registration_id == registration.pk
                ],
            }
            for registration in selectors.registrations_of_participant(participant.pk)
        ]
    }


def _erase(participant: Participant) -> ErasureReport:
    report = erase_rows(Attendance, registration__participant=participant)
    report.update(erase_rows(Registration, participant=participant))
    return report


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    """The person's events with their attendance, and registering for a coming event."""
    registrations = selectors.registrations_of_participant(case.participant.pk)
    attended = selectors.attended_counts([r.pk for r in registrations])
    statuses = dict(RegistrationStatus.choices)
    rows = [
        {
            "event": r.event,
            "first": next(iter(r.event.sessions.all()), None),
            "status": statuses[r.status],
            "attended": attended.get(r.pk, 0),
            "sessions": len(r.event.sessions.all()),
        }
        for r in registrations
    ]
    form = None
    if case.allows("participants.add_contact") and request.user.has_perm(
        "events.register_participants"
    ):
        taken = {r.event_id for r in registrations}
        coming = [
            e
            for e in selectors.coming_events(request.user, timezone.localdate())
            if e.pk not in taken
        ]
        if coming:
            form = forms.RegisterCaseForm(events=coming)
    return {"rows": rows, "form": form}


SECTION = CaseSection(
    key="events.attendance",
    order=60,
    label=gettext_lazy("Events"),
    anchor="events",
    panel_template="events/panel.html",
    panel_context=_panel,
    lazy=True,
    requires="participants.view_case",
    timeline_entries=_timeline,
    export=_export,
    erase=_erase,
)
