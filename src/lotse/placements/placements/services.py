"""Writes of placements and their follow-up: one function per change, atomic, audited,
versioned. Check-ins are scheduled as tasks of the case (the kernel's `task_create`), so that
they appear in "My tasks" with every other next step and are completed there or here."""

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.audit.services import audit_record, masked_diff
from lotse.core.errors import DomainError
from lotse.core.models import FormSubmission
from lotse.core.versioning import lock_current, lock_existing
from lotse.employers.models import Employer, Vacancy
from lotse.network.access import membership_of
from lotse.network.models import Network
from lotse.participants.enums import OPEN_TASK_STATUSES, TaskStatus
from lotse.participants.models import Participant, Task
from lotse.participants.sections import ErasureReport, erase_rows
from lotse.participants.services import task_complete, task_create, task_update
from lotse.placements.placements.checks import add_months, placement_problems
from lotse.placements.placements.enums import (
    DEFAULT_CHECK_IN_MONTHS,
    CheckInState,
    Risk,
)
from lotse.placements.placements.models import CheckIn, FollowUpSetting, Placement
from lotse.placements.placements.selectors import placement_of_exit

# What a form or the API may set; the rest is kept by the services.
FIELDS = (
    "employer",
    "vacancy",
    "kind",
    "title",
    "starts_on",
    "planned_end_on",
    "hours_per_week",
    "probation_ends_on",
    "permit_applied_on",
    "permit_granted_on",
    "permit_refused_on",
    "ba_consent",
    "ba_pre_approval_on",
    "note",
)
# Recording the end is its own action (`placement_end`), also offered on the edit form.
END_FIELDS = ("ended_on", "end_reason")

# How many days before a check-in is due the follow-up list shows it.
DUE_SOON = datetime.timedelta(days=14)


def _refuse(problems: Mapping[str, str]) -> None:
    if problems:
        raise DomainError(" ".join(problems.values()))


def _check_employer(network_id: int, employer: Employer, vacancy: Vacancy | None) -> None:
    if employer.network_id != network_id:
        raise DomainError(_("Choose an employer of the network."))
    if vacancy is not None and vacancy.employer_id != employer.pk:
        raise DomainError(_("The vacancy belongs to another employer."))


def check_in_months(network_id: int) -> list[int]:
    setting = FollowUpSetting.objects.filter(network_id=network_id).first()
    return list(setting.months) if setting else list(DEFAULT_CHECK_IN_MONTHS)


def _check_in_text(placement: Placement, months: int) -> str:
    return ngettext(
        "Follow-up after %(months)s month: %(title)s at %(employer)s",
        "Follow-up after %(months)s months: %(title)s at %(employer)s",
        months,
    ) % {
        "months": months,
        "title": placement.title,
        "employer": placement.employer.name,
    }


def _organisation_id(user: User) -> int | None:
    membership = membership_of(user)
    return membership.organisation_id if membership else None


def _schedule(actor: User, placement: Placement) -> None:
    participant = placement.participant
    # The participant's counsellor; else whoever records it, if of the case's organisation;
    # else the organisation's (an unassigned task of the case).
    assignee = participant.counsellor
    if assignee is None or _organisation_id(assignee) != participant.organisation_id:
        assignee = actor if _organisation_id(actor) == participant.organisation_id else None
    for months in check_in_months(placement.network_id):
        due_on = add_months(placement.starts_on, months)
        if placement.ended_on is not None and due_on > placement.ended_on:
            continue
        task = task_create(
            actor=actor,
            participant=participant,
            description=_check_in_text(placement, months),
            organisation=participant.organisation,
            assignee=assignee,
            due_on=due_on,
        )
        CheckIn.objects.create(
            placement=placement,
            network_id=placement.network_id,
            months=months,
            due_on=due_on,
            task=task,
        )


class AlreadyRecordedError(DomainError):
    """The submission key was used before: the placement was recorded by the first request."""


def _first_use(key: uuid.UUID) -> bool:
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def placement_record(
    *,
    actor: User,
    participant: Participant,
    values: Mapping[str, Any],
    submission_key: uuid.UUID | None = None,
) -> Placement:
    """A new placement of the participant, with its check-ins scheduled. With a
    `submission_key` (the API's), a second request with the same key records nothing."""
    if submission_key is not None and not _first_use(submission_key):
        raise AlreadyRecordedError(_("This placement has already been recorded."))
    unknown = set(values) - set(FIELDS) - set(END_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be set: %s") % ", ".join(sorted(unknown)))
    _refuse(placement_problems(values, entry_date=participant.entry_date))
    _check_employer(participant.network_id, values["employer"], values.get("vacancy"))
    membership = membership_of(actor)
    assert membership is not None
    placement = Placement(
        participant=participant,
        network_id=participant.network_id,
        organisation_id=membership.organisation_id,
        created_by=actor,
        **values,
    )
    placement._history_user = actor  # type: ignore[attr-defined]
    placement.save()
    _schedule(actor, placement)
    audit_record(
        actor=actor,
        action="placements.placement.recorded",
        obj=placement,
        participant_id=participant.pk,
        detail={"employer": placement.employer_id, "kind": placement.kind},
    )
    return placement


def _cancel_open_check_ins(actor: User, placement: Placement, after: datetime.date | None) -> int:
    """Drop the open check-ins (due after `after`, all when None) and cancel their tasks."""
    dropped = 0
    for check_in in placement.check_ins.filter(done_on__isnull=True).select_related("task"):
        if after is not None and check_in.due_on <= after:
            continue
        task = check_in.task
        if task is not None and task.status in OPEN_TASK_STATUSES:
            task_update(
                actor=actor,
                task=task,
                expected_version=task.version,
                changes={"status": TaskStatus.CANCELLED},
            )
        check_in.delete()
        dropped += 1
    return dropped


def _move_open_check_ins(actor: User, placement: Placement) -> None:
    """A new start moves the open check-ins (and their tasks) with it."""
    for check_in in placement.check_ins.filter(done_on__isnull=True).select_related("task"):
        due_on = add_months(placement.starts_on, check_in.months)
        if due_on == check_in.due_on:
            continue
        check_in.due_on = due_on
        check_in.save(update_fields=["due_on"])
        task = check_in.task
        if task is not None and task.status in OPEN_TASK_STATUSES:
            task_update(
                actor=actor,
                task=task,
                expected_version=task.version,
                changes={
                    "due_on": due_on,
                    "description": _check_in_text(placement, check_in.months),
                },
            )


@transaction.atomic
def placement_update(
    *,
    actor: User,
    placement: Placement,
    expected_version: int | None,
    changes: Mapping[str, Any],
) -> Placement:
    """Save edits only if nobody saved the placement in between; nothing when a rule is
    broken. Ending it here is the same as `placement_end`."""
    unknown = set(changes) - set(FIELDS) - set(END_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    locked = lock_existing(
        Placement.objects.filter(pk=placement.pk).select_related("participant", "employer"),
        expected_version=expected_version,
    )
    before = {field: getattr(locked, field) for field in changes}
    for field, value in changes.items():
        setattr(locked, field, value)
    values = {field: getattr(locked, field) for field in (*FIELDS, *END_FIELDS)}
    _refuse(placement_problems(values, entry_date=locked.participant.entry_date))
    _check_employer(locked.network_id, locked.employer, locked.vacancy)
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    if before.get("starts_on", locked.starts_on) != locked.starts_on:
        _move_open_check_ins(actor, locked)
    if locked.ended_on is not None:
        _cancel_open_check_ins(actor, locked, after=locked.ended_on)
    diff = {f: (before[f], getattr(locked, f)) for f in changes if before[f] != getattr(locked, f)}
    audit_record(
        actor=actor,
        action="placements.placement.changed",
        obj=locked,
        participant_id=locked.participant_id,
        detail={"changes": masked_diff(diff)},
    )
    return locked


@transaction.atomic
def placement_end(
    *,
    actor: User,
    placement: Placement,
    expected_version: int | None,
    ended_on: datetime.date,
    end_reason: str,
) -> Placement:
    """Record the end; the check-ins due after it are dropped with their tasks."""
    return placement_update(
        actor=actor,
        placement=placement,
        expected_version=expected_version,
        changes={"ended_on": ended_on, "end_reason": end_reason},
    )


@transaction.atomic
def check_in_record(
    *,
    actor: User,
    check_in: CheckIn,
    expected_version: int | None,
    done_on: datetime.date,
    state: str,
    risks: list[str],
    action: str,
) -> CheckIn:
    """How the placement goes: stable, at risk (and why), or ended. Completes its task."""
    locked = lock_existing(
        CheckIn.objects.filter(pk=check_in.pk).select_related("placement"),
        expected_version=expected_version,
    )
    placement = locked.placement
    if state not in CheckInState.values:
        raise DomainError(_("Choose how the placement goes."))
    if state == CheckInState.AT_RISK and not risks:
        raise DomainError(_("Say what puts the placement at risk."))
    if any(risk not in Risk.values for risk in risks):
        raise DomainError(_("Choose the risks from the list."))
    if done_on < placement.starts_on:
        raise DomainError(_("A check-in cannot take place before the placement starts."))
    locked.done_on = done_on
    locked.state = state
    locked.risks = sorted(set(risks)) if state == CheckInState.AT_RISK else []
    locked.action = action
    locked.recorded_by = actor
    locked.recorded_at = timezone.now()
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    task = locked.task
    if task is not None:
        current = Task.objects.filter(pk=task.pk).first()
        if current is not None and current.status in OPEN_TASK_STATUSES:
            task_complete(
                actor=actor, task=current, expected_version=current.version, done_on=done_on
            )
    audit_record(
        actor=actor,
        action="placements.check_in.recorded",
        obj=locked,
        participant_id=placement.participant_id,
        detail={"state": state, "risks": locked.risks},
    )
    return locked


@transaction.atomic
def follow_up_setting_save(
    *, actor: User, network: Network, months: list[int], expected_version: int | None
) -> FollowUpSetting:
    """The network's check-in schedule; placements recorded from now on follow it."""
    setting = lock_current(
        FollowUpSetting.objects.filter(network=network), expected_version=expected_version
    )
    if setting is None:
        setting = FollowUpSetting(network=network)
    before = list(setting.months)
    setting.months = months
    setting.save()
    audit_record(
        actor=actor,
        action="placements.follow_up_setting.changed",
        obj=setting,
        network_id=network.pk,
        detail={"before": before, "after": months},
    )
    return setting


def placement_link_exit(actor: User, participant: Participant, exit_date: datetime.date) -> None:
    """The exit hook: a case closed into employment or vocational training links the
    placement of that kind running on the exit date (or starting within 28 days after it)."""
    placement = placement_of_exit(participant, exit_date, participant.exit_outcome)
    if placement is None:
        return
    placement.linked_to_exit_on = exit_date
    placement.save(update_fields=["linked_to_exit_on", "updated_at"])
    audit_record(
        actor=actor,
        action="placements.placement.linked_to_exit",
        obj=placement,
        participant_id=participant.pk,
        detail={"exit_date": exit_date.isoformat(), "outcome": participant.exit_outcome},
    )


def placements_erase(participant: Participant) -> ErasureReport:
    report = erase_rows(CheckIn, placement__participant=participant)
    report.update(erase_rows(Placement, participant=participant))
    return report
