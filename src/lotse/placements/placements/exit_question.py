"""What the exit form asks when the case closes into employment while the running placement is
a training (or the reverse): no placement would be linked to the exit. The counsellor either
ends the running placement on the exit date, for the reason the new outcome implies, or keeps
it running unlinked; choosing the outcome that matches it links it instead."""

import datetime

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.participants.enums import ExitOutcome
from lotse.participants.models import Participant
from lotse.participants.sections import ExitAsk, ExitQuestion
from lotse.placements.placements import selectors, services
from lotse.placements.placements.enums import KINDS_OF_OUTCOME, EndReason

END, KEEP = "end", "keep"

# Why a placement ends when the case closes into the other outcome: a training left for a
# job is abandoned; a job left for a training the participant quit.
END_REASON_FOR_OUTCOME = {
    ExitOutcome.EMPLOYMENT: EndReason.TRAINING_ABANDONED,
    ExitOutcome.VOCATIONAL_TRAINING: EndReason.QUIT,
}


def ask(participant: Participant, exit_date: datetime.date, outcome: str) -> ExitAsk | None:
    placement = selectors.placement_against_exit(participant, exit_date, outcome)
    if placement is None:
        return None
    matching = next(o for o, kinds in KINDS_OF_OUTCOME.items() if placement.kind in kinds)
    notice = _(
        "The placement %(title)s at %(employer)s (%(kind)s, since %(start)s) is running and does "
        "not match the outcome “%(outcome)s”: closing the case links no placement to the exit. "
        "If the person continues in it, choose the outcome “%(matching)s”: the placement is "
        "then linked."
    ) % {
        "title": placement.title,
        "employer": placement.employer.name,
        "kind": placement.get_kind_display(),
        "start": short_date(placement.starts_on),
        "outcome": ExitOutcome(outcome).label,
        "matching": ExitOutcome(matching).label,
    }
    reason = END_REASON_FOR_OUTCOME[ExitOutcome(outcome)]
    return ExitAsk(
        notice=notice,
        label=_("The running placement %(title)s") % {"title": placement.title},
        choices=[
            (END, _("End it on the exit date (%(reason)s)") % {"reason": reason.label}),
            (KEEP, _("Keep it running, not linked to the exit")),
        ],
    )


def settle(actor: User, participant: Participant, exit_date: datetime.date, answer: str) -> None:
    if answer != END:
        return
    outcome = str(participant.exit_outcome)
    placement = selectors.placement_against_exit(participant, exit_date, outcome)
    if placement is None:
        return
    services.placement_end(
        actor=actor,
        placement=placement,
        expected_version=placement.version,
        ended_on=exit_date,
        end_reason=END_REASON_FOR_OUTCOME[ExitOutcome(outcome)],
    )


EXIT_QUESTION = ExitQuestion(key="placements.running", ask=ask, settle=settle)
