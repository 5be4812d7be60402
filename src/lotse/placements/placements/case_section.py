"""The placements section of the case (registered in `PlacementRecordsConfig.ready`): its
panel, its timeline entries, its part of the export, its eraser, what it says about the
check-in tasks; and the panel on an employer's page."""

from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.audit.services import audit_record_many
from lotse.employers.models import Employer
from lotse.employers.panels import EmployerPanel
from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection, TimelineEntry
from lotse.placements.placements import selectors
from lotse.placements.placements.services import placements_erase


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("participants.view_case"):
        return None
    return {
        "placements": selectors.placements_of(case),
        "can_change": case.allows("participants.change_case"),
        "participant": case.participant,
        "today": timezone.localdate(),
    }


def _timeline(case: CaseAccess) -> list[TimelineEntry]:
    if not case.allows("participants.view_case"):
        return []
    entries = []
    label = _("Placement")
    for placement in selectors.placements_of(case):
        text = f"{placement.get_kind_display()}: {placement.title}, {placement.employer.name}"
        entries.append(TimelineEntry(placement.starts_on, placement.created_at, label, text))
        if placement.ended_on is not None:
            entries.append(
                TimelineEntry(
                    placement.ended_on,
                    placement.updated_at,
                    label,
                    _("Ended (%(reason)s): %(title)s")
                    % {"reason": placement.get_end_reason_display(), "title": placement.title},
                )
            )
        for check_in in placement.check_ins.all():
            if check_in.done_on is not None:
                entries.append(
                    TimelineEntry(
                        check_in.done_on,
                        check_in.recorded_at,
                        _("Follow-up"),
                        f"{placement.title}: {check_in.get_state_display()}",
                        details=check_in.action,
                    )
                )
    return entries


SECTION = CaseSection(
    key="placements.placements",
    order=35,
    label=gettext_lazy("Placements"),
    anchor="placements",
    lazy=True,
    panel_template="placements/panel.html",
    panel_context=_panel,
    timeline_entries=_timeline,
    export=selectors.placements_export,
    erase=placements_erase,
    task_origins=selectors.check_in_origins,
)


def _employer_panel(employer: Employer, user: User) -> dict[str, Any] | None:
    """Placements at the employer: by name only those of participants the user may see (and
    that read is audited); of the others only how many there are."""
    if not user.has_perm("placement_records.view_follow_up"):
        return None
    found = selectors.employer_placements(employer, user)
    if found.visible:
        audit_record_many(
            actor=user,
            action="placements.placement.listed_at_employer",
            participant_ids=[p.participant_id for p in found.visible],
            detail={"employer": employer.pk},
        )
    return {"visible": found.visible, "others": found.others}


EMPLOYER_PANEL = EmployerPanel(
    key="placements.at_employer", template="placements/employer_panel.html", context=_employer_panel
)
