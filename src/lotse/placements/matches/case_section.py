"""The matching section of the case: a way from the case to the vacancies that fit. It reads
nothing of the case; the page ranks when it is opened, and audits that."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.participants.sections import CaseSection, ErasureReport, erase_rows
from lotse.placements.matches.models import NewMatch
from lotse.placements.matches.selectors import new_matches_export


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("participants.view_case") else None


def _erase(participant: Participant) -> ErasureReport:
    return erase_rows(NewMatch, participant=participant)


SECTION = CaseSection(
    key="matches.vacancies",
    order=36,
    label=_("Matching vacancies"),
    anchor="vacancy-matches",
    panel_template="matches/panel.html",
    panel_context=_panel,
    export=new_matches_export,
    erase=_erase,
)
