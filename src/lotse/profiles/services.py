"""Writes of the profile and the career plan: one function per change (DESIGN.md §3.1).

Each `<entity>_save` creates (``item=None``) or updates an entry, validates it with the model's
rules (the same the forms use) and writes one audit event with a masked diff; `<entity>_delete`
removes it. An update names the `expected_version` its form showed and is refused with
`StaleEditError` if the entry was saved or deleted since (`core.versioning`). All are atomic:
a refused change leaves nothing behind.
"""

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.services import MASK, audit_record, masked_diff
from lotse.core.errors import DomainError
from lotse.core.versioning import Versioned, lock_current, lock_existing
from lotse.participants.enums import TaskStatus
from lotse.participants.models import Participant, Task
from lotse.participants.services import next_task_refresh
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

Actor = User | AnonymousUser
# Never editable through `data`: ownership and bookkeeping.
FIXED_FIELDS = frozenset({"id", "participant", "updated_at", "updated_by"})


class ProfileValidationError(DomainError):
    """Refused input with the message per field (forms and the API show them in place)."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__(" ".join(m for messages in errors.values() for m in messages))
        self.errors = dict(errors)


def _editable(model: type[models.Model]) -> set[str]:
    return {
        f.name
        for f in model._meta.concrete_fields
        if f.editable and f.name not in FIXED_FIELDS and not f.auto_created
    }


def _action(model: type[models.Model], verb: str) -> str:
    return f"profiles.{_ENTITY_NAMES[model]}.{verb}"


def _save[M: Versioned](
    model: type[M],
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: M | None,
    expected_version: int | None,
) -> M:
    unknown = set(data) - _editable(model)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    mine = model.objects.filter(participant=participant)  # type: ignore[attr-defined]
    obj: Any  # one of the entry models: each has a participant and updated_by
    if model is Resources:
        # One record per participant: whatever the caller passes, the saved one is edited, and
        # a form that opened before it existed meets it as a stale edit.
        obj = lock_current(mine, expected_version=expected_version)
    elif item is None:
        obj = None
    else:
        obj = lock_existing(mine.filter(pk=item.pk), expected_version=expected_version)
    created = obj is None
    if obj is None:
        obj = model(participant=participant)
        if isinstance(obj, Task):
            # A plan step is a task of the case: it carries the case's network like every task.
            obj.network_id = participant.network_id
            obj.created_by_id = actor.pk
    obj.participant = participant
    diff = {}
    for name, value in data.items():
        if created:
            # A new entry: the log names the fields that were filled in.
            if value not in (None, "", [], False):
                diff[name] = (None, value)
        elif getattr(obj, name) != value:
            diff[name] = (getattr(obj, name), value)
        setattr(obj, name, value)
    obj.updated_by = actor
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ProfileValidationError(error.message_dict) from None
    if isinstance(obj, Task):
        obj.done_on = (
            (obj.done_on or timezone.localdate()) if obj.status == TaskStatus.DONE else None
        )
    obj._history_user = actor
    obj.save()
    if isinstance(obj, Task):
        next_task_refresh(participant_id=participant.pk)
    detail = masked_diff(diff)
    if model is HealthRestriction:
        # Special category data: not even the status-like fields appear in clear.
        detail = dict.fromkeys(diff, MASK)
    audit_record(
        actor=actor,
        action=_action(model, "created" if created else "changed"),
        obj=obj,
        participant_id=participant.pk,
        detail={"changes": detail},
    )
    saved: M = obj
    return saved


def _delete[M: models.Model](
    model: type[M], *, actor: Actor, participant: Participant, item: M
) -> None:
    obj = (
        model.objects.select_for_update()  # type: ignore[attr-defined]
        .filter(pk=item.pk, participant=participant)
        .first()
    )
    if obj is None:
        return  # deleted by a click just before this one: nothing left to do
    obj._history_user = actor
    audit_record(
        actor=actor,
        action=_action(model, "deleted"),
        obj=obj,
        participant_id=participant.pk,
        detail={},
    )
    obj.delete()
    if isinstance(obj, Task):
        next_task_refresh(participant_id=participant.pk)


@transaction.atomic
def language_skill_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: LanguageSkill | None = None,
    expected_version: int | None = None,
) -> LanguageSkill:
    return _save(
        LanguageSkill,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def language_skill_delete(*, actor: Actor, participant: Participant, item: LanguageSkill) -> None:
    _delete(LanguageSkill, actor=actor, participant=participant, item=item)


@transaction.atomic
def language_certificate_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: LanguageCertificate | None = None,
    expected_version: int | None = None,
) -> LanguageCertificate:
    return _save(
        LanguageCertificate,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def language_certificate_delete(
    *, actor: Actor, participant: Participant, item: LanguageCertificate
) -> None:
    _delete(LanguageCertificate, actor=actor, participant=participant, item=item)


@transaction.atomic
def language_course_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: LanguageCourse | None = None,
    expected_version: int | None = None,
) -> LanguageCourse:
    return _save(
        LanguageCourse,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def language_course_delete(*, actor: Actor, participant: Participant, item: LanguageCourse) -> None:
    _delete(LanguageCourse, actor=actor, participant=participant, item=item)


@transaction.atomic
def education_stage_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: EducationStage | None = None,
    expected_version: int | None = None,
) -> EducationStage:
    return _save(
        EducationStage,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def education_stage_delete(*, actor: Actor, participant: Participant, item: EducationStage) -> None:
    _delete(EducationStage, actor=actor, participant=participant, item=item)


@transaction.atomic
def recognition_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: Recognition | None = None,
    expected_version: int | None = None,
) -> Recognition:
    return _save(
        Recognition,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def recognition_delete(*, actor: Actor, participant: Participant, item: Recognition) -> None:
    _delete(Recognition, actor=actor, participant=participant, item=item)


@transaction.atomic
def work_experience_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: WorkExperience | None = None,
    expected_version: int | None = None,
) -> WorkExperience:
    return _save(
        WorkExperience,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def work_experience_delete(*, actor: Actor, participant: Participant, item: WorkExperience) -> None:
    _delete(WorkExperience, actor=actor, participant=participant, item=item)


@transaction.atomic
def desired_occupation_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: DesiredOccupation | None = None,
    expected_version: int | None = None,
) -> DesiredOccupation:
    return _save(
        DesiredOccupation,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def desired_occupation_delete(
    *, actor: Actor, participant: Participant, item: DesiredOccupation
) -> None:
    _delete(DesiredOccupation, actor=actor, participant=participant, item=item)


@transaction.atomic
def skill_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: Skill | None = None,
    expected_version: int | None = None,
) -> Skill:
    return _save(
        Skill,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def skill_delete(*, actor: Actor, participant: Participant, item: Skill) -> None:
    _delete(Skill, actor=actor, participant=participant, item=item)


@transaction.atomic
def resources_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: Resources | None = None,
    expected_version: int | None = None,
) -> Resources:
    """One record per participant: `item` is looked up, whatever the caller passes."""
    return _save(
        Resources,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def health_restriction_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: HealthRestriction | None = None,
    expected_version: int | None = None,
) -> HealthRestriction:
    return _save(
        HealthRestriction,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def health_restriction_delete(
    *, actor: Actor, participant: Participant, item: HealthRestriction
) -> None:
    _delete(HealthRestriction, actor=actor, participant=participant, item=item)


@transaction.atomic
def career_goal_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: CareerGoal | None = None,
    expected_version: int | None = None,
) -> CareerGoal:
    return _save(
        CareerGoal,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def career_goal_delete(*, actor: Actor, participant: Participant, item: CareerGoal) -> None:
    # The goal's steps go with it; each leaves its own trace in the log.
    for step in CareerStep.objects.filter(goal=item, participant=participant):
        _delete(CareerStep, actor=actor, participant=participant, item=step)
    _delete(CareerGoal, actor=actor, participant=participant, item=item)


@transaction.atomic
def career_step_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: CareerStep | None = None,
    expected_version: int | None = None,
) -> CareerStep:
    return _save(
        CareerStep,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def career_step_delete(*, actor: Actor, participant: Participant, item: CareerStep) -> None:
    _delete(CareerStep, actor=actor, participant=participant, item=item)


@transaction.atomic
def career_activity_save(
    *,
    actor: Actor,
    participant: Participant,
    data: Mapping[str, Any],
    item: CareerActivity | None = None,
    expected_version: int | None = None,
) -> CareerActivity:
    return _save(
        CareerActivity,
        actor=actor,
        participant=participant,
        data=data,
        item=item,
        expected_version=expected_version,
    )


@transaction.atomic
def career_activity_delete(*, actor: Actor, participant: Participant, item: CareerActivity) -> None:
    _delete(CareerActivity, actor=actor, participant=participant, item=item)


_ENTITY_NAMES: dict[type[models.Model], str] = {
    LanguageSkill: "language_skill",
    LanguageCertificate: "language_certificate",
    LanguageCourse: "language_course",
    EducationStage: "education_stage",
    Recognition: "recognition",
    WorkExperience: "work_experience",
    DesiredOccupation: "desired_occupation",
    Skill: "skill",
    Resources: "resources",
    HealthRestriction: "health_restriction",
    CareerGoal: "career_goal",
    CareerStep: "career_step",
    CareerActivity: "career_activity",
}
