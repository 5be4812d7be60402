"""`POST /api/v1/work-permission/evaluate`: the JSON contract of `lotse work-permission evaluate`.

Registered by the API package: `api.add_router("/work-permission/", router)`. Authentication is
the API's own (personal token or session with CSRF); only roles with case files may ask.
"""

import json
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from lotse.api.auth import api_auth
from lotse.legal import InputError, evaluate, parse_situation

router = Router(tags=["work-permission"], auth=api_auth)


class ErrorItem(Schema):
    loc: list[str]
    msg: str


class InputErrors(Schema):
    detail: list[ErrorItem]


class Message(Schema):
    detail: str


def _invalid(field: str | None, message: str) -> Status[Any]:
    loc = ["body"] if field in (None, "(input)") else ["body", field]
    return Status(422, {"detail": [{"loc": loc, "msg": message}]})


_BODY_SCHEMA = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["document"],
                "description": "The input contract of `lotse work-permission evaluate` "
                "(issue 3): reference_date, document, residence_permit_section, nationality, "
                "dates, asylum_decision, prior_stay, authority_findings, document_annotation, …",
                "additionalProperties": True,
            },
            "example": {
                "reference_date": "2025-05-01",
                "document": "gestattung",
                "nationality": "SY",
                "asylum_request_date": "2025-01-15",
                "asylum_application_date": "2025-01-15",
                "asylum_decision": "pending",
                "lives_in_reception_centre": False,
            },
        }
    },
    "required": True,
}


@router.post(
    "/evaluate",
    response={200: dict[str, Any], 401: Message, 403: Message, 422: InputErrors},
    summary="Assess a situation: what may the person do, from when, under which paragraph",
    description="Takes the same JSON as `lotse work-permission evaluate` and returns the same "
    "answer. Malformed input gives 422 naming the field in `loc`. Nothing is stored.",
    openapi_extra={"requestBody": _BODY_SCHEMA},
)
def evaluate_situation(request: HttpRequest) -> Any:
    if not request.user.has_perm("participants.run_intake"):
        raise HttpError(403, _("Your role has no access to case files."))
    try:
        data = json.loads(request.body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _invalid(None, f"invalid JSON: {error}")
    except RecursionError:
        return _invalid(None, "invalid JSON: nested too deeply")
    try:
        situation = parse_situation(data, today=timezone.localdate())
    except InputError as error:
        return _invalid(error.field, error.message)
    return evaluate(situation).to_json()
