"""Participants and their counselling contacts over HTTP. Registered by the API package
(`api.add_router("", participants_router)`). Every endpoint reaches personal data only through
the access functions of `participants.access` and changes it only through
`participants.services`, exactly like the pages."""

import datetime
from typing import Annotated, Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination
from ninja.params import functions as param
from pydantic import WithJsonSchema

from lotse.api import schemas
from lotse.api.errors import InvalidDataError
from lotse.api.forms_bridge import cleaned, form_data, form_errors
from lotse.audit.services import audit_record, audit_record_many
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.forms import KernForm
from lotse.core.http import AuthenticatedHttpRequest
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.network.models import Membership, Organisation, Site
from lotse.participants import forms, services
from lotse.participants.access import (
    CaseAccess,
    case_access_of,
    case_for_display,
    participant_for_user,
    visible_participants,
)
from lotse.participants.models import CounsellingContact, Participant, Task
from lotse.participants.selectors import (
    contact_submission_key_used,
    contacts_with_steps,
    residence_documents,
    search_participants,
    task_of,
    tasks_for_user,
    tasks_of_participant,
)

router = Router(tags=["participants"])

PAGE_SIZE = 50
# Far beyond any real list, and small enough that OFFSET stays a valid database integer.
MAX_PAGE = 1_000_000
MAX_ID = 2**63 - 1
ERRORS: dict[int, Any] = {
    401: schemas.Message,
    403: schemas.Message,
    404: schemas.Message,
}
PageNumber: Any = param.Query(1, ge=1, le=MAX_PAGE, description="Page of 50 items, from 1")
ParticipantId: Any = param.Path(..., ge=1, le=MAX_ID)
TaskId: Any = param.Path(..., ge=1, le=MAX_ID)
# The caseload search's rules, said in the schema only (SearchForm checks them with its own
# messages): at most 200 characters, no NUL.
SearchText = WithJsonSchema({"type": "string", "maxLength": 200, "pattern": r"^[^\x00]*$"})


class SearchForm(KernForm):
    # The caseload's own search field: same length limit, same refusal of NUL characters.
    q = forms.CaseloadFilterForm.base_fields["q"]


def _membership(request: HttpRequest, permission: str) -> Membership:
    """Roles without case files (coordinator, data protection, funder) are refused with 403:
    for them the answer does not depend on any participant, so it reveals nothing."""
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm(permission):
        raise HttpError(403, _("Your role has no access to case files."))
    return membership


def _page(queryset: QuerySet[Any], page: int) -> tuple[list[Any], int]:
    paginator = PageNumberPagination(page_size=PAGE_SIZE)
    result = paginator.paginate_queryset(
        queryset,
        PageNumberPagination.Input(page=page, page_size=None),
        request=None,  # type: ignore[arg-type]
    )
    return list(result["items"]), result["count"]


@router.get(
    "/participants",
    response={200: schemas.ParticipantPage, 422: schemas.ValidationErrors, **ERRORS},
    summary="List the participants you may see",
    description="Your visible participants, 50 per page, sorted by name. `q` searches like the "
    "caseload: names in any spelling or script, date or year of birth, file number. "
    "Volunteers get only the contact data of the participants assigned to them; roles "
    "without case files get 403.",
)
def participant_list(
    request: HttpRequest, q: Annotated[str, SearchText] = "", page: int = PageNumber
) -> Any:
    membership = _membership(request, "participants.list_participants")
    search = SearchForm({"q": q})
    query = cleaned(search)["q"]
    # Volunteers may search by name only: hits on dates would reveal case data.
    names_only = membership.role == Role.VOLUNTEER
    participants = (
        search_participants(visible_participants(request.user), query, names_only=names_only)
        .select_related("organisation", "site", "counsellor", "current_document")
        .order_by("last_name", "first_names", "pk")
    )
    rows, count = _page(participants, page)
    audit_record_many(
        actor=request.user,
        action=(
            "participants.participant.search_hit" if query else "participants.participant.listed"
        ),
        participant_ids=[p.pk for p in rows],
        detail={"channel": "api", **({"query_length": len(query)} if query else {})},
    )
    return {"count": count, "items": [_list_item(request.user, p) for p in rows]}


@router.get(
    "/participants/{participant_id}",
    response={200: schemas.ParticipantDetail, 422: schemas.ValidationErrors, **ERRORS},
    summary="One participant",
    description="404 for a participant that does not exist and for one you may not see.",
)
def participant_detail(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    _membership(request, "participants.list_participants")
    return _detail(case_for_display(request.user, participant_id, channel="api"))


@router.post(
    "/participants",
    response={
        201: schemas.ParticipantOut,
        400: schemas.Message,
        409: schemas.PossibleDuplicates,
        413: schemas.Message,
        422: schemas.ValidationErrors,
        **ERRORS,
    },
    summary="Register a participant",
    description="The fields of the intake's person and contact steps, optionally with a "
    "residence document. Validated by the same rules as the intake; 422 names each field "
    "with its message in the language of Accept-Language. Like the intake, it first searches "
    "the whole network for the same person: a match answers 409 with where the person is "
    "registered and whom to ask (for another organisation nothing else); send the request "
    "again with `confirm_not_duplicate` to register anyway.",
)
def participant_create(request: AuthenticatedHttpRequest, payload: schemas.ParticipantIn) -> Any:
    membership = _membership(request, "participants.run_intake")
    values = payload.model_dump(exclude={"residence_document", "confirm_not_duplicate"})
    person_form = forms.PersonForm(form_data(values))
    contact_form = forms.ContactDetailsForm(
        form_data(values), organisation_id=membership.organisation_id
    )
    document_form = None
    if payload.residence_document is not None:
        document_form = forms.ResidenceDocumentForm(
            form_data(payload.residence_document.model_dump()), with_facts=False
        )
    errors = {**form_errors(person_form), **form_errors(contact_form)}
    if document_form is not None:
        errors.update(form_errors(document_form, prefix="residence_document."))
    if errors:
        raise InvalidDataError(errors)
    duplicates = services.possible_duplicates(actor=request.user, person=person_form.cleaned_data)
    if duplicates and not payload.confirm_not_duplicate:
        return Status(409, _possible_duplicates(duplicates))
    participant = services.participant_create(
        actor=request.user,
        person={**person_form.cleaned_data, **contact_form.cleaned_data},
        documents=[document_form.cleaned_data] if document_form is not None else [],
    )
    return Status(201, _detail(participant_for_user(request.user, participant.pk)))


def _possible_duplicates(duplicates: services.PossibleDuplicates) -> dict[str, Any]:
    return {
        "detail": _(
            "A similar person is already registered. Please check with the organisation named "
            "before registering again."
        ),
        "possible_duplicates": [
            {
                "organisation": hint.organisation_name,
                "contact_email": hint.contact_email,
                "contact_phone": hint.contact_phone,
                "participant_id": hint.participant_id if hint in duplicates.own else None,
            }
            for hint in [*duplicates.own, *duplicates.elsewhere]
        ],
    }


@router.get(
    "/participants/{participant_id}/contacts",
    response={200: schemas.ContactPage, 422: schemas.ValidationErrors, **ERRORS},
    summary="Counselling contacts of a participant",
    description="Newest first, 50 per page. Volunteers do not see counselling contacts (404).",
)
def contact_list(
    request: HttpRequest, participant_id: int = ParticipantId, page: int = PageNumber
) -> Any:
    _membership(request, "participants.list_participants")
    participant = participant_for_user(
        request.user, participant_id, require="participants.view_case"
    ).participant
    rows, count = _page(contacts_with_steps(participant), page)
    audit_record(
        actor=request.user,
        action="participants.contact.listed",
        obj=participant,
        participant_id=participant.pk,
        detail={"contacts": [c.pk for c in rows], "channel": "api"},
    )
    return {"count": count, "items": [_contact(c) for c in rows]}


@router.post(
    "/participants/{participant_id}/contacts",
    response={
        201: schemas.ContactOut,
        400: schemas.Message,
        413: schemas.Message,
        409: schemas.Message,
        422: schemas.ValidationErrors,
        **ERRORS,
    },
    summary="Record a counselling contact",
    description="Validated like the contact form. `submission_key` makes the request "
    "idempotent: a second request with the same key records nothing and answers 409.",
)
def contact_create(
    request: AuthenticatedHttpRequest,
    payload: schemas.ContactIn,
    participant_id: int = ParticipantId,
) -> Any:
    membership = _membership(request, "participants.list_participants")
    participant = participant_for_user(
        request.user, participant_id, require="participants.add_contact"
    ).participant
    form = forms.ContactRecordForm(
        form_data(payload.model_dump()), organisation=membership.organisation
    )
    data = cleaned(form)
    next_steps = form.next_steps()
    for key in ("next_step_1", "next_step_1_due", "next_step_2", "next_step_2_due"):
        data.pop(key)
    try:
        contact = services.contact_record(
            actor=request.user, participant=participant, next_steps=next_steps, **data
        )
    except DomainError as error:
        if contact_submission_key_used(data["submission_key"]):
            return Status(409, {"detail": error.message})
        raise InvalidDataError({"__all__": [error.message]}) from error
    except IntegrityError:
        # Two requests with the same key at the same moment: the unique key stops the second.
        if contact_submission_key_used(data["submission_key"]):
            return Status(409, {"detail": _("This contact has already been saved.")})
        raise
    contact = contacts_with_steps(participant).get(pk=contact.pk)
    return Status(201, _contact(contact))


def _task(task: Task, today: datetime.date) -> schemas.TaskOut:
    return schemas.TaskOut(
        id=task.pk,
        participant_id=task.participant_id,
        description=task.description,
        organisation=_ref(task.organisation),  # type: ignore[arg-type]
        assignee=_person_name(task.assignee),
        assignee_name=task.assignee_name,
        due_on=task.due_on,
        status=task.status,
        done_on=task.done_on,
        overdue=task.overdue_on(today),
        contact_id=task.contact_id,
        version=task.version,
    )


@router.get(
    "/tasks",
    response={200: schemas.TaskPage, 422: schemas.ValidationErrors, **ERRORS},
    summary="My tasks",
    description="The open tasks given to you, and those of your caseload given to no one in "
    "particular in your organisation, of the participants you may see: by due date, the "
    "overdue first, the undated last; 50 per page. Roles without case files get 403.",
)
def my_task_list(request: HttpRequest, page: int = PageNumber) -> Any:
    _membership(request, "participants.run_intake")
    rows, count = _page(tasks_for_user(request.user), page)
    audit_record_many(
        actor=request.user,
        action="participants.task.listed",
        participant_ids=list(dict.fromkeys(t.participant_id for t in rows)),
        detail={"channel": "api"},
    )
    today = timezone.localdate()
    return {"count": count, "items": [_task(t, today) for t in rows]}


@router.get(
    "/participants/{participant_id}/tasks",
    response={200: schemas.TaskPage, 422: schemas.ValidationErrors, **ERRORS},
    summary="Tasks of a participant",
    description="All tasks of the case (open and closed; from contacts, the career plan or "
    "neither) by due date, undated last; 50 per page. Volunteers do not see tasks (404).",
)
def task_list(
    request: HttpRequest, participant_id: int = ParticipantId, page: int = PageNumber
) -> Any:
    _membership(request, "participants.list_participants")
    case = case_for_display(
        request.user,
        participant_id,
        require="participants.view_case",
        action="participants.task.listed",
        channel="api",
    )
    rows, count = _page(tasks_of_participant(case.participant), page)
    today = timezone.localdate()
    return {"count": count, "items": [_task(t, today) for t in rows]}


@router.post(
    "/participants/{participant_id}/tasks",
    response={201: schemas.TaskOut, 422: schemas.ValidationErrors, **ERRORS},
    summary="Add a task",
    description="A task that stems from neither a contact nor the career plan, validated like "
    "the page's form; without `organisation` it is given to yours.",
)
def task_create(
    request: AuthenticatedHttpRequest,
    payload: schemas.TaskIn,
    participant_id: int = ParticipantId,
) -> Any:
    membership = _membership(request, "participants.list_participants")
    case = participant_for_user(request.user, participant_id, require="participants.add_contact")
    values = payload.model_dump()
    if values["organisation"] is None:
        values["organisation"] = membership.organisation_id
    form = forms.TaskForm(form_data(values), participant=case.participant)
    try:
        task = services.task_create(
            actor=request.user, participant=case.participant, **cleaned(form)
        )
    except DomainError as error:
        raise InvalidDataError({"__all__": [error.message]}) from error
    task = tasks_of_participant(case.participant).get(pk=task.pk)
    return Status(201, _task(task, timezone.localdate()))


@router.post(
    "/participants/{participant_id}/tasks/{task_id}/done",
    response={200: schemas.TaskOut, 409: schemas.Message, 422: schemas.ValidationErrors, **ERRORS},
    summary="Mark a task as done",
    description="The case owner marks any task done, an organisation the case is shared with "
    "the tasks given to it (else 404). `version` is the one read: a task saved since answers "
    "409 and nothing changes; one that is done already is answered as it is.",
)
def task_done(
    request: AuthenticatedHttpRequest,
    payload: schemas.TaskDoneIn,
    participant_id: int = ParticipantId,
    task_id: int = TaskId,
) -> Any:
    _membership(request, "participants.list_participants")
    case = participant_for_user(request.user, participant_id, require="participants.add_contact")
    task = task_of(case, task_id)
    if task is None or not case.may_complete_task(task.organisation_id):
        raise HttpError(404, _("Not found."))
    try:
        done = services.task_complete(
            actor=request.user,
            task=task,
            expected_version=payload.version,
            done_on=timezone.localdate(),
        )
    except StaleEditError as error:
        raise HttpError(409, error.message) from error
    except DomainError as error:
        raise HttpError(409, error.message) from error
    done = tasks_of_participant(case.participant).get(pk=done.pk)
    return _task(done, timezone.localdate())


def _person_name(user: AbstractBaseUser | None) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined]


def _ref(obj: Organisation | Site | None) -> schemas.Ref | None:
    return schemas.Ref(id=obj.pk, name=obj.name) if obj is not None else None


def _list_item(user: Any, participant: Participant) -> Any:
    case = case_access_of(user, participant)
    if not case.allows("participants.view_case"):
        return _contact_data(participant)
    return _summary(case)


def _contact_data(p: Participant) -> schemas.ParticipantContactDataOut:
    return schemas.ParticipantContactDataOut(
        id=p.pk,
        first_names=p.first_names,
        last_name=p.last_name,
        phone=p.phone,
        email=p.email,
        preferred_language=p.preferred_language,
        interpreter_needed=p.interpreter_needed,
        interpreter_language=p.interpreter_language,
        counsellor=_person_name(p.counsellor),
    )


def _summary_fields(case: CaseAccess) -> dict[str, Any]:
    p = case.participant
    document = p.current_document
    return {
        "id": p.pk,
        "access": case.kind.value,
        "file_number": p.file_number,
        "first_names": p.first_names,
        "last_name": p.last_name,
        "birth_date": p.birth_date,
        "birth_year": p.birth_year,
        "gender": p.gender,
        "nationality": p.nationality,
        "status": p.status,
        "organisation": _ref(p.organisation),
        "site": _ref(p.site),
        "counsellor": _person_name(p.counsellor),
        "current_document": (
            schemas.CurrentDocumentOut(
                document_type=document.document_type, valid_until=document.valid_until
            )
            if document is not None
            else None
        ),
        "last_contact_on": p.last_contact_on,
    }


def _summary(case: CaseAccess) -> schemas.ParticipantSummaryOut:
    return schemas.ParticipantSummaryOut(**_summary_fields(case))


def _detail(case: CaseAccess) -> Any:
    p = case.participant
    if not case.allows("participants.view_case"):
        return _contact_data(p)
    documents = residence_documents(p)
    return schemas.ParticipantOut(
        **_summary_fields(case),
        aliases=p.aliases,
        birth_date_precision=p.birth_date_precision,
        street=p.street,
        postcode=p.postcode,
        city=p.city,
        phone=p.phone,
        email=p.email,
        preferred_language=p.preferred_language,
        interpreter_needed=p.interpreter_needed,
        interpreter_language=p.interpreter_language,
        wishes=p.wishes,
        entry_date=p.entry_date,
        exit_date=p.exit_date,
        exit_outcome=p.exit_outcome,
        version=p.version,
        residence_documents=[
            schemas.ResidenceDocumentOut(
                id=d.pk,
                document_type=d.document_type,
                section=d.section,
                issued_on=d.issued_on,
                valid_until=d.valid_until,
                annotation=d.annotation,
            )
            for d in documents
        ],
    )


def _contact(c: CounsellingContact) -> schemas.ContactOut:
    return schemas.ContactOut(
        id=c.pk,
        submission_key=c.submission_key,
        took_place_on=c.took_place_on,
        duration_minutes=c.duration_minutes,
        form=c.form,
        site=_ref(c.site),
        topics=list(c.topics),
        interpreter_language=c.interpreter_language,
        note=c.note,
        organisation=_ref(c.organisation),  # type: ignore[arg-type]
        counsellor=_person_name(c.counsellor),
        next_steps=[
            schemas.NextStepOut(
                id=t.pk,
                description=t.description,
                due_on=t.due_on,
                done_on=t.done_on,
                status=t.status,
            )
            for t in c.tasks.all()
        ],
        created_at=c.created_at,
    )
