"""The profile and the career plan over HTTP, with the same forms, services and access rules
as the pages. Registered by the API package: `api.add_router("", profiles_router)`.

PUT replaces one part as a whole: entries with an `id` are updated, entries without one are
created, entries not sent are deleted. All entries are validated first and saved in one
transaction, so a refused request changes nothing. Every entry carries the `version` GET
returned; an update that sends it is refused with 409 if the entry was saved since (no lost
update, `core.versioning`); without it, the version read at the start of the request counts.
Health restrictions have their own part, which only the case owner reaches (404 for everyone
else, like a missing participant).
"""

import datetime
import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Path

from lotse.api.auth import api_auth
from lotse.api.errors import InvalidDataError
from lotse.api.forms_bridge import form_data, form_errors
from lotse.api.schemas import Message, ValidationErrors
from lotse.core.errors import StaleEditError
from lotse.participants.access import case_for_display
from lotse.participants.models import Participant
from lotse.profiles.parts import PARTS, Part
from lotse.profiles.selectors import goals_of, profile_of
from lotse.profiles.services import ProfileValidationError

router = Router(tags=["profiles"], auth=api_auth)

# The answers every operation can give besides its own: no or a wrong log-in (401), a role
# without case files (403), a participant missing or not to be seen (404), a malformed id (422).
READ_ERRORS: dict[int, Any] = {
    401: Message,
    403: Message,
    404: Message,
    422: ValidationErrors,
}
# Writing adds a body that is not JSON (400); invalid entries are 422 too.
WRITE_ERRORS: dict[int, Any] = {400: Message, **READ_ERRORS}
PROFILE_PARTS = (
    "languages",
    "certificates",
    "courses",
    "education",
    "recognition",
    "work",
    "skills",
    "desired",
    "resources",
)
PLAN_PARTS = ("goals", "steps", "activities")
MAX_ID = 2**63 - 1
ParticipantId: Any = Path(..., ge=1, le=MAX_ID)


def _case_role(request: HttpRequest) -> None:
    # Roles without case files learn nothing about any participant: 403 whatever the id.
    if not request.user.has_perm("participants.list_participants"):
        raise HttpError(403, _("Your role has no access to case files."))


def _value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def serialise(part: Part, item: Any) -> dict[str, Any]:
    fields = part.form._meta.fields or []
    data = {
        "id": item.pk,
        "version": item.version,
        **{name: _value(getattr(item, name)) for name in fields},
    }
    if part.kind in ("work", "desired"):
        level = item.level
        data["level"] = None if level is None else int(level)
    return data


def _plan(participant: Participant) -> dict[str, Any]:
    goals = goals_of(participant)
    return {
        "goals": [
            {
                **serialise(PARTS["goals"], g),
                "steps": [serialise(PARTS["steps"], s) for s in g.steps.all()],
            }
            for g in goals
        ],
        "activities": [
            serialise(PARTS["activities"], a) for a in PARTS["activities"].items(participant)
        ],
    }


def _profile(participant: Participant) -> dict[str, Any]:
    profile = profile_of(participant)
    lists: dict[str, Sequence[models.Model]] = {
        "languages": profile.languages,
        "certificates": profile.certificates,
        "courses": profile.courses,
        "education": profile.education,
        "recognition": profile.recognition,
        "work": profile.work,
        "skills": profile.skills,
        "desired": profile.desired,
    }
    data: dict[str, Any] = {
        kind: [serialise(PARTS[kind], item) for item in items] for kind, items in lists.items()
    }
    resources = profile.resources
    data["resources"] = None if resources is None else serialise(PARTS["resources"], resources)
    return data


_BODY = {
    "content": {
        "application/json": {
            "schema": {
                "description": "A list of entries (an object for `resources`): the fields of "
                "the part as returned by GET; `id` to update an entry, none to create one.",
            }
        }
    },
    "required": True,
}


@router.get(
    "/participants/{participant_id}/profile",
    response={200: dict[str, Any], **READ_ERRORS},
    summary="The competence profile of a participant (without health data)",
)
def profile_get(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    _case_role(request)
    case = case_for_display(
        request.user,
        participant_id,
        require="profiles.view_profile",
        action="profiles.profile.viewed",
        channel="api",
    )
    return _profile(case.participant)


@router.get(
    "/participants/{participant_id}/profile/health",
    response={200: list[dict[str, Any]], **READ_ERRORS},
    summary="Health restrictions (case owner only, Art. 9 GDPR)",
)
def health_get(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    _case_role(request)
    case = case_for_display(
        request.user,
        participant_id,
        require="profiles.view_health",
        action="profiles.health.viewed",
        channel="api",
    )
    part = PARTS["health"]
    return [serialise(part, item) for item in part.items(case.participant)]


@router.put(
    "/participants/{participant_id}/profile/health",
    response={200: list[dict[str, Any]], **WRITE_ERRORS},
    summary="Replace the health restrictions (case owner only)",
    openapi_extra={"requestBody": _BODY},
)
def health_put(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    return _put(request, participant_id, PARTS["health"])


@router.get(
    "/participants/{participant_id}/career-plan",
    response={200: dict[str, Any], **READ_ERRORS},
    summary="The career plan: goals with their steps, and activities",
)
def plan_get(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    _case_role(request)
    case = case_for_display(
        request.user,
        participant_id,
        require="profiles.view_profile",
        action="profiles.profile.viewed",
        channel="api",
    )
    return _plan(case.participant)


@router.put(
    "/participants/{participant_id}/profile/{kind}",
    response={200: Any, **WRITE_ERRORS},
    summary="Replace one part of the profile",
    description="Parts: " + ", ".join((*PROFILE_PARTS, "health")) + ". Invalid entries give "
    "422 with `errors` named `<index>.<field>`; an entry saved by someone else since its "
    "`version` was read gives 409; nothing is saved then.",
    openapi_extra={"requestBody": _BODY},
)
def profile_put(request: HttpRequest, kind: str, participant_id: int = ParticipantId) -> Any:
    if kind not in (*PROFILE_PARTS, "health"):
        raise HttpError(404, _("Not found."))
    return _put(request, participant_id, PARTS[kind])


@router.put(
    "/participants/{participant_id}/career-plan/{kind}",
    response={200: Any, **WRITE_ERRORS},
    summary="Replace goals, steps or activities of the career plan",
    description="Parts: goals, steps (each names its `goal` by id), activities.",
    openapi_extra={"requestBody": _BODY},
)
def plan_put(request: HttpRequest, kind: str, participant_id: int = ParticipantId) -> Any:
    if kind not in PLAN_PARTS:
        raise HttpError(404, _("Not found."))
    return _put(request, participant_id, PARTS[kind])


def _body(request: HttpRequest) -> Any:
    try:
        return json.loads(request.body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise HttpError(400, _("The request body is not valid JSON.")) from None


def _put(request: HttpRequest, participant_id: int, part: Part) -> Any:
    _case_role(request)
    # The answer is the whole part, plan or profile after the change: a view of it.
    case = case_for_display(
        request.user,
        participant_id,
        require="profiles.change_profile",
        action="profiles.health.viewed" if part.health else "profiles.profile.viewed",
        channel="api",
        part=part.kind,
    )
    participant = case.participant
    body = _body(request)
    if part.singleton:
        if not isinstance(body, Mapping):
            raise InvalidDataError({"__all__": [_("Send a JSON object.")]})
        entries = [body]
    elif not isinstance(body, list) or not all(isinstance(e, Mapping) for e in body):
        raise InvalidDataError({"__all__": [_("Send a list of JSON objects.")]})
    else:
        entries = body
    existing = {item.pk: item for item in _existing(part, participant)}
    allowed = set(part.form._meta.fields or []) | {"id", "version"}
    forms = []
    errors: dict[str, list[str]] = {}
    for index, entry in enumerate(entries):
        prefix = "" if part.singleton else f"{index}."
        unknown = sorted(
            set(entry) - allowed - ({"level"} if part.kind in ("work", "desired") else set())
        )
        for name in unknown:
            errors[f"{prefix}{name}"] = [_("This field is not known.")]
        item = None
        if not part.singleton and entry.get("id") is not None:
            item = existing.get(entry["id"]) if isinstance(entry["id"], int) else None
            if item is None:
                errors[f"{prefix}id"] = [_("There is no such entry.")]
                continue
        elif part.singleton:
            item = next(iter(existing.values()), None)
        version = entry.get("version")
        if version is not None and (type(version) is not int or version < 1):
            errors[f"{prefix}version"] = [_("Enter a whole number.")]
        derived = (
            {"id", "level", "version"} if part.kind in ("work", "desired") else {"id", "version"}
        )
        values = {k: v for k, v in entry.items() if k not in derived}
        form = part.form(form_data(values), participant=participant, instance=item)
        errors.update(form_errors(form, prefix))
        if version is None and item is not None:
            version = item.version  # read at the start of this request
        forms.append((item, form, version))
    if errors:
        raise InvalidDataError(errors)
    keep = {item.pk for item, _form, _version in forms if item is not None}
    with transaction.atomic():
        if part.delete is not None:
            for pk, item in existing.items():
                if pk not in keep:
                    part.delete(actor=request.user, participant=participant, item=item)
        for index, (item, form, version) in enumerate(forms):
            try:
                part.save(
                    actor=request.user,
                    participant=participant,
                    data=form.data_for_service(),
                    item=item,
                    expected_version=version,
                )
            except StaleEditError as error:
                raise HttpError(409, error.message) from error
            except ProfileValidationError as error:
                prefix = "" if part.singleton else f"{index}."
                raise InvalidDataError(
                    {f"{prefix}{field}": messages for field, messages in error.errors.items()}
                ) from error
    if part.health:
        return [serialise(part, item) for item in part.items(participant)]
    if part.plan:
        return _plan(participant)
    return _profile(participant)


def _existing(part: Part, participant: Participant) -> list[Any]:
    if part.singleton:
        item = part.items(participant)
        return [] if item is None else [item]
    return list(part.items(participant))
