"""The matching section of the case: a way from the case to the vacancies that fit. It reads
nothing of the case; the page ranks when it is opened, and audits that."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("participants.view_case") else None


SECTION = CaseSection(
    key="matches.vacancies",
    order=36,
    label=_("Matching vacancies"),
    anchor="vacancy-matches",
    panel_template="matches/panel.html",
    panel_context=_panel,
)
