"""Appointments of a participant over HTTP, with the pages' rules: read through the case's
access, booked through `appointments.services`, validated by the page's form."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param

from lotse.api import schemas
from lotse.api.errors import InvalidDataError
from lotse.api.forms_bridge import cleaned, form_data
from lotse.appointments import forms, selectors, services
from lotse.appointments.models import Appointment
from lotse.core.errors import DomainError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.participants.access import case_for_display, participant_for_user

router = Router(tags=["appointments"])
MAX_ID = 2**63 - 1
ParticipantId: Any = param.Path(..., ge=1, le=MAX_ID)
ERRORS: dict[int, Any] = {401: schemas.Message, 403: schemas.Message, 404: schemas.Message}


class AppointmentOut(Schema):
    id: int
    participant_id: int
    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = Field(description="site, address or online")
    site: int | None
    address: str
    online_link: str
    counsellor: int | None = Field(description="User id")
    interpreter: int | None = Field(description="User id of an interpreter in the network")
    interpreter_name: str
    interpreter_language: str
    note: str
    status: str = Field(description="planned, confirmed, done, missed, cancelled, rescheduled")
    reminder: str | None = Field(description="queued, sent, failed or card")
    version: int


class AppointmentList(Schema):
    count: int
    missed: int
    items: list[AppointmentOut]


class AppointmentIn(schemas.StrictIn):
    kind: str = Field(description="counselling, immigration_office, jobcentre, …")
    day: schemas.DateText
    starts: str = Field(description="HH:MM", pattern=r"^\d{2}:\d{2}$")
    ends: str = Field(description="HH:MM", pattern=r"^\d{2}:\d{2}$")
    place: str = Field("site", description="site, address or online")
    site: int | None = None
    address: str = ""
    online_link: str = ""
    counsellor: int | None = None
    interpreter: int | None = None
    interpreter_name: str = ""
    interpreter_language: str = ""
    note: str = ""
    status: str = "planned"
    in_consultation_hours: bool = Field(
        False, description="Book a slot of the counsellor's consultation hours (checked)"
    )


def _reminder(a: Appointment) -> str | None:
    reminder = getattr(a, "reminder", None)
    return reminder.status if reminder is not None else None


def _out(a: Appointment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "participant_id": a.participant_id,
        "kind": a.kind,
        "starts_at": a.starts_at,
        "ends_at": a.ends_at,
        "place": a.place,
        "site": a.site_id,
        "address": a.address,
        "online_link": a.online_link,
        "counsellor": a.counsellor_id,
        "interpreter": a.interpreter_id,
        "interpreter_name": a.interpreter_name,
        "interpreter_language": a.interpreter_language,
        "note": a.note,
        "status": a.status,
        "reminder": _reminder(a),
        "version": a.version,
    }


def _role_check(request: HttpRequest) -> None:
    if not request.user.has_perm("participants.list_participants"):
        raise HttpError(403, _("Your role has no access to case files."))


@router.get(
    "/participants/{participant_id}/appointments",
    response={200: AppointmentList, 422: schemas.ValidationErrors, **ERRORS},
    summary="Appointments of a participant",
    description="All appointments of the case, oldest first, with the count of missed ones. "
    "Volunteers see the place and time of their participants' appointments on the pages only "
    "(404 here).",
)
def appointment_list(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    _role_check(request)
    case = case_for_display(
        request.user,
        participant_id,
        require="appointments.view_details",
        action="appointments.case.viewed",
        channel="api",
    )
    rows = selectors.appointments_of(case)
    missed = sum(1 for a in rows if a.status == "missed")
    return {"count": len(rows), "missed": missed, "items": [_out(a) for a in rows]}


@router.post(
    "/participants/{participant_id}/appointments",
    response={201: AppointmentOut, 422: schemas.ValidationErrors, **ERRORS},
    summary="Book an appointment",
    description="Validated like the page's form; refused (422) when it ends before it starts, "
    "is planned in the past, takes a counsellor or interpreter who is booked then, or, with "
    "`in_consultation_hours`, lies outside the counsellor's consultation hours.",
)
def appointment_create(
    request: AuthenticatedHttpRequest, payload: AppointmentIn, participant_id: int = ParticipantId
) -> Any:
    _role_check(request)
    case = participant_for_user(request.user, participant_id, require="appointments.book")
    values = payload.model_dump()
    in_hours = values.pop("in_consultation_hours")
    form = forms.AppointmentForm(
        form_data(values), participant=case.participant, organisation_id=case.organisation_id
    )
    data = cleaned(form)
    data.pop("version", None)
    for name in ("day", "starts", "ends"):
        data.pop(name, None)
    try:
        appointment = services.appointment_book(
            actor=request.user, case=case, in_consultation_hours=in_hours, **data
        )
    except DomainError as error:
        raise InvalidDataError({"__all__": [error.message]}) from error
    found = selectors.appointment_of(case, appointment.pk)
    assert found is not None
    return Status(201, _out(found))
