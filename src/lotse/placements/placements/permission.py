"""The work-permission engine's answer for a placement: what the sheet for the employer prints
and what recording or saving a placement warns about. Asked, never computed here: the engine
(`lotse.legal`) decides and `workpermission.presentation` words it, as on the assessment and
the matching pages."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.legal import ActivityResult, Outcome, evaluate
from lotse.participants.models import Participant
from lotse.placements.placements.enums import ACTIVITY_OF_KIND, PlacementKind
from lotse.placements.placements.models import Placement
from lotse.workpermission import presentation
from lotse.workpermission.presentation import ActivityLine
from lotse.workpermission.selectors import facts_for, situation_for_participant


@dataclass(frozen=True)
class PlacementPermission:
    valid_on: datetime.date
    result: ActivityResult
    line: ActivityLine
    disclaimer: str

    @property
    def forbidden(self) -> bool:
        return self.result.outcome is Outcome.FORBIDDEN or self.result.absolute_ban


def placement_permission(
    placement: Placement, participant: Participant, today: datetime.date, lang: str
) -> PlacementPermission | None:
    """The engine's answer for the placement's activity on its start (today if it started
    already); None when the person has no current residence document to assess."""
    valid_on = max(placement.starts_on, today)
    situation = situation_for_participant(participant, facts_for(participant), valid_on)
    if situation is None:
        return None
    evaluation = evaluate(situation)
    result = evaluation.activities[ACTIVITY_OF_KIND[PlacementKind(placement.kind)]]
    return PlacementPermission(
        valid_on=valid_on,
        result=result,
        line=presentation.activity_line(result, lang),
        disclaimer=presentation.pick(evaluation.disclaimer, lang),
    )


def permit_warning(
    placement: Placement, participant: Participant, today: datetime.date
) -> str | None:
    """What the counsellor should know about a placement just recorded or saved: the engine
    says its activity is not possible on that day, or needs the Ausländerbehörde's permit and
    none is recorded as granted. None when there is nothing to warn about (or nothing to
    assess). A warning, not a refusal: a placement may be agreed pending the permit."""
    answer = placement_permission(placement, participant, today, presentation.language())
    if answer is None:
        return None
    said = {"date": short_date(answer.valid_on), "answer": answer.line.headline}
    if answer.forbidden:
        return (
            _(
                "The work-permission check says for %(date)s: %(answer)s. Clarify the work "
                "permission before the placement starts."
            )
            % said
        )
    if not answer.result.needs_abh_permit or placement.permit_granted_on is not None:
        return None
    if placement.permit_refused_on is not None:
        return _(
            "The Ausländerbehörde refused the permit on %(day)s. The work-permission check says "
            "for %(date)s: %(answer)s."
        ) % {**said, "day": short_date(placement.permit_refused_on)}
    if placement.permit_applied_on is not None:
        return _(
            "The permit to work is applied for (on %(day)s), not granted yet. The work-permission "
            "check says for %(date)s: %(answer)s. The person may start only once the "
            "Ausländerbehörde's permit is in the residence document."
        ) % {**said, "day": short_date(placement.permit_applied_on)}
    return (
        _(
            "No permit to work is recorded as granted. The work-permission check says for "
            "%(date)s: %(answer)s. The person may start only once the Ausländerbehörde's permit "
            "is in the residence document."
        )
        % said
    )
