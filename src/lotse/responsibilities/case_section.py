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
from lotse.participants.enums import TaskStatus
from lotse.participants.sections import CaseSection
from lotse.participants.selectors import tasks_of
from lotse.responsibilities import selectors


def _panel(case: CaseAccess, request: HttpRequest) -> dict[str, Any] | None:
    """Who is responsible for the step the counsellor chose (`?step=`; by default the first the
    person has not done yet), and for every step below it."""
    if not request.user.has_perm("responsibilities.view_map"):
        return None
    steps = selectors.path_of(case.participant.network_id)
    today = timezone.localdate()
    answers = selectors.responsible_for(person_of(case, today), steps, today) if steps else []
    done = selectors.steps_done(
        steps, [t.description for t in tasks_of(case) if t.status == TaskStatus.DONE]
    )
    default = selectors.next_step(steps, done)
    wanted = request.GET.get("step", "")
    chosen = next((s for s in steps if str(s.pk) == wanted), default)
    return {
        "answers": answers,
        "steps": [(step, step.pk in done) for step in steps],
        "chosen": next((a for a in answers if chosen and a.step.pk == chosen.pk), None),
        "default": default,
    }


SECTION = CaseSection(
    key="responsibilities.for_person",
    order=37,
    label=_("Responsibilities"),
    anchor="responsibilities",
    lazy=True,
    panel_template="responsibilities/panel.html",
    panel_context=_panel,
)
