"""The career plan as an agreement with the participant: German first, then the same in the
participant's language (right-to-left for Arabic and Dari/Farsi), with one signature block.

The agreement's sentences are in its template, translated with gettext (`{% language %}` for
each part); choice values come from `participant_texts`. Goals and steps that were dropped are
no longer part of what is agreed and are left out; notes on steps are the counsellor's working
notes and are left out as well. Text typed by people (targets, step descriptions, names) is
printed as typed in both parts.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from lotse.participants.enums import TaskStatus
from lotse.participants.models import Participant
from lotse.profiles.documents.pdf import render_pdf
from lotse.profiles.enums import GoalStatus
from lotse.profiles.models import CareerGoal, CareerStep
from lotse.profiles.participant_texts import LANGUAGES, direction, texts


@dataclass(frozen=True)
class StepLine:
    description: str
    responsible: str
    due: str
    status: str


@dataclass(frozen=True)
class GoalBlock:
    kind: str
    target: str
    target_date: str
    status: str
    steps: tuple[StepLine, ...]


@dataclass(frozen=True)
class Part:
    """The agreement in one language."""

    lang: str
    dir: str
    goals: tuple[GoalBlock, ...]


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def _responsible(step: CareerStep) -> str:
    person = step.assignee_name
    if step.assignee is not None:
        person = step.assignee.get_full_name() or step.assignee.get_username()
    organisation = step.organisation.name
    return f"{person} ({organisation})" if person else organisation


def _part(language: str, goals: list[CareerGoal]) -> Part:
    labels = texts(language)
    blocks = tuple(
        GoalBlock(
            kind=labels[f"goal.{goal.kind}"],
            target=goal.target_label,
            target_date=_day(goal.target_date),
            status=labels[f"goal_status.{goal.status}"],
            steps=tuple(
                StepLine(
                    description=step.description,
                    responsible=_responsible(step),
                    due=_day(step.due_on),
                    status=labels[f"step_status.{step.status}"],
                )
                for step in goal.steps.all()
                if step.status != TaskStatus.CANCELLED
            ),
        )
        for goal in goals
        if goal.status != GoalStatus.DROPPED
    )
    return Part(
        lang=language,
        dir=direction(language),
        goals=blocks,
    )


def _person(user: Any) -> str:
    if user is None:
        return ""
    name: str = user.get_full_name() or user.get_username()
    return name


def plan_context(
    participant: Participant, goals: list[CareerGoal], *, language: str, today: datetime.date
) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    german, translated = _part("de", goals), _part(language, goals)
    return {
        "participant_name": f"{participant.first_names} {participant.last_name}",
        "file_number": participant.file_number,
        "organisation": participant.organisation.name,
        "counsellor": _person(participant.counsellor),
        "date": _day(today),
        "parts": (german, translated),
        "german": german,
        "translated": translated,
    }


def plan_pdf(
    participant: Participant, goals: list[CareerGoal], *, language: str, today: datetime.date
) -> bytes:
    context = plan_context(participant, goals, language=language, today=today)
    return render_pdf(render_to_string("profiles/documents/plan.html", context))
