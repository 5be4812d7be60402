"""Every change to a participant's case is one function here (DESIGN.md §3.1)."""

import datetime
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from simple_history.utils import bulk_update_with_history

from lotse.audit.services import audit_record, audit_record_many, masked_diff
from lotse.core.errors import DomainError
from lotse.core.formats import short_date
from lotse.core.versioning import lock_existing
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Membership, Organisation
from lotse.participants.access import revocation_apply, valid_consents, visible_participants
from lotse.participants.enums import OPEN_TASK_STATUSES, ExitOutcome, ParticipantStatus, TaskStatus
from lotse.participants.models import (
    CaseCount,
    Child,
    Consent,
    CounsellingContact,
    IntakeDraft,
    Participant,
    ParticipantNameToken,
    ResidenceDocument,
    Share,
    StatusChange,
    Task,
)
from lotse.participants.names import keys_match, name_keys
from lotse.participants.sections import (
    ErasureReport,
    document_facts,
    erase_rows,
    exit_hooks,
    exit_questions,
    intake_steps,
)
from lotse.participants.selectors import DuplicateHint, forget_shared_cases, name_key_prefix

if TYPE_CHECKING:
    from lotse.participants.access import CaseAccess

EDITABLE_FIELDS = (
    "first_names",
    "last_name",
    "aliases",
    "birth_date",
    "birth_year",
    "birth_date_precision",
    "gender",
    "nationality",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "preferred_language",
    "interpreter_needed",
    "interpreter_language",
    "wishes",
    "site",
    "counsellor",
)


def _organisation_of(actor: User) -> Organisation:
    membership = membership_of(actor)
    if membership is None:
        raise DomainError(_("Your account does not belong to an organisation."))
    return membership.organisation


def participant_names_index(*, participant: Participant) -> None:
    """Rebuild the phonetic name keys that search and duplicate detection use."""
    ParticipantNameToken.objects.filter(participant=participant).delete()
    texts = [participant.first_names, participant.last_name, *participant.aliases.splitlines()]
    tokens: list[str] = []
    for text in texts:
        for key in name_keys(text):
            if key not in tokens:
                tokens.append(key[:64])
    ParticipantNameToken.objects.bulk_create(
        ParticipantNameToken(participant=participant, network_id=participant.network_id, token=t)
        for t in tokens
    )


def next_file_number(organisation: Organisation) -> str:
    prefix = f"{organisation.file_number_prefix}-{timezone.localdate().year}-"
    last = (
        Participant.objects.filter(
            network_id=organisation.network_id, file_number__startswith=prefix
        )
        .order_by("-file_number")
        .values_list("file_number", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


@transaction.atomic
def participant_create(
    *,
    actor: User,
    person: Mapping[str, Any],
    documents: Sequence[Mapping[str, Any]] = (),
    children_birth_years: Iterable[int] = (),
    consents: Sequence[Mapping[str, Any]] = (),
) -> Participant:
    organisation = _organisation_of(actor)
    participant = Participant(
        network_id=organisation.network_id,
        organisation=organisation,
        counsellor=actor,
        created_by=actor,
        **{k: v for k, v in person.items() if k in EDITABLE_FIELDS},
    )
    if participant.birth_date:
        participant.birth_year = participant.birth_date.year
    for attempt in range(5):
        participant.file_number = next_file_number(organisation)
        try:
            with transaction.atomic():
                participant.save()
            break
        except IntegrityError:
            # Two intakes finished in the same instant took the same number; take the next.
            if attempt == 4:
                raise
    participant_names_index(participant=participant)
    case_count_changed(organisation.pk)
    StatusChange.objects.create(
        participant=participant,
        network_id=participant.network_id,
        status=ParticipantStatus.REGISTERED,
        effective_on=timezone.localdate(),
        recorded_by=actor,
    )
    for document in documents:
        residence_document_record(actor=actor, participant=participant, **document)
    Child.objects.bulk_create(
        Child(participant=participant, network_id=participant.network_id, birth_year=year)
        for year in children_birth_years
    )
    for consent in consents:
        consent_record(actor=actor, participant=participant, **consent)
    audit_record(
        actor=actor,
        action="participants.participant.created",
        obj=participant,
        participant_id=participant.pk,
    )
    return participant


@transaction.atomic
def participant_update(
    *,
    actor: User,
    participant: Participant,
    expected_version: int | None,
    changes: Mapping[str, Any],
    children_birth_years: Sequence[int] | None = None,
) -> Participant:
    """Save edits only if nobody saved in between; never overwrite silently.
    `children_birth_years` replaces the household's children (None leaves them)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    locked = lock_existing(
        Participant.objects.filter(pk=participant.pk), expected_version=expected_version
    )
    changes = dict(changes)
    if changes.get("birth_date"):
        changes["birth_year"] = changes["birth_date"].year
    diff = {
        field: (getattr(locked, field), value)
        for field, value in changes.items()
        if getattr(locked, field) != value
    }
    for field, value in changes.items():
        setattr(locked, field, value)
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    participant = locked
    if children_birth_years is not None:
        children = Child.objects.filter(participant=participant)
        before = sorted(children.values_list("birth_year", flat=True))
        if before != sorted(children_birth_years):
            diff["children_birth_years"] = (before, sorted(children_birth_years))
            children.delete()
            Child.objects.bulk_create(
                Child(participant=participant, network_id=participant.network_id, birth_year=year)
                for year in children_birth_years
            )
    if {"first_names", "last_name", "aliases"} & set(diff):
        participant_names_index(participant=participant)
    audit_record(
        actor=actor,
        action="participants.participant.changed",
        obj=participant,
        participant_id=participant.pk,
        detail={"changes": masked_diff(diff)},
    )
    return participant


@transaction.atomic
def caseload_transfer(
    *,
    actor: User,
    from_counsellor_id: int,
    to_counsellor_id: int,
    participant_ids: Iterable[int] | None,
) -> list[int]:
    """Move the cases of one counsellor of the actor's organisation to another (a person
    leaves, the work is shared out anew): all of them, or those of `participant_ids` that are
    still theirs (a case another team lead moved meanwhile stays where it went). Each moved
    case gets a new version and a history record, so a form opened before refuses to save
    over the move, and one audit event. Returns the ids moved."""
    organisation = _organisation_of(actor)
    if from_counsellor_id == to_counsellor_id:
        raise DomainError(_("Choose another counsellor to take over the cases."))
    workers = Membership.objects.filter(
        organisation=organisation, role__in=CASE_ROLES
    ).select_related("user")
    source = workers.filter(user_id=from_counsellor_id).first()
    if source is None:
        raise DomainError(_("The cases to move must belong to a counsellor of your organisation."))
    target = workers.filter(user_id=to_counsellor_id, user__is_active=True).first()
    if target is None:
        raise DomainError(
            _("The cases can only move to an active counsellor of your organisation.")
        )
    cases = Participant.objects.select_for_update().filter(
        organisation=organisation, counsellor_id=from_counsellor_id
    )
    if participant_ids is not None:
        cases = cases.filter(pk__in=list(participant_ids))
    moved = list(cases.order_by("pk"))
    now = timezone.now()
    for participant in moved:
        participant.counsellor_id = to_counsellor_id
        participant.version += 1
        participant.updated_at = now
    bulk_update_with_history(
        moved,
        Participant,
        ["counsellor", "version", "updated_at"],
        default_user=actor,
        default_date=now,
    )
    ids = [participant.pk for participant in moved]
    audit_record_many(
        actor=actor,
        action="participants.participant.transferred",
        participant_ids=ids,
        # As a participant's edit writes it: the user names, which the log shows anyway.
        detail=masked_diff({"counsellor": (source.user, target.user)}),
    )
    return ids


@transaction.atomic
def participant_enrol(
    *, actor: User, participant: Participant, entry_date: datetime.date
) -> Participant:
    if participant.status == ParticipantStatus.ENROLLED:
        raise DomainError(_("The participant is already enrolled."))
    if participant.birth_date and entry_date < participant.birth_date:
        raise DomainError(_("The entry date cannot be before the date of birth."))
    if participant.exit_date and entry_date < participant.exit_date:
        # A second enrolment follows the first one's exit; the status history stays in order.
        raise DomainError(
            _("The new entry date cannot be before the last exit on %(date)s.")
            % {"date": short_date(participant.exit_date)}
        )
    participant.status = ParticipantStatus.ENROLLED
    participant.entry_date = entry_date
    participant.exit_date = None
    participant.exit_outcome = ""
    participant.version += 1
    participant.save(
        update_fields=["status", "entry_date", "exit_date", "exit_outcome", "version", "updated_at"]
    )
    StatusChange.objects.create(
        participant=participant,
        network_id=participant.network_id,
        status=ParticipantStatus.ENROLLED,
        effective_on=entry_date,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="participants.participant.enrolled",
        obj=participant,
        participant_id=participant.pk,
        detail={"entry_date": entry_date.isoformat()},
    )
    return participant


@transaction.atomic
def participant_exit(
    *,
    actor: User,
    participant: Participant,
    exit_date: datetime.date,
    outcome: ExitOutcome | str,
    answers: Mapping[str, str] | None = None,
) -> Participant:
    """Close the case. `answers` answer the apps' exit questions by their key (what the exit
    form asked); a question left unanswered changes nothing of the app's."""
    if participant.status != ParticipantStatus.ENROLLED:
        raise DomainError(_("Only an enrolled participant can leave the programme."))
    if participant.entry_date and exit_date < participant.entry_date:
        raise DomainError(_("The exit date cannot be before the entry date."))
    participant.status = ParticipantStatus.EXITED
    participant.exit_date = exit_date
    participant.exit_outcome = outcome
    participant.version += 1
    participant.save(update_fields=["status", "exit_date", "exit_outcome", "version", "updated_at"])
    StatusChange.objects.create(
        participant=participant,
        network_id=participant.network_id,
        status=ParticipantStatus.EXITED,
        effective_on=exit_date,
        exit_outcome=outcome,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="participants.participant.exited",
        obj=participant,
        participant_id=participant.pk,
        detail={"exit_date": exit_date.isoformat(), "outcome": str(outcome)},
    )
    for question in exit_questions():
        answer = (answers or {}).get(question.key)
        if not answer:
            continue
        asked = question.ask(participant, exit_date, str(outcome))
        if asked is None or answer not in dict(asked.choices):
            raise DomainError(_("The answer on the exit form no longer fits: please check it."))
        question.settle(actor, participant, exit_date, answer)
    for hook in exit_hooks():
        hook(actor, participant, exit_date)
    return participant


def _refresh_current_document(participant: Participant) -> None:
    # A document recorded without its issue date counts from the day it was recorded.
    documents = ResidenceDocument.objects.filter(participant=participant)
    current = max(documents, key=ResidenceDocument.newness, default=None)
    participant.current_document = current
    participant.document_valid_until = current.valid_until if current else None
    participant.document_type = current.document_type if current else ""
    participant.save(
        update_fields=["current_document", "document_valid_until", "document_type", "updated_at"]
    )


@transaction.atomic
def residence_document_record(
    *,
    actor: User,
    participant: Participant,
    document_type: str,
    section: str = "",
    issued_on: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    annotation: str = "",
) -> ResidenceDocument:
    if issued_on and valid_until and valid_until < issued_on:
        raise DomainError(_("“Valid until” cannot be before “issued on”."))
    document = ResidenceDocument.objects.create(
        participant=participant,
        network_id=participant.network_id,
        document_type=document_type,
        section=section,
        issued_on=issued_on,
        valid_until=valid_until,
        annotation=annotation,
        recorded_by=actor,
    )
    _refresh_current_document(participant)
    audit_record(
        actor=actor,
        action="participants.residence_document.recorded",
        obj=document,
        participant_id=participant.pk,
    )
    return document


# The residence document's own fields; whatever else its form carries belongs to the apps
# registered with `sections.register_document_facts`.
DOCUMENT_FIELDS = ("document_type", "section", "issued_on", "valid_until", "annotation")


@transaction.atomic
def residence_document_record_with_facts(
    *, actor: User, participant: Participant, values: Mapping[str, Any]
) -> ResidenceDocument:
    """Record the document of a residence-document form and hand each registered app the facts
    it asked for with it (they audit their own changes)."""
    document = residence_document_record(
        actor=actor,
        participant=participant,
        **{name: values[name] for name in DOCUMENT_FIELDS if name in values},
    )
    document_facts_record(actor=actor, participant=participant, values=values)
    return document


def document_facts_record(
    *, actor: User, participant: Participant, values: Mapping[str, Any]
) -> None:
    for group in document_facts():
        names = group.fields()
        own = {name: values[name] for name in names if name in values}
        if own:
            group.save(actor, participant, own)


@transaction.atomic
def contact_record(
    *,
    actor: User,
    participant: Participant,
    submission_key: uuid.UUID,
    took_place_on: datetime.date,
    duration_minutes: int,
    form: str,
    topics: Sequence[str],
    site: Any = None,
    interpreter_language: str = "",
    note: str = "",
    next_steps: Sequence[tuple[str, datetime.date | None]] = (),
) -> CounsellingContact:
    if CounsellingContact.objects.filter(submission_key=submission_key).exists():
        raise DomainError(_("This contact has already been saved."))
    contact = CounsellingContact.objects.create(
        participant=participant,
        network_id=participant.network_id,
        organisation=_organisation_of(actor),
        counsellor=actor,
        submission_key=submission_key,
        took_place_on=took_place_on,
        duration_minutes=duration_minutes,
        form=form,
        topics=list(topics),
        site=site,
        interpreter_language=interpreter_language,
        note=note,
    )
    # The contact's next steps are tasks of the person who recorded it, in their organisation.
    for text, due in next_steps:
        _task_insert(
            actor=actor,
            participant=participant,
            description=text,
            organisation=contact.organisation,
            assignee=actor,
            due_on=due,
            contact=contact,
        )
    if next_steps:
        _refresh_next_step(participant.pk)
    if participant.last_contact_on is None or took_place_on > participant.last_contact_on:
        Participant.objects.filter(pk=participant.pk).update(last_contact_on=took_place_on)
        participant.last_contact_on = took_place_on
    audit_record(
        actor=actor,
        action="participants.contact.recorded",
        obj=contact,
        participant_id=participant.pk,
        # Topics can reveal health or residence matters; the log keeps only how many.
        detail={"form": form, "topic_count": len(topics)},
    )
    return contact


def next_task_refresh(*, participant_id: int) -> None:
    """Keep `Participant.next_step`, the open task due first, after a change of the case's
    tasks (the plan's steps are saved by `profiles`)."""
    _refresh_next_step(participant_id)


def _refresh_next_step(participant_id: int) -> None:
    task_id = (
        Task.objects.filter(participant_id=participant_id, status__in=OPEN_TASK_STATUSES)
        .order_by(F("due_on").asc(nulls_last=True), "pk")
        .values_list("pk", flat=True)
        .first()
    )
    Participant.objects.filter(pk=participant_id).update(next_step_id=task_id)


def _check_responsible(
    participant: Participant, organisation: Organisation, assignee: User | None
) -> None:
    if organisation.network_id != participant.network_id:
        raise DomainError(_("Choose an organisation of the network."))
    if assignee is not None:
        membership = membership_of(assignee)
        if membership is None or membership.organisation_id != organisation.pk:
            raise DomainError(_("This person does not work for the responsible organisation."))


def _task_insert(
    *,
    actor: User,
    participant: Participant,
    description: str,
    organisation: Organisation,
    assignee: User | None = None,
    assignee_name: str = "",
    due_on: datetime.date | None = None,
    status: str = TaskStatus.OPEN,
    note: str = "",
    contact: CounsellingContact | None = None,
) -> Task:
    if not description.strip():
        raise DomainError(_("Describe the task."))
    _check_responsible(participant, organisation, assignee)
    task = Task(
        participant=participant,
        network_id=participant.network_id,
        description=description,
        organisation=organisation,
        assignee=assignee,
        assignee_name=assignee_name,
        due_on=due_on,
        status=status,
        done_on=timezone.localdate() if status == TaskStatus.DONE else None,
        note=note,
        contact=contact,
        created_by=actor,
        updated_by=actor,
    )
    task._history_user = actor  # type: ignore[attr-defined]
    task.save()
    audit_record(
        actor=actor,
        action="participants.task.created",
        obj=task,
        participant_id=participant.pk,
        detail={"contact": contact.pk if contact else None, "due_on": _iso_or_none(due_on)},
    )
    return task


def _iso_or_none(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def task_create(
    *,
    actor: User,
    participant: Participant,
    description: str,
    organisation: Organisation | None = None,
    assignee: User | None = None,
    assignee_name: str = "",
    due_on: datetime.date | None = None,
    status: str = TaskStatus.OPEN,
    note: str = "",
) -> Task:
    """A task of the participant; without an organisation it is the actor's organisation's."""
    task = _task_insert(
        actor=actor,
        participant=participant,
        description=description,
        organisation=organisation or _organisation_of(actor),
        assignee=assignee,
        assignee_name=assignee_name,
        due_on=due_on,
        status=status,
        note=note,
    )
    _refresh_next_step(participant.pk)
    return task


TASK_FIELDS = (
    "description",
    "organisation",
    "assignee",
    "assignee_name",
    "due_on",
    "status",
    "note",
)


@transaction.atomic
def task_update(
    *, actor: User, task: Task, expected_version: int | None, changes: Mapping[str, Any]
) -> Task:
    """Save edits of a task only if nobody saved it in between. Marking it done records the day."""
    unknown = set(changes) - set(TASK_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    locked = lock_existing(
        Task.objects.filter(pk=task.pk).select_related("participant"),
        expected_version=expected_version,
    )
    diff = {
        field: (getattr(locked, field), value)
        for field, value in changes.items()
        if getattr(locked, field) != value
    }
    for field, value in changes.items():
        setattr(locked, field, value)
    if not locked.description.strip():
        raise DomainError(_("Describe the task."))
    _check_responsible(locked.participant, locked.organisation, locked.assignee)
    if locked.status == TaskStatus.DONE:
        locked.done_on = locked.done_on or timezone.localdate()
    else:
        locked.done_on = None
    locked.updated_by = actor
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    _refresh_next_step(locked.participant_id)
    audit_record(
        actor=actor,
        action="participants.task.changed",
        obj=locked,
        participant_id=locked.participant_id,
        detail={"changes": masked_diff(diff)},
    )
    return locked


@transaction.atomic
def task_complete(
    *, actor: User, task: Task, expected_version: int | None, done_on: datetime.date
) -> Task:
    """Mark an open task done. A task saved since the page showed it is refused
    (`StaleEditError`), so nobody marks done what was just given a new date or cancelled; one
    that is done already stays as it is (a second click)."""
    current = Task.objects.select_for_update().filter(pk=task.pk).first()
    if current is not None and current.status == TaskStatus.DONE:
        return current
    locked = lock_existing(Task.objects.filter(pk=task.pk), expected_version=expected_version)
    if locked.status not in OPEN_TASK_STATUSES:
        raise DomainError(_("This task is no longer open."))
    locked.status = TaskStatus.DONE
    locked.done_on = done_on
    locked.updated_by = actor
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    _refresh_next_step(locked.participant_id)
    audit_record(
        actor=actor,
        action="participants.task.completed",
        obj=locked,
        participant_id=locked.participant_id,
        detail={"done_on": done_on.isoformat()},
    )
    return locked


@transaction.atomic
def task_delete(*, actor: User, task: Task) -> None:
    locked = Task.objects.select_for_update().filter(pk=task.pk).first()
    if locked is None:
        return  # deleted by a click just before this one
    audit_record(
        actor=actor,
        action="participants.task.deleted",
        obj=locked,
        participant_id=locked.participant_id,
    )
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.delete()
    _refresh_next_step(locked.participant_id)


def case_count_changed(organisation_id: int) -> None:
    """A case was registered in or deleted from the organisation: the next count is fresh. In
    the caller's transaction, so the new generation is seen together with the change."""
    CaseCount.objects.get_or_create(organisation_id=organisation_id)
    CaseCount.objects.filter(organisation_id=organisation_id).update(generation=F("generation") + 1)


def _sharing_changed(network_id: int) -> None:
    """The caseload's count of shared cases is kept for a minute: counted afresh once the
    change is committed."""
    transaction.on_commit(lambda: forget_shared_cases(network_id))


@transaction.atomic
def consent_record(
    *,
    actor: User,
    participant: Participant,
    purpose: str,
    organisations: Iterable[Organisation],
    given_on: datetime.date,
    form: str,
    witness: str = "",
    valid_until: datetime.date | None = None,
) -> Consent:
    if valid_until and valid_until < given_on:
        raise DomainError(_("“Valid until” cannot be before the date the consent was given."))
    if given_on > timezone.localdate():
        raise DomainError(_("A consent cannot be recorded before it was given."))
    if form == "verbal_with_witness" and not witness.strip():
        raise DomainError(_("A verbal consent needs the name of a witness."))
    organisations = list(organisations)
    if any(o.network_id != participant.network_id for o in organisations):
        raise DomainError(_("A consent can only cover organisations of the network."))
    consent = Consent.objects.create(
        participant=participant,
        network_id=participant.network_id,
        purpose=purpose,
        given_on=given_on,
        form=form,
        witness=witness,
        valid_until=valid_until,
        recorded_by=actor,
    )
    consent.organisations.set(organisations)
    audit_record(
        actor=actor,
        action="participants.consent.recorded",
        obj=consent,
        participant_id=participant.pk,
        detail={"purpose": purpose, "organisations": [o.pk for o in organisations]},
    )
    _sharing_changed(participant.network_id)
    return consent


@transaction.atomic
def consent_revoke(*, actor: User, consent: Consent, revoked_on: datetime.date) -> Consent:
    if consent.revoked_on is not None:
        raise DomainError(_("This consent has already been revoked."))
    if revoked_on < consent.given_on:
        raise DomainError(_("A consent cannot be revoked before it was given."))
    if revoked_on > timezone.localdate():
        raise DomainError(_("A revocation cannot be recorded in advance."))
    consent.revoked_on = revoked_on
    consent.save(update_fields=["revoked_on"])
    audit_record(
        actor=actor,
        action="participants.consent.revoked",
        obj=consent,
        participant_id=consent.participant_id,
        detail={"revoked_on": revoked_on.isoformat()},
    )
    # What the apps granted on this consent ends with it (open referrals are cancelled).
    revocation_apply(actor, consent)
    _sharing_changed(consent.participant.network_id)
    return consent


@transaction.atomic
def share_start(*, actor: User, participant: Participant, organisation: Organisation) -> Share:
    if organisation.pk == participant.organisation_id:
        raise DomainError(_("The participant already belongs to this organisation."))
    today = timezone.localdate()
    if not valid_consents(organisation, today).filter(participant=participant).exists():
        raise DomainError(
            _("There is no valid consent that covers %(organisation)s. Record a consent first.")
            % {"organisation": organisation.name}
        )
    if Share.objects.filter(
        participant=participant, organisation=organisation, ended_at__isnull=True
    ).exists():
        raise DomainError(_("The case is already shared with this organisation."))
    share = Share.objects.create(
        participant=participant,
        network_id=participant.network_id,
        organisation=organisation,
        started_by=actor,
    )
    audit_record(
        actor=actor,
        action="participants.share.started",
        obj=share,
        participant_id=participant.pk,
        detail={"organisation": organisation.pk},
    )
    _sharing_changed(participant.network_id)
    return share


@transaction.atomic
def share_end(*, actor: User, share: Share) -> Share:
    if share.ended_at is not None:
        raise DomainError(_("This share has already ended."))
    share.ended_at = timezone.now()
    share.ended_by = actor
    share.save(update_fields=["ended_at", "ended_by"])
    audit_record(
        actor=actor,
        action="participants.share.ended",
        obj=share,
        participant_id=share.participant_id,
        detail={"organisation": share.organisation_id},
    )
    _sharing_changed(share.participant.network_id)
    return share


@transaction.atomic
def volunteer_assign(*, actor: User, participant: Participant, volunteer: User) -> None:
    participant.volunteers.add(volunteer, through_defaults={"network_id": participant.network_id})
    audit_record(
        actor=actor,
        action="participants.volunteer.assigned",
        obj=participant,
        participant_id=participant.pk,
        detail={"volunteer": volunteer.pk},
    )


@transaction.atomic
def volunteer_unassign(*, actor: User, participant: Participant, volunteer: User) -> None:
    participant.volunteers.remove(volunteer)
    audit_record(
        actor=actor,
        action="participants.volunteer.removed",
        obj=participant,
        participant_id=participant.pk,
        detail={"volunteer": volunteer.pk},
    )


@transaction.atomic
def intake_draft_save(
    *, actor: User, draft: IntakeDraft | None, step: str, data: Mapping[str, Any]
) -> IntakeDraft:
    if draft is None:
        organisation = _organisation_of(actor)
        draft = IntakeDraft(
            organisation=organisation,
            network_id=organisation.network_id,
            created_by=actor,
            data={},
        )
    draft.data = {**draft.data, step: _storable(data)}
    draft.step = step
    draft.save()
    audit_record(
        actor=actor, action="participants.intake_draft.saved", obj=draft, detail={"step": step}
    )
    return draft


def _storable(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form input as typed, less NUL characters: no one types them on purpose, the form
    refuses them anyway, and PostgreSQL cannot store them in JSON."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace("\x00", "")
        if isinstance(value, list | tuple):
            return [clean(item) for item in value]
        return value

    return {clean(key): clean(value) for key, value in data.items()}


def intake_draft_discard(*, actor: User, draft: IntakeDraft) -> None:
    audit_record(actor=actor, action="participants.intake_draft.discarded", obj=draft)
    draft.delete()


def intake_drafts_purge() -> int:
    """Delete the drafts past their retention period (completed ones hold no data any more, but
    they too are only needed for a while: to catch a second click on "create")."""
    # A daily job over every network, run from the command line.
    with scopes_disabled():
        expired = IntakeDraft.objects.filter(updated_at__lt=IntakeDraft.kept_since())
        per_organisation = Counter(expired.values_list("organisation_id", "network_id"))
        total, _deleted = expired.delete()
    # One event per organisation: the data-protection officer reads the log by organisation.
    for (organisation_id, network_id), count in sorted(per_organisation.items()):
        audit_record(
            actor=None,
            action="participants.intake_draft.purged",
            organisation_id=organisation_id,
            network_id=network_id,
            detail={"count": count},
        )
    return total


def duplicates_check(
    *,
    actor: User,
    first_names: str,
    last_name: str,
    birth_date: datetime.date | None,
    birth_year: int | None,
) -> list[DuplicateHint]:
    """Search the whole network for the same person. Another organisation's match reveals only
    that organisation and how to reach it; the check itself is logged."""
    organisation = _organisation_of(actor)
    year = birth_date.year if birth_date else birth_year
    last_keys = name_keys(last_name)
    if not last_keys:
        return []
    with scopes_disabled():
        candidates = (
            Participant.objects.filter(network_id=organisation.network_id)
            .filter(name_key_prefix(last_keys[0]))
            .select_related("organisation")
        )
        if year:
            candidates = candidates.filter(birth_year=year)
        hints: list[DuplicateHint] = []
        for candidate in candidates[:50]:
            if birth_date and candidate.birth_date and candidate.birth_date != birth_date:
                continue
            full = f"{candidate.first_names} {candidate.last_name} {candidate.aliases}"
            first = first_names.split()[0] if first_names.split() else ""
            if not (keys_match(last_name, full) and keys_match(first, full)):
                continue
            hints.append(
                DuplicateHint(
                    participant_id=candidate.pk,
                    organisation_id=candidate.organisation_id,
                    organisation_name=candidate.organisation.name,
                    contact_email=candidate.organisation.contact_email,
                    contact_phone=candidate.organisation.contact_phone,
                    own_organisation=candidate.organisation_id == organisation.pk,
                )
            )
    audit_record(
        actor=actor,
        action="participants.duplicate_check.performed",
        detail={"matches": [h.participant_id for h in hints]},
    )
    return hints


@dataclass(frozen=True)
class OwnMatch:
    """A match in the user's own organisation, told apart from another by its file number and
    counsellor."""

    participant_id: int
    file_number: str
    counsellor: str


@dataclass(frozen=True)
class PossibleDuplicates:
    """A duplicate check as the user may see it: matches in the own organisation that the user
    may open, and for other organisations only where and whom to ask."""

    own: list[DuplicateHint]
    elsewhere: list[DuplicateHint]
    own_cases: list[OwnMatch]

    def __bool__(self) -> bool:
        return bool(self.own or self.elsewhere)

    @property
    def signature(self) -> str:
        """What was found, so that a warning once seen is not shown again for the same matches
        (but is for new ones, after the name was changed)."""
        found = [f"p{h.participant_id}" for h in self.own]
        found += [f"o{h.organisation_id}" for h in self.elsewhere]
        return ",".join(sorted(found))


def possible_duplicates(*, actor: User, person: Mapping[str, Any]) -> PossibleDuplicates:
    """`person`: the cleaned data of the intake's person step."""
    hints = duplicates_check(
        actor=actor,
        first_names=person["first_names"],
        last_name=person["last_name"],
        birth_date=person.get("birth_date"),
        birth_year=person.get("birth_year"),
    )
    own = [h for h in hints if h.own_organisation]
    # One hint per other organisation: how many similar people it holds is not ours to know.
    elsewhere: dict[int, DuplicateHint] = {}
    for hint in hints:
        if not hint.own_organisation:
            elsewhere.setdefault(hint.organisation_id, hint)
    visible = {
        pk: OwnMatch(
            participant_id=pk,
            file_number=file_number,
            counsellor=f"{first or ''} {last or ''}".strip() or (username or ""),
        )
        for pk, file_number, first, last, username in visible_participants(actor)
        .filter(pk__in=[h.participant_id for h in own])
        .values_list(
            "pk",
            "file_number",
            "counsellor__first_name",
            "counsellor__last_name",
            "counsellor__username",
        )
    }
    own = [h for h in own if h.participant_id in visible]
    return PossibleDuplicates(
        own=own,
        elsewhere=list(elsewhere.values()),
        own_cases=[visible[h.participant_id] for h in own],
    )


@transaction.atomic
def intake_complete(
    *, actor: User, draft: IntakeDraft, cleaned: Mapping[str, Mapping[str, Any]]
) -> Participant:
    """Create the participant from a validated intake; the draft remembers the result."""
    locked = IntakeDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.participant_id is not None:
        return locked.participant  # type: ignore[return-value]
    person = {**cleaned["person"], **cleaned["contact"], "wishes": cleaned["household"]["wishes"]}
    consent = dict(cleaned["consent"])
    residence = cleaned["residence"]
    participant = participant_create(
        actor=actor,
        person=person,
        documents=[{name: residence[name] for name in DOCUMENT_FIELDS if name in residence}],
        children_birth_years=cleaned["household"]["children_birth_years"],
        consents=[{k: v for k, v in consent.items() if k != "record_consent"}]
        if consent.get("record_consent")
        else [],
    )
    document_facts_record(actor=actor, participant=participant, values=residence)
    # The apps' steps (`sections.register_intake_step`) save their part now that the
    # participant exists, in this transaction: an intake is created whole or not at all.
    for step in intake_steps():
        if step.key in cleaned:
            step.complete(actor, participant, dict(cleaned[step.key]))
    locked.participant = participant
    locked.data = {}  # the participant now holds the data; the draft keeps no copy
    locked.save(update_fields=["participant", "data", "updated_at"])
    return participant


# The kernel's erasers, one per case section (registered in `panels.py`). Each runs inside
# `participant_erase`, which makes the deletion atomic and writes its audit event.


def documents_erase(participant: Participant) -> ErasureReport:
    # The derived "current document" goes with the documents it pointed at.
    Participant.objects.filter(pk=participant.pk).update(
        current_document=None, document_valid_until=None, document_type=""
    )
    return erase_rows(ResidenceDocument, participant=participant) | erase_rows(
        Child, participant=participant
    )


def tasks_erase(participant: Participant) -> ErasureReport:
    Participant.objects.filter(pk=participant.pk).update(next_step=None)
    return erase_rows(Task, participant=participant)


def contacts_erase(participant: Participant) -> ErasureReport:
    Participant.objects.filter(pk=participant.pk).update(last_contact_on=None)
    # Runs after `tasks_erase` (section order); a task left behind would go with its contact
    # but keep its history, so the tasks are erased here too.
    return erase_rows(Task, participant=participant) | erase_rows(
        CounsellingContact, participant=participant
    )


def consents_erase(participant: Participant) -> ErasureReport:
    participant.volunteers.clear()
    return erase_rows(Share, participant=participant) | erase_rows(Consent, participant=participant)


def status_erase(participant: Participant) -> ErasureReport:
    return erase_rows(StatusChange, participant=participant)


# The person's own record in the subject-access export (the sections add theirs).
EXPORTED_FIELDS = ("file_number", *EDITABLE_FIELDS, "status", "entry_date", "exit_date")


def participant_export(*, actor: User, case: "CaseAccess") -> dict[str, Any]:
    """Everything the case holds about the person (Art. 15 GDPR): their own record and each
    registered section's part. Only the case owner exports."""
    from lotse.participants.sections import case_sections

    if not case.allows("participants.export_case"):
        raise DomainError(_("Only the organisation that registered the person can export."))
    participant = case.participant
    record = Participant.objects.filter(pk=participant.pk).values(*EXPORTED_FIELDS).get()
    data: dict[str, Any] = {
        "participant": {
            k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in record.items()
        }
    }
    for section in case_sections():
        if section.export is not None:
            data.update(section.export(participant))
    audit_record(
        actor=actor,
        action="participants.participant.exported",
        obj=participant,
        participant_id=participant.pk,
        detail={"parts": sorted(data)},
    )
    return data


@transaction.atomic
def participant_erase(*, actor: User, case: "CaseAccess") -> dict[str, int]:
    """Delete the person and everything the sections hold about them (Art. 17 GDPR), past
    versions included; each section's eraser reports what it removed (pretix's shredder). The
    audit log keeps the event, which names no personal data."""
    from lotse.participants.sections import case_sections

    if not case.allows("participants.erase_case"):
        raise DomainError(_("Only the organisation that registered the person can delete it."))
    participant = case.participant
    removed: dict[str, int] = {}
    for section in case_sections():
        if section.erase is not None:
            removed |= section.erase(participant)
    participant.volunteers.clear()
    IntakeDraft.objects.filter(participant=participant).delete()
    removed |= erase_rows(ParticipantNameToken, participant=participant)
    removed |= erase_rows(Participant, id=participant.pk)
    case_count_changed(participant.organisation_id)
    audit_record(
        actor=actor,
        action="participants.participant.erased",
        obj=participant,
        participant_id=participant.pk,
        detail={"removed": removed},
    )
    _sharing_changed(case.participant.network_id)
    return removed
