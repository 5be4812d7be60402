"""The one-page sheet for the employer: what the employer and the person must do before this
job may start, as the work-permission engine answers it for this person and this job, valid on
one date, with the legal basis. In plain German whatever the user's language: it is handed to
a German employer."""

import datetime
import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.legal import Outcome
from lotse.participants.models import Participant
from lotse.placements.placements.models import Placement
from lotse.placements.placements.permission import placement_permission
from lotse.profiles.documents.pdf import render_pdf


@dataclass(frozen=True)
class SheetAnswer:
    valid_on: datetime.date
    headline: str
    explanation: str
    allowed_now: bool  # no permit needed: the document allows it
    forbidden: bool
    needs_abh_permit: bool
    needs_ba_consent: bool
    citations: tuple[str, ...]
    disclaimer: str


def sheet_answer(
    placement: Placement, participant: Participant, today: datetime.date
) -> SheetAnswer | None:
    """The engine's answer for this job on its start (today if it started already); None when
    the person has no current residence document to assess."""
    answer = placement_permission(placement, participant, today, "de")
    if answer is None:
        return None
    result = answer.result
    # A school-based training needs no Beschäftigungserlaubnis; the engine answers for the
    # training that counts as employment, which is what an employer offers.
    return SheetAnswer(
        valid_on=answer.valid_on,
        headline=answer.line.headline,
        explanation=answer.line.explanation,
        allowed_now=result.outcome is Outcome.ALLOWED,
        forbidden=answer.forbidden,
        needs_abh_permit=result.needs_abh_permit,
        needs_ba_consent=result.needs_ba_consent,
        citations=result.citations,
        disclaimer=answer.disclaimer,
    )


def employer_sheet_html(
    placement: Placement, participant: Participant, today: datetime.date
) -> str:
    with translation.override("de"):
        return render_to_string(
            "placements/employer_sheet.html",
            {
                "placement": placement,
                "participant": participant,
                "answer": sheet_answer(placement, participant, today),
                "today": today,
            },
        )


def employer_sheet_pdf(
    placement: Placement, participant: Participant, today: datetime.date
) -> bytes:
    return render_pdf(employer_sheet_html(placement, participant, today))


def filename(placement: Placement) -> str:
    with translation.override("de"):
        stem = _("work-permission-for-the-employer")
    employer = re.sub(r"[^A-Za-z0-9]+", "-", placement.employer.name).strip("-")[:40]
    return f"{stem}-{employer or placement.pk}.pdf"
