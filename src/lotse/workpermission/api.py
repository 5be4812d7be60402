"""`POST /api/v1/work-permission/evaluate`: the JSON contract of `lotse work-permission evaluate`.

Registered by the API package: `api.add_router("/work-permission/", router)`. Authentication is
the API's own (personal token or session with CSRF); only roles with case files may ask.
"""

import json
import re
from collections.abc import Callable
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


# `lotse.legal` is pure Python and speaks English (its CLI's contract); the API speaks the
# request's language. Each of the engine's input messages, as a pattern, and what the caller
# reads instead. A message without a pattern stays English rather than being lost.
_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"expected a date string YYYY-MM-DD, got .*|'.*' is not a date in the form .*"),
        lambda m: _("Enter a date as YYYY-MM-DD."),
    ),
    (
        re.compile(r"'.*' is not a valid calendar date"),
        lambda m: _("This date does not exist in the calendar."),
    ),
    (
        re.compile(r"'.*' is outside (?P<earliest>\S+) to (?P<latest>\S+)"),
        lambda m: _("Enter a date between %(earliest)s and %(latest)s.") % m.groupdict(),
    ),
    (
        re.compile(r"\S+ is before (?P<date>\S+), the earliest date the rules cover"),
        lambda m: _("The rules cover dates from %(date)s on.") % m.groupdict(),
    ),
    (
        re.compile(r"\S+ is before the birth date \S+"),
        lambda m: _("This date is before the date of birth."),
    ),
    (
        re.compile(r"ends before the birth date"),
        lambda m: _("The stay ends before the date of birth."),
    ),
    (
        re.compile(r"expected true, false or null, got .*"),
        lambda m: _("Enter true, false or null."),
    ),
    (re.compile(r"expected a string, got .*"), lambda m: _("Enter text.")),
    (re.compile(r"expected a list, got .*"), lambda m: _("Enter a list.")),
    (re.compile(r"expected (a JSON|an) object, got .*"), lambda m: _("Send a JSON object.")),
    (
        re.compile(r"longer than (?P<max>\d+) characters"),
        lambda m: _("Enter at most %(max)d characters.") % {"max": int(m["max"])},
    ),
    (
        re.compile(r"unknown value '.*' \(expected one of (?P<choices>.*)\)"),
        lambda m: _("Unknown value; expected one of: %(choices)s.") % m.groupdict(),
    ),
    (
        re.compile(r"missing \(expected one of (?P<choices>.*)\)"),
        lambda m: _("This field is required; expected one of: %(choices)s.") % m.groupdict(),
    ),
    (re.compile(r"missing"), lambda m: _("This field is required.")),
    (re.compile(r"unknown field"), lambda m: _("This field is not known.")),
    (
        re.compile(r"'.*' is not an ISO 3166-1 alpha-2 code .*"),
        lambda m: _(
            "Enter a country code of two capital letters (ISO 3166-1), “stateless” or “unknown”."
        ),
    ),
    (
        re.compile(r"'.*' is not a section like (?P<examples>.*)"),
        lambda m: _("Enter a section like %(examples)s.") % m.groupdict(),
    ),
    (
        re.compile(r"needs both 'from' and 'to'"),
        lambda m: _("A stay needs both “from” and “to”."),
    ),
    (re.compile(r"'from' \S+ is after 'to' \S+"), lambda m: _("The stay ends before it begins.")),
    (re.compile(r"expected a number of hours, got .*"), lambda m: _("Enter a number of hours.")),
    (
        re.compile(r"\S+ is not between 0 and 168"),
        lambda m: _("Enter a number of hours between 0 and 168."),
    ),
]


def _translated(message: str) -> str:
    for pattern, translate in _MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            return translate(match)
    return message


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


_ACTIVITY_SCHEMA = {
    "type": "object",
    "required": [
        "outcome",
        "available_from",
        "available_from_basis",
        "assumed_fields",
        "citation",
        "confidence",
    ],
    "properties": {
        "outcome": {"type": "string"},
        "available_from": {"type": ["string", "null"], "format": "date"},
        "available_from_basis": {
            "type": "string",
            "enum": ["facts", "assumed"],
            "description": "`facts`: every date the answer used was recorded; `assumed`: a "
            "missing date was replaced by the reference date, so its dates are the latest "
            "possible ones.",
        },
        "assumed_fields": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The input dates replaced by the reference date.",
        },
        "citation": {"type": "string", "description": "The paragraph of the outcome."},
        "confidence": {"type": "string", "enum": ["verified", "practitioner", "uncertain"]},
    },
    "additionalProperties": True,
}
_ANSWER_SCHEMA = {
    "type": "object",
    "required": ["reference_date", "activities", "pathways", "warnings"],
    "properties": {
        "reference_date": {"type": "string", "format": "date"},
        "activities": {"type": "object", "additionalProperties": _ACTIVITY_SCHEMA},
        "pathways": {"type": "array", "items": {"type": "object"}},
        "warnings": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": True,
}


@router.post(
    "/evaluate",
    response={200: dict[str, Any], 401: Message, 403: Message, 422: InputErrors},
    summary="Assess a situation: what may the person do, from when, under which paragraph",
    description="Takes the same JSON as `lotse work-permission evaluate` and returns the same "
    "answer. Malformed input gives 422 naming the field in `loc`. Nothing is stored. Each "
    "activity answer carries `available_from_basis`: `facts` when every date it used was "
    "recorded, `assumed` when a missing date (listed in `assumed_fields`) was replaced by the "
    "reference date, so that its dates are the latest possible ones; pathway conditions "
    "counted from a missing date are `unknown`.",
    openapi_extra={
        "requestBody": _BODY_SCHEMA,
        "responses": {
            "200": {
                "description": "The answer",
                "content": {"application/json": {"schema": _ANSWER_SCHEMA}},
            }
        },
    },
)
def evaluate_situation(request: HttpRequest) -> Any:
    if not request.user.has_perm("participants.run_intake"):
        raise HttpError(403, _("Your role has no access to case files."))
    try:
        data = json.loads(request.body or b"")
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return _invalid(None, _("The request body is not valid JSON."))
    try:
        situation = parse_situation(data, today=timezone.localdate())
    except InputError as error:
        return _invalid(error.field, _translated(error.message))
    return evaluate(situation).to_json()
