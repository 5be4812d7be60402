"""The offers section of the case (registered in `OffersConfig.ready`): a way from the case to
the offers the person may take. It reads nothing of the case; the catalogue checks eligibility
when it is opened, and audits that."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    return {} if request.user.has_perm("offers.view_catalogue") else None


SECTION = CaseSection(
    key="offers.catalogue",
    order=35,
    panel_template="offers/panel.html",
    panel_context=_panel,
    label=_("Offers"),
    anchor="offers",
)
