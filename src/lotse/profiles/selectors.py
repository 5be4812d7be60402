"""Reads of the profile and the plan. The participant comes from `participant_for_user`
(the security boundary); these functions only gather what belongs to it."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, Q, QuerySet

from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.participants.access import visible_participants
from lotse.participants.enums import ParticipantStatus
from lotse.participants.models import Participant
from lotse.profiles.enums import OPEN_STEP_STATUSES
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
        "responsible_organisation", "responsible_user"
    )


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


def overdue_steps(user: User | AnonymousUser, today: datetime.date) -> QuerySet[CareerStep]:
    """Steps due before today and not done or dropped, that this user should chase: a
    counsellor's own caseload and the steps they are named for; a team lead's organisation's
    cases and the steps given to the organisation. Only participants the user may see."""
    membership = membership_of(user)
    if membership is None or membership.role not in CASE_ROLES:
        return CareerStep.objects.none()
    visible = visible_participants(user).exclude(status=ParticipantStatus.EXITED)
    steps = CareerStep.objects.filter(
        participant__in=visible.values("pk"), due_on__lt=today, status__in=OPEN_STEP_STATUSES
    )
    if membership.role == Role.TEAM_LEAD:
        mine = Q(participant__organisation_id=membership.organisation_id) | Q(
            responsible_organisation_id=membership.organisation_id
        )
    else:
        mine = Q(participant__counsellor=user) | Q(responsible_user=user)
    return (
        steps.filter(mine)
        .select_related("participant", "goal", "responsible_organisation")
        .order_by("due_on", "pk")
    )
