"""From stored values to matching's plain rows: the thin adapter around `matching`.

The reads themselves are selectors (`placements.matches.selectors`, one query per table for any
number of people); this module only turns the values they read into `PersonRow`s and
`VacancyRow`s, and the engine's answer (computed once per person) into `Permission`s.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from lotse.legal.model import Activity, Evaluation, Outcome
from lotse.placements.geo.selectors import Place, town_key
from lotse.placements.matching import (
    CEFR_LEVELS,
    TOWN_PREFIX,
    Coded,
    Permission,
    PersonRow,
    VacancyRow,
)

NATIVE = "native"
GERMAN = "de"

VACANCY_FIELDS = (
    "pk",
    "title",
    "kind",
    "kldb_code",
    "start_date",
    "min_german",
    "driving_licences",
    "hours_per_week",
    "shift_work",
    "postcode",
    "city",
    "languages",
    "experience_kldb",
    "qualifications",
)


def permissions_of(evaluation: Evaluation | None) -> dict[Activity, Permission] | None:
    if evaluation is None:
        return None
    return {
        activity: Permission(
            allowed=result.outcome is not Outcome.FORBIDDEN,
            available_from=result.available_from,
            needs_permit=result.needs_abh_permit,
            citation=result.citation or (result.citations[0] if result.citations else ""),
        )
        for activity, result in evaluation.activities.items()
    }


def level(value: str | None) -> str | None:
    """A profile's level as CEFR: a native speaker is C2."""
    if value == NATIVE:
        return "C2"
    return value if value in CEFR_LEVELS else None


def months_between(start: datetime.date, end: datetime.date | None, today: datetime.date) -> int:
    """Whole months of a period given in months, both ends included."""
    end = end or today
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def region_of(
    postcode: str, city: str, places: Mapping[str, Place]
) -> tuple[str, float | None, float | None]:
    place = places.get(postcode) or places.get(town_key(city))
    if place is not None:
        return (
            place.district_code or f"{TOWN_PREFIX}{city.casefold()}",
            place.latitude,
            place.longitude,
        )
    return (f"{TOWN_PREFIX}{city.strip().casefold()}" if city.strip() else ""), None, None


def person_row(
    pk: int,
    *,
    evaluation: Evaluation | None,
    postcode: str,
    city: str,
    places: Mapping[str, Place],
    resources: Mapping[str, Any] | None,
    languages: Iterable[Mapping[str, Any]],
    experience: Iterable[Mapping[str, Any]],
    desired: Iterable[Mapping[str, Any]],
    recognitions: Iterable[Mapping[str, Any]],
    today: datetime.date,
) -> PersonRow:
    spoken = {row["language"]: level(row["level"]) for row in languages}
    district, lat, lon = region_of(postcode, city, places)
    res = resources or {}
    return PersonRow(
        id=pk,
        permissions=permissions_of(evaluation),
        german=spoken.pop(GERMAN, None),
        licences=frozenset(res.get("driving_licences") or ()),
        hours=res.get("hours_per_week"),
        shift_work=res.get("shift_work"),
        district=district,
        lat=lat,
        lon=lon,
        desired=tuple(
            Coded(row["kldb_code"], row["label"]) for row in desired if _code(row["kldb_code"])
        ),
        experience=tuple(
            Coded(
                row["kldb_code"],
                row["label"],
                months=months_between(row["started_on"], row["ended_on"], today),
            )
            for row in experience
            if _code(row["kldb_code"])
        ),
        qualifications=tuple(
            Coded(
                row["reference_kldb_code"],
                row["reference_label"] or row["qualification"],
                partial=row["result"] != "full",
            )
            for row in recognitions
            if _code(row["reference_kldb_code"]) and row["result"] in ("full", "partial")
        ),
        languages={code: lv for code, lv in spoken.items() if lv},
    )


def vacancy_row(
    values: Mapping[str, Any], places: Mapping[str, Place], today: datetime.date
) -> VacancyRow:
    district, lat, lon = region_of(values["postcode"], values["city"], places)
    return VacancyRow(
        id=values["pk"],
        title=values["title"],
        kind=values["kind"],
        kldb=values["kldb_code"],
        # No start date: from now on.
        start=values["start_date"] or today,
        min_german=values["min_german"] or "",
        licences=frozenset(values["driving_licences"] or ()),
        hours=values["hours_per_week"],
        shift_work=values["shift_work"],
        district=district,
        lat=lat,
        lon=lon,
        languages=_languages(values["languages"]),
        experience_group=values["experience_kldb"] or "",
        qualifications=frozenset(q for q in values["qualifications"] or () if _code(str(q))),
    )


def _code(value: str) -> bool:
    return len(value) == 5 and value.isdigit()


def _languages(value: Any) -> dict[str, str]:
    """Other languages a vacancy asks for, each with its level (B1 when none is given). Entries
    are `{"language": "en", "level": "B1"}`, or "en" / "en:B1"."""
    asked: dict[str, str] = {}
    for entry in value or ():
        if isinstance(entry, Mapping):
            code = str(entry.get("language") or entry.get("code") or "")
            lv = str(entry.get("level") or "")
        else:
            code, _, lv = str(entry).partition(":")
        code = code.strip().lower()
        if code and code != GERMAN:
            asked[code] = lv.strip().upper() if lv.strip().upper() in CEFR_LEVELS else "B1"
    return asked
