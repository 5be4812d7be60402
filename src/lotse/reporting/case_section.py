"""The ESF section of the case (registered in `ReportingConfig.ready`): the Annex I items at
entry, what keeps the person out of a report, the situation after leaving and the follow-up."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection
from lotse.reporting import selectors, services

MISSING_LABELS = {
    "gender": _("gender"),
    "age": _("date or year of birth"),
    "labour_status": _("labour-market status at entry"),
    "education": _("highest education (ISCED)"),
}


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("reporting.view_esf"):
        return None
    state = selectors.esf_state(case)
    return {
        "state": state,
        "missing": [MISSING_LABELS[item] for item in state.missing],
        "may_change": case.allows("reporting.change_esf"),
        "special_category": case.allows("reporting.view_special_category"),
    }


SECTION = CaseSection(
    key="reporting.esf",
    order=70,
    label=_("ESF data"),
    anchor="esf",
    panel_template="reporting/esf_panel.html",
    panel_context=_panel,
    lazy=True,
    requires="reporting.view_esf",
    export=selectors.esf_export,
    erase=services.esf_erase,
)
