"""`GET/POST /api/v1/participants/{id}/placements` and `PATCH /api/v1/placements/{id}`: the
case's placements, validated by the pages' form and written by the same services. Registered
in `lotse/api_urls.py`."""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param

from lotse.api.errors import InvalidDataError
from lotse.api.forms_bridge import cleaned, form_data
from lotse.api.schemas import Message, ValidationErrors
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.participants.access import case_for_display, participant_for_user
from lotse.participants.models import Participant
from lotse.placements.placements import permission, selectors, services
from lotse.placements.placements.forms import PlacementForm
from lotse.placements.placements.models import Placement

router = Router(tags=["placements"])

MAX_ID = 2**63 - 1
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: ValidationErrors}
ParticipantId: Any = param.Path(..., ge=1, le=MAX_ID)
PlacementId: Any = param.Path(..., ge=1, le=MAX_ID)


class CheckInOut(Schema):
    id: int
    months: int
    due_on: datetime.date
    done_on: datetime.date | None
    state: str
    risks: list[str]
    action: str


class PlacementOut(Schema):
    id: int
    participant_id: int
    employer_id: int
    employer: str
    vacancy_id: int | None
    kind: str
    title: str
    starts_on: datetime.date
    planned_end_on: datetime.date | None
    hours_per_week: Decimal | None
    probation_ends_on: datetime.date | None
    permit_applied_on: datetime.date | None
    permit_granted_on: datetime.date | None
    permit_refused_on: datetime.date | None
    ba_consent: str
    ba_pre_approval_on: datetime.date | None
    ended_on: datetime.date | None
    end_reason: str
    linked_to_exit_on: datetime.date | None
    note: str
    version: int
    check_ins: list[CheckInOut]
    # Only in the answer to recording or changing a running placement, as the page's warning.
    permit_warning: str | None = Field(
        None,
        description="What the work-permission engine says against this activity on its start "
        "(not possible, or the Ausländerbehörde's permit needed and none recorded as granted). "
        "A warning, not a refusal; only in the answers of POST and PATCH.",
    )


class PlacementList(Schema):
    items: list[PlacementOut]


class PlacementIn(Schema):
    """`submission_key` makes the request idempotent: a second request with the same key
    records nothing and answers 409."""

    submission_key: uuid.UUID | None = None
    employer: int
    vacancy: int | None = None
    kind: str
    title: str
    starts_on: datetime.date
    planned_end_on: datetime.date | None = None
    hours_per_week: Decimal | None = None
    probation_ends_on: datetime.date | None = None
    permit_applied_on: datetime.date | None = None
    permit_granted_on: datetime.date | None = None
    permit_refused_on: datetime.date | None = None
    ba_consent: str = ""
    ba_pre_approval_on: datetime.date | None = None
    note: str = ""


class PlacementPatch(Schema):
    """Only what is sent changes. `version` is the one read: a placement saved since answers
    409 and nothing changes."""

    version: int
    employer: int | None = None
    vacancy: int | None = None
    kind: str | None = None
    title: str | None = None
    starts_on: datetime.date | None = None
    planned_end_on: datetime.date | None = None
    hours_per_week: Decimal | None = None
    probation_ends_on: datetime.date | None = None
    permit_applied_on: datetime.date | None = None
    permit_granted_on: datetime.date | None = None
    permit_refused_on: datetime.date | None = None
    ba_consent: str | None = None
    ba_pre_approval_on: datetime.date | None = None
    ended_on: datetime.date | None = None
    end_reason: str | None = None
    note: str | None = None


def _with_warning(placement: Placement, participant: Participant) -> dict[str, Any]:
    """The placement as saved, with the page's warning about its permit while it runs."""
    warning = None
    if placement.ended_on is None:
        warning = permission.permit_warning(placement, participant, timezone.localdate())
    return {**_out(placement), "permit_warning": warning}


def _out(placement: Placement) -> dict[str, Any]:
    return {
        **{
            name: getattr(placement, name)
            for name in PlacementOut.model_fields
            if name not in ("employer", "check_ins", "permit_warning")
        },
        "employer": placement.employer.name,
        "check_ins": [
            {
                "id": c.pk,
                "months": c.months,
                "due_on": c.due_on,
                "done_on": c.done_on,
                "state": c.state,
                "risks": c.risks,
                "action": c.action,
            }
            for c in placement.check_ins.all()
        ],
    }


@router.get(
    "/participants/{participant_id}/placements",
    response={200: PlacementList, **ERRORS},
    summary="The case's placements",
    description="Newest first, each with its check-ins. Needs the case file (else 404).",
)
def placement_list(request: AuthenticatedHttpRequest, participant_id: int = ParticipantId) -> Any:
    case = case_for_display(
        request.user,
        participant_id,
        require="participants.view_case",
        action="placements.placement.listed",
    )
    return {"items": [_out(p) for p in selectors.placements_of(case)]}


@router.post(
    "/participants/{participant_id}/placements",
    response={201: PlacementOut, 409: Message, **ERRORS},
    summary="Record a placement",
    description="Validated like the page's form; schedules the check-ins as tasks. Only the "
    "case owner (else 404).",
)
def placement_create(
    request: AuthenticatedHttpRequest, payload: PlacementIn, participant_id: int = ParticipantId
) -> Any:
    case = participant_for_user(request.user, participant_id, require="participants.change_case")
    form = PlacementForm(
        form_data(payload.model_dump(exclude={"submission_key"})),
        participant=case.participant,
        ending=False,
    )
    values = cleaned(form)
    values.pop("version", None)
    try:
        placement = services.placement_record(
            actor=request.user,
            participant=case.participant,
            values=values,
            submission_key=payload.submission_key,
        )
    except services.AlreadyRecordedError as error:
        raise HttpError(409, error.message) from error
    except DomainError as error:
        raise InvalidDataError({"__all__": [error.message]}) from error
    found = selectors.placement_of(case, placement.pk)
    assert found is not None
    return Status(201, _with_warning(found, case.participant))


@router.patch(
    "/placements/{placement_id}",
    response={200: PlacementOut, 409: Message, **ERRORS},
    summary="Change a placement",
    description="Also records its end (`ended_on` with `end_reason`). Only the case owner "
    "(else 404); a stale `version` answers 409.",
)
def placement_patch(
    request: AuthenticatedHttpRequest, payload: PlacementPatch, placement_id: int = PlacementId
) -> Any:
    participant_id = selectors.participant_of_placement(request.user, placement_id)
    if participant_id is None:
        raise HttpError(404, _("Not found."))
    case = participant_for_user(request.user, participant_id, require="participants.change_case")
    placement = selectors.placement_of(case, placement_id)
    if placement is None:
        raise HttpError(404, _("Not found."))
    sent = payload.model_dump(exclude_unset=True)
    current = model_to_dict(placement, fields=[*services.FIELDS, *services.END_FIELDS])
    form = PlacementForm(
        form_data({**current, **sent}), participant=case.participant, instance=placement
    )
    values = cleaned(form)
    changes = {name: values[name] for name in sent if name != "version" and name in values}
    try:
        services.placement_update(
            actor=request.user,
            placement=placement,
            expected_version=payload.version,
            changes=changes,
        )
    except StaleEditError as error:
        raise HttpError(409, error.message) from error
    except DomainError as error:
        raise InvalidDataError({"__all__": [error.message]}) from error
    found = selectors.placement_of(case, placement_id)
    assert found is not None
    return _with_warning(found, case.participant)
