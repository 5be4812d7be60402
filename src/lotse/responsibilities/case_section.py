"""The responsibilities section of the case (registered in `ResponsibilitiesConfig.ready`):
who is responsible for each step of the network's path for this person, from the person's
facts. Loaded on demand: it runs the work-permission engine once, like the offers' eligibility.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.offers.selectors import person_of
from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection
from lotse.responsibilities import selectors


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    if not request.user.has_perm("responsibilities.view_map"):
        return None
    steps = selectors.path_of(case.participant.network_id)
    today = timezone.localdate()
    answers = selectors.responsible_for(person_of(case, today), steps, today) if steps else []
    return {"answers": answers}


SECTION = CaseSection(
    key="responsibilities.for_person",
    order=37,
    label=_("Responsibilities"),
    anchor="responsibilities",
    lazy=True,
    panel_template="responsibilities/panel.html",
    panel_context=_panel,
)
