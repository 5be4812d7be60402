"""The referrals section of the case (registered in `ReferralsConfig.ready`): the person's
referrals with their state, and the way to refer them."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection
from lotse.referrals.selectors import referrals_export, referrals_of
from lotse.referrals.services import referrals_erase


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("participants.view_case"):
        return None
    return {"referrals": referrals_of(case), "may_refer": case.allows("referrals.refer")}


SECTION = CaseSection(
    key="referrals",
    order=36,
    label=_("Referrals"),
    anchor="referrals",
    lazy=True,
    panel_template="referrals/panel.html",
    panel_context=_panel,
    export=referrals_export,
    erase=referrals_erase,
)
