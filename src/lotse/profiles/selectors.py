"""Reads of the profile and the plan. The participant comes from `participant_for_user`
(the security boundary); these functions only gather what belongs to it."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from lotse.participants.models import Participant
from lotse.profiles.models import (
    CareerActivity,
    CareerGoal,
    CareerStep,
    DesiredOccupation,
    EducationStage,
    HealthRestriction,
    LanguageCertificate,
    LanguageCourse,
    LanguageSkill,
    Recognition,
    Resources,
    Skill,
    WorkExperience,
)


@dataclass
class Profile:
    languages: list[LanguageSkill] = field(default_factory=list)
    certificates: list[LanguageCertificate] = field(default_factory=list)
    courses: list[LanguageCourse] = field(default_factory=list)
    education: list[EducationStage] = field(default_factory=list)
    recognition: list[Recognition] = field(default_factory=list)
    work: list[WorkExperience] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    desired: list[DesiredOccupation] = field(default_factory=list)
    resources: Resources | None = None
    goals: list[CareerGoal] = field(default_factory=list)
    activities: list[CareerActivity] = field(default_factory=list)


def steps_of(participant: Participant) -> QuerySet[CareerStep]:
    return CareerStep.objects.filter(participant=participant).select_related(
        "organisation", "assignee"
    )


def step_goals(task_ids: list[int]) -> dict[int, str]:
    """Which goal each of these tasks is a plan step of, as text ("Goal: …"): the profile's
    word on where a task comes from (`CaseSection.task_origins`)."""
    steps = CareerStep.objects.filter(pk__in=task_ids).select_related("goal")
    return {
        step.pk: _("Career plan: %(goal)s") % {"goal": str(step.goal)}
        for step in steps.only("pk", "goal__kind", "goal__target_label")
    }


def goals_of(participant: Participant) -> list[CareerGoal]:
    goals = list(
        CareerGoal.objects.filter(participant=participant).prefetch_related(
            Prefetch("steps", queryset=steps_of(participant))
        )
    )
    for goal in goals:
        goal.participant = participant
    return goals


def goal_choices(participant: Participant) -> QuerySet[CareerGoal]:
    """The goals a step of this participant may belong to."""
    return CareerGoal.objects.filter(participant=participant)


def language_recorded(participant: Participant, language: str, *, besides: int | None) -> bool:
    """Whether the participant has an entry for the language other than entry `besides`."""
    entries = LanguageSkill.objects.filter(participant=participant, language=language)
    if besides is not None:
        entries = entries.exclude(pk=besides)
    return entries.exists()


def entries(model: type[Any], participant: Participant) -> list[Any]:
    """The participant's entries of one kind, with the participant attached (no extra query)."""
    items = list(model.objects.filter(participant=participant))
    for item in items:
        item.participant = participant
    return items


def resources_of(participant: Participant) -> Resources | None:
    return Resources.objects.filter(participant=participant).first()


def health_restrictions_of(participant: Participant) -> list[HealthRestriction]:
    """Only ever called after checking that the user is the case owner (Art. 9 GDPR)."""
    return entries(HealthRestriction, participant)


def profile_of(participant: Participant) -> Profile:
    """The whole profile and plan without health data: one query per kind of entry."""
    return Profile(
        languages=entries(LanguageSkill, participant),
        certificates=entries(LanguageCertificate, participant),
        courses=entries(LanguageCourse, participant),
        education=entries(EducationStage, participant),
        recognition=entries(Recognition, participant),
        work=entries(WorkExperience, participant),
        skills=entries(Skill, participant),
        desired=entries(DesiredOccupation, participant),
        resources=resources_of(participant),
        goals=goals_of(participant),
        activities=entries(CareerActivity, participant),
    )
