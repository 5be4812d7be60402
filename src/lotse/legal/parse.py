"""Turning the JSON input contract into a Situation, with one clear error per malformed input."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from .dates import parse_iso_date
from .loader import catalogue
from .model import (
    DECISION_CHOICES,
    DOCUMENT_CHOICES,
    STAY_KIND_CHOICES,
    AuthorityFindings,
    Decision,
    Document,
    Finding,
    Situation,
    StayKind,
    StayPeriod,
)


class InputError(Exception):
    """Malformed input; `field` names the offending field (dotted path), `message` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_NATIONALITY = re.compile(r"[A-Z]{2}")
_SECTION = re.compile(r"\d{1,3}[a-z]?(\(\d{1,2}\))?")
_FINDINGS = (
    "entered_to_obtain_benefits",
    "removal_obstructed_by_own_fault",
    "removal_measures_imminent",
)
_MAX_TEXT = 1000

E = TypeVar("E", bound=StrEnum)


def _date(data: Mapping[str, Any], key: str, path: str | None = None) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    where = path or key
    if not isinstance(value, str):
        raise InputError(where, f"expected a date string YYYY-MM-DD, got {_kind(value)}")
    try:
        return parse_iso_date(value)
    except ValueError as error:
        raise InputError(where, str(error)) from None


def _bool(data: Mapping[str, Any], key: str, path: str | None = None) -> bool | None:
    value = data.get(key)
    if value is None or isinstance(value, bool):
        return value
    raise InputError(path or key, f"expected true, false or null, got {_kind(value)}")


def _text(data: Mapping[str, Any], key: str, path: str | None = None) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(path or key, f"expected a string, got {_kind(value)}")
    if len(value) > _MAX_TEXT:
        raise InputError(path or key, f"longer than {_MAX_TEXT} characters")
    return value.strip() or None


def _choice[E: StrEnum](
    data: Mapping[str, Any], key: str, enum: type[E], choices: tuple[str, ...], path: str
) -> E | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(path, f"expected a string, got {_kind(value)}")
    try:
        return enum(value)
    except ValueError:
        raise InputError(
            path, f"unknown value '{value}' (expected one of {', '.join(choices)})"
        ) from None


def _kind(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    names.update({list: "a list", dict: "an object", type(None): "null"})
    return names.get(type(value), type(value).__name__)


def _nationality(data: Mapping[str, Any]) -> str:
    value = data.get("nationality")
    if value is None:
        return "unknown"
    if not isinstance(value, str):
        raise InputError("nationality", f"expected a string, got {_kind(value)}")
    if value in ("stateless", "unknown") or _NATIONALITY.fullmatch(value):
        return value
    raise InputError(
        "nationality",
        f"'{value}' is not an ISO 3166-1 alpha-2 code (two capital letters), "
        "'stateless' or 'unknown'",
    )


def _section(data: Mapping[str, Any]) -> str | None:
    value = _text(data, "residence_permit_section")
    if value is None:
        return None
    normalised = value.replace(" ", "").lower()
    if not _SECTION.fullmatch(normalised):
        raise InputError(
            "residence_permit_section",
            f"'{value}' is not a section like 25(2), 25a, 104c or 16g",
        )
    return normalised


def _prior_stay(data: Mapping[str, Any]) -> tuple[StayPeriod, ...]:
    value = data.get("prior_stay")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError("prior_stay", f"expected a list, got {_kind(value)}")
    periods = []
    for index, item in enumerate(value):
        path = f"prior_stay[{index}]"
        if not isinstance(item, dict):
            raise InputError(path, f"expected an object, got {_kind(item)}")
        _reject_unknown(item, {"from", "to", "kind"}, path)
        start = _date(item, "from", f"{path}.from")
        end = _date(item, "to", f"{path}.to")
        if start is None or end is None:
            raise InputError(path, "needs both 'from' and 'to'")
        if start > end:
            raise InputError(path, f"'from' {start.isoformat()} is after 'to' {end.isoformat()}")
        kind = _choice(item, "kind", StayKind, STAY_KIND_CHOICES, f"{path}.kind")
        if kind is None:
            raise InputError(f"{path}.kind", "missing")
        periods.append(StayPeriod(start, end, kind))
    return tuple(sorted(periods, key=lambda p: p.start))


def _finding(raw: Mapping[str, Any], key: str) -> Finding:
    path = f"authority_findings.{key}"
    value = raw.get(key)
    if isinstance(value, dict):
        _reject_unknown(value, {"value", "source"}, path)
        return Finding(
            _bool(value, "value", f"{path}.value"), _text(value, "source", f"{path}.source")
        )
    return Finding(_bool(raw, key, path), None)


def _findings(data: Mapping[str, Any]) -> AuthorityFindings:
    raw = data.get("authority_findings")
    if raw is None:
        return AuthorityFindings()
    if not isinstance(raw, dict):
        raise InputError("authority_findings", f"expected an object, got {_kind(raw)}")
    _reject_unknown(raw, set(_FINDINGS), "authority_findings")
    return AuthorityFindings(*(_finding(raw, key) for key in _FINDINGS))


def _weekly_hours(data: Mapping[str, Any]) -> float | None:
    value = data.get("weekly_hours")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError("weekly_hours", f"expected a number of hours, got {_kind(value)}")
    if not 0 <= value <= 168:
        raise InputError("weekly_hours", f"{value} is not between 0 and 168")
    return float(value)


def _reject_unknown(data: Mapping[str, Any], known: set[str] | frozenset[str], path: str) -> None:
    for key in data:
        if key not in known:
            prefix = f"{path}." if path else ""
            raise InputError(f"{prefix}{key}", "unknown field")


KNOWN_FIELDS = frozenset(
    {
        "reference_date",
        "document",
        "residence_permit_section",
        "nationality",
        "entry_date",
        "asylum_request_date",
        "asylum_application_date",
        "asylum_decision",
        "suspensive_effect_ordered",
        "lives_in_reception_centre",
        "duldung_since",
        "prior_stay",
        "identity_clarified",
        "unaccompanied_minor",
        "authority_findings",
        "document_annotation",
        "document_valid_until",
        "birth_date",
        "employment_since",
        "weekly_hours",
        "has_minor_children",
        "dublin_procedure",
    }
)


def parse_situation(data: Mapping[str, Any], *, today: date | None = None) -> Situation:
    """Validate the input contract; `reference_date` defaults to `today` (default: date.today())."""
    if not isinstance(data, Mapping):
        raise InputError("(input)", f"expected a JSON object, got {_kind(data)}")
    _reject_unknown(data, KNOWN_FIELDS, "")
    document = _choice(data, "document", Document, DOCUMENT_CHOICES, "document")
    if document is None:
        raise InputError("document", f"missing (expected one of {', '.join(DOCUMENT_CHOICES)})")
    reference = _date(data, "reference_date") or today or date.today()
    earliest = catalogue().rulesets[0].valid_from
    if reference < earliest:
        raise InputError(
            "reference_date",
            f"{reference.isoformat()} is before {earliest.isoformat()}, "
            "the earliest date the rules cover",
        )
    situation = Situation(
        reference_date=reference,
        document=document,
        nationality=_nationality(data),
        residence_permit_section=_section(data),
        entry_date=_date(data, "entry_date"),
        asylum_request_date=_date(data, "asylum_request_date"),
        asylum_application_date=_date(data, "asylum_application_date"),
        asylum_decision=_choice(
            data, "asylum_decision", Decision, DECISION_CHOICES, "asylum_decision"
        ),
        suspensive_effect_ordered=_bool(data, "suspensive_effect_ordered"),
        lives_in_reception_centre=_bool(data, "lives_in_reception_centre"),
        duldung_since=_date(data, "duldung_since"),
        prior_stay=_prior_stay(data),
        identity_clarified=_bool(data, "identity_clarified"),
        unaccompanied_minor=_bool(data, "unaccompanied_minor"),
        authority_findings=_findings(data),
        document_annotation=_text(data, "document_annotation"),
        document_valid_until=_date(data, "document_valid_until"),
        birth_date=_date(data, "birth_date"),
        employment_since=_date(data, "employment_since"),
        weekly_hours=_weekly_hours(data),
        has_minor_children=_bool(data, "has_minor_children"),
        dublin_procedure=_bool(data, "dublin_procedure"),
    )
    _check_birth_date(situation)
    return situation


def _check_birth_date(situation: Situation) -> None:
    birth = situation.birth_date
    if birth is None:
        return
    for name in (
        "entry_date",
        "asylum_request_date",
        "asylum_application_date",
        "duldung_since",
        "employment_since",
    ):
        value = getattr(situation, name)
        if value is not None and value < birth:
            raise InputError(
                name, f"{value.isoformat()} is before the birth date {birth.isoformat()}"
            )
    for index, period in enumerate(situation.prior_stay):
        if period.end < birth:
            raise InputError(f"prior_stay[{index}]", "ends before the birth date")
