"""What an answer's dates rest on: recorded facts, or a missing date replaced by the reference
date ("at the latest"). A condition counted from a missing date is unknown, never "not met" with
an invented date, and the radar lists only deadlines computed from facts."""

from datetime import date
from typing import Any

import pytest

from lotse.legal import evaluate_json, parse_situation, radar

REFERENCE = "2025-05-01"
NO_FINDINGS = {
    "entered_to_obtain_benefits": False,
    "removal_obstructed_by_own_fault": False,
    "removal_measures_imminent": False,
}
GESTATTUNG: dict[str, Any] = {
    "document": "gestattung",
    "asylum_decision": "pending",
    "dublin_procedure": False,
}
DULDUNG: dict[str, Any] = {
    "document": "duldung",
    "asylum_decision": "rejected",
    "asylum_request_date": "2019-05-01",
    "authority_findings": NO_FINDINGS,
}


def answer(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference_date": REFERENCE,
        "nationality": "AF",
        "lives_in_reception_centre": False,
        **fields,
    }
    return evaluate_json(data)


# (situation, activity, basis, assumed fields, available_from)
BASIS_CASES: list[tuple[dict[str, Any], str, str, list[str], str | None]] = [
    # A Duldung since years: employment open now, from facts.
    ({**DULDUNG, "duldung_since": "2021-01-01"}, "employment", "facts", [], None),
    # A Duldung since two months: the three-month wait ends on a day from the facts.
    ({**DULDUNG, "duldung_since": "2025-03-01"}, "employment", "facts", [], "2025-06-01"),
    # Without "Duldung since" the wait is counted from the reference date: at the latest.
    ({**DULDUNG}, "employment", "assumed", ["duldung_since"], "2025-08-01"),
    # Training needs no wait after a Duldung: the missing date does not matter to it.
    ({**DULDUNG}, "vocational_training", "facts", [], None),
    # Self-employment is closed with a Duldung whatever the dates.
    ({**DULDUNG}, "self_employment", "facts", [], None),
    # Gestattung with both dates: facts.
    (
        {
            **GESTATTUNG,
            "asylum_request_date": "2025-03-10",
            "asylum_application_date": "2025-03-20",
        },
        "employment",
        "facts",
        [],
        "2025-06-10",
    ),
    # Without the request the wait runs from the application, which is recorded.
    (
        {**GESTATTUNG, "asylum_application_date": "2025-04-20"},
        "internship",
        "facts",
        [],
        "2025-07-20",
    ),
    # Without the application the entitlement after six months is counted from the reference
    # date: the answer rests on that assumption, though its first date is a fact.
    (
        {**GESTATTUNG, "asylum_request_date": "2025-03-10"},
        "employment",
        "assumed",
        ["asylum_application_date"],
        "2025-06-10",
    ),
    # Gestattung without any asylum date: the three-month wait runs from the reference date.
    (
        {**GESTATTUNG},
        "internship",
        "assumed",
        ["asylum_application_date", "asylum_request_date"],
        "2025-08-01",
    ),
    # A residence title: nothing to count, facts.
    (
        {"document": "residence_permit", "residence_permit_section": "25(2)"},
        "employment",
        "facts",
        [],
        None,
    ),
]


@pytest.mark.parametrize(("situation", "name", "basis", "assumed", "available_from"), BASIS_CASES)
def test_available_from_basis(
    situation: dict[str, Any], name: str, basis: str, assumed: list[str], available_from: str | None
) -> None:
    result = answer(**situation)["activities"][name]
    assert (
        result["available_from_basis"],
        result["assumed_fields"],
        result["available_from"],
    ) == (basis, assumed, available_from)


def test_an_assumed_answer_says_at_the_latest() -> None:
    result = answer(**DULDUNG)["activities"]["employment"]
    assert "Spätestens ab dem 01.08.2025" in result["explanation"]["de"]
    assert "From 1 August 2025 at the latest" in result["explanation"]["en"]
    assert "Ein Datum fehlt" in result["explanation"]["de"]


def test_an_answer_from_facts_does_not_say_at_the_latest() -> None:
    result = answer(**DULDUNG, duldung_since="2025-03-01")["activities"]["employment"]
    assert "Ab dem 01.06.2025" in result["explanation"]["de"]
    assert "Spätestens" not in result["explanation"]["de"]


def conditions(result: dict[str, Any], pathway: str) -> dict[str, dict[str, Any]]:
    found = next(p for p in result["pathways"] if p["id"] == pathway)
    return {c["code"]: c for c in found["conditions"]}


# (situation, pathway, condition, status, met_on)
CONDITION_CASES: list[tuple[dict[str, Any], str, str, str, str | None]] = [
    # Duldung since unknown: the months with a Duldung are unknown, with no date.
    ({**DULDUNG}, "60d", "duldung_months", "unknown", None),
    ({**DULDUNG}, "60c", "duldung_months", "unknown", None),
    ({**DULDUNG, "birth_date": "2005-01-01"}, "25a", "stay_months", "unknown", None),
    ({**DULDUNG}, "25b", "stay_months_children", "unknown", None),
    # The same conditions from facts: met, or not met with the day they will be.
    ({**DULDUNG, "duldung_since": "2021-01-01"}, "60d", "duldung_months", "met", "2022-01-01"),
    ({**DULDUNG, "duldung_since": "2025-03-01"}, "60c", "duldung_months", "not_met", "2025-06-01"),
    ({**DULDUNG, "duldung_since": "2024-01-01"}, "25b", "stay_months_children", "not_met", None),
    # Without the entry date the entry condition of § 60d stays open.
    ({**DULDUNG}, "60d", "entry_until", "unknown", None),
]


@pytest.mark.parametrize(("situation", "pathway", "code", "status", "met_on"), CONDITION_CASES)
def test_conditions_counted_from_a_missing_date_are_unknown(
    situation: dict[str, Any], pathway: str, code: str, status: str, met_on: str | None
) -> None:
    condition = conditions(answer(**situation), pathway)[code]
    if status == "not_met" and met_on is None:
        assert condition["status"] == "not_met"
        assert condition.get("met_on", "") > REFERENCE
        return
    assert (condition["status"], condition.get("met_on")) == (status, met_on)


def test_missing_entry_date_is_named_among_the_missing_input() -> None:
    warnings = answer(**DULDUNG)["warnings"]
    fields = [w.get("field") for w in warnings if w["code"] == "missing_input"]
    assert "entry_date" in fields
    assert "duldung_since" in fields


RULE_ID = r"\b(?:R|P|PROG)-[A-Z0-9-]+\b|\d{4}-\d{2}-[a-z-]+"


@pytest.mark.parametrize(
    "situation",
    [
        {**DULDUNG, "reference_date": "2026-07-01"},
        {**GESTATTUNG, "reference_date": "2026-01-01"},
        {**DULDUNG, "document": "ausbildungsduldung"},
    ],
)
def test_warnings_cite_the_law_not_rule_ids(situation: dict[str, Any]) -> None:
    import re

    for warning in answer(**situation)["warnings"]:
        for language in ("de", "en"):
            assert not re.search(RULE_ID, warning[language]), warning[language]


def radar_of(days: int = 120, **fields: Any) -> Any:
    data: dict[str, Any] = {
        "reference_date": REFERENCE,
        "nationality": "AF",
        "lives_in_reception_centre": False,
        **fields,
    }
    return radar(parse_situation(data), date.fromisoformat(REFERENCE), days)


# (situation, deadlines as (date, kind, subject), assumed fields)
RADAR_CASES: list[tuple[dict[str, Any], list[tuple[str, str, str]], tuple[str, ...]]] = [
    # No "Duldung since": no deadline is invented, and the answer is marked as assumed.
    ({**DULDUNG}, [], ("duldung_since",)),
    # With the date: the wait ends on the right day (for employment only; training needs
    # none), and the months with a Duldung of §§ 60c and 16g are complete.
    (
        {**DULDUNG, "duldung_since": "2025-03-01"},
        [
            ("2025-06-01", "waiting_period_end", "employment"),
            ("2025-06-01", "pathway_condition", "60c"),
            ("2025-06-01", "pathway_condition", "16g"),
        ],
        (),
    ),
    # Gestattung without dates: nothing, assumed.
    ({**GESTATTUNG}, [], ("asylum_request_date", "asylum_application_date")),
    # Gestattung with dates: the wait ends for employment, training and internship alike.
    (
        {
            **GESTATTUNG,
            "asylum_request_date": "2025-03-10",
            "asylum_application_date": "2025-03-10",
        },
        [
            ("2025-06-10", "waiting_period_end", "employment"),
            ("2025-06-10", "waiting_period_end", "vocational_training"),
            ("2025-06-10", "waiting_period_end", "internship"),
        ],
        (),
    ),
    # A document's expiry is a fact, listed even when other dates are missing.
    (
        {**DULDUNG, "document_valid_until": "2025-06-30"},
        [("2025-06-30", "document_expiry", "document")],
        ("duldung_since",),
    ),
]


@pytest.mark.parametrize(("situation", "expected", "assumed"), RADAR_CASES)
def test_radar_lists_only_deadlines_from_facts(
    situation: dict[str, Any], expected: list[tuple[str, str, str]], assumed: tuple[str, ...]
) -> None:
    result = radar_of(**situation)
    found = [(d.date.isoformat(), d.kind, d.subject) for d in result.deadlines]
    assert (found, result.assumed_fields) == (expected, assumed)


def test_radar_deadline_names_event_and_subject_apart() -> None:
    [deadline, *_] = radar_of(**DULDUNG, duldung_since="2025-03-01").deadlines
    assert (deadline.event_de, deadline.subject_de) == ("Wartezeit endet", "Beschäftigung")
