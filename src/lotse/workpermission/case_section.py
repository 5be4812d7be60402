"""The work-permission section of the case (registered in `WorkPermissionConfig.ready`): its
panel on the participant page (loaded by htmx), its line in the page's header, its part of the
export (a selector) and its eraser (a service)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.legal import Activity, evaluate
from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection
from lotse.workpermission import presentation
from lotse.workpermission.selectors import facts_export, facts_for, situation_for_participant
from lotse.workpermission.services import facts_erase


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("workpermission.view_assessment") else None


def header_line(case: CaseAccess) -> str:
    """The answer for employment today, in one line ("Beschäftigung: … — § 61 Abs. 2 AsylG");
    the panel says the rest."""
    participant = case.participant
    situation = situation_for_participant(participant, facts_for(participant), timezone.localdate())
    if situation is None:
        return gettext("No current residence document: nothing to assess.")
    result = evaluate(situation).activities[Activity.EMPLOYMENT]
    return presentation.activity_line(result, presentation.language()).headline


SECTION = CaseSection(
    key="workpermission.assessment",
    order=30,
    label=_("Work permission"),
    anchor="work-permission",
    requires="workpermission.view_assessment",
    header_line=header_line,
    panel_template="workpermission/panel_slot.html",
    panel_context=_panel,
    export=facts_export,
    erase=facts_erase,
)
