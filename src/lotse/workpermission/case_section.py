"""The work-permission section of the case (registered in `WorkPermissionConfig.ready`): its
panel on the participant page (loaded by htmx), its part of the export (a selector) and its
eraser (a service)."""

from typing import Any

from django.http import HttpRequest

from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection
from lotse.workpermission.selectors import facts_export
from lotse.workpermission.services import facts_erase


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("workpermission.view_assessment") else None


SECTION = CaseSection(
    key="workpermission.assessment",
    order=30,
    panel_template="workpermission/panel_slot.html",
    panel_context=_panel,
    export=facts_export,
    erase=facts_erase,
)
