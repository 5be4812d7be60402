"""Pathways to a secure stay: conditions met / not met / unknown and the dates they are met."""

from typing import Any

import pytest

from lotse.legal import evaluate_json

NO_FINDINGS = {
    "entered_to_obtain_benefits": False,
    "removal_obstructed_by_own_fault": False,
    "removal_measures_imminent": False,
}


def pathways(**fields: Any) -> dict[str, dict[str, Any]]:
    data: dict[str, Any] = {
        "document": "duldung",
        "nationality": "AF",
        "asylum_decision": "rejected",
        "asylum_request_date": "2019-05-01",
        "lives_in_reception_centre": False,
        "authority_findings": dict(NO_FINDINGS),
        "identity_clarified": True,
    }
    data.update(fields)
    return {p["id"]: p for p in evaluate_json(data)["pathways"]}


def condition(pathway: dict[str, Any], code: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in pathway["conditions"] if c["code"] == code)
    return found


@pytest.mark.parametrize(
    ("reference", "entry", "status"),
    [
        ("2025-05-01", "2022-12-31", "met"),
        ("2025-05-01", "2023-01-01", "not_met"),
        ("2024-02-26", "2018-08-01", "met"),  # before 27.02.2024 the cut-off was 01.08.2018
        ("2024-02-26", "2018-08-02", "not_met"),
        ("2024-02-27", "2018-08-02", "met"),
    ],
)
def test_60d_entry_cut_off_is_versioned(reference: str, entry: str, status: str) -> None:
    result = pathways(reference_date=reference, entry_date=entry, duldung_since="2023-06-01")["60d"]
    assert condition(result, "entry_until")["status"] == status


@pytest.mark.parametrize(
    ("reference", "months", "status"),
    [("2024-02-26", 18, "not_met"), ("2024-02-27", 12, "met")],
)
def test_60d_employment_months_changed_on_27_february_2024(
    reference: str, months: int, status: str
) -> None:
    result = pathways(
        reference_date=reference,
        entry_date="2018-01-01",
        duldung_since="2020-01-01",
        employment_since="2023-01-15",
        weekly_hours=25,
    )["60d"]
    employment = condition(result, "employment_months")
    assert employment["status"] == status
    assert str(months) in employment["label"]["en"]


@pytest.mark.parametrize(
    ("reference", "status", "pathway_status"),
    [("2025-05-31", "not_met", "waiting"), ("2025-06-01", "met", "open")],
)
def test_60d_twelve_months_of_duldung_has_a_date(
    reference: str, status: str, pathway_status: str
) -> None:
    result = pathways(
        reference_date=reference,
        entry_date="2022-01-01",
        duldung_since="2024-06-01",
        employment_since="2023-01-01",
        weekly_hours=30,
    )["60d"]
    duldung = condition(result, "duldung_months")
    assert (duldung["status"], duldung["met_on"]) == (status, "2025-06-01")
    assert result["status"] == pathway_status
    assert result["earliest_date"] == ("2025-06-01" if status == "not_met" else None)


def test_60d_is_held_with_a_beschaeftigungsduldung() -> None:
    assert (
        pathways(
            document="beschaeftigungsduldung",
            reference_date="2025-05-01",
            duldung_since="2024-01-01",
        )["60d"]["status"]
        == "held"
    )


@pytest.mark.parametrize(
    ("reference", "status"), [("2025-03-31", "not_met"), ("2025-04-01", "met")]
)
def test_60c_three_months_of_duldung(reference: str, status: str) -> None:
    result = pathways(
        reference_date=reference, duldung_since="2025-01-01", entry_date="2016-05-01"
    )["60c"]
    assert condition(result, "duldung_months")["status"] == status


@pytest.mark.parametrize(
    ("entry", "clarified", "code", "status", "deadline"),
    [
        ("2016-12-31", False, "identity_by_application", "unknown", None),
        ("2018-03-01", False, "identity_by_date", "not_met", "2020-06-30"),
        ("2025-01-31", False, "identity_by_date", "not_met", "2025-07-31"),
        ("2025-01-31", True, "identity_by_date", "met", "2025-07-31"),
    ],
)
def test_60c_identity_deadline_depends_on_the_entry_date(
    entry: str, clarified: bool, code: str, status: str, deadline: str | None
) -> None:
    result = pathways(
        reference_date="2025-09-01",
        duldung_since="2025-05-01",
        entry_date=entry,
        identity_clarified=clarified,
    )["60c"]
    identity = condition(result, code)
    assert (identity["status"], identity.get("deadline")) == (status, deadline)


@pytest.mark.parametrize(
    ("reference", "status"), [("2024-02-29", "not_in_force"), ("2024-03-01", "open")]
)
def test_16g_pathway_exists_from_1_march_2024(reference: str, status: str) -> None:
    result = pathways(
        reference_date=reference, duldung_since="2023-01-01", entry_date="2016-01-01"
    )["16g"]
    assert result["status"] == status


@pytest.mark.parametrize(
    ("reference", "birth", "status"),
    [
        (
            "2022-12-30",
            "2000-06-01",
            "not_met",
        ),  # 22 years old: the old limit was the 21st birthday
        ("2022-12-31", "2000-06-01", "met"),  # the new limit is the 27th birthday
        ("2025-05-31", "1998-06-01", "met"),  # last day before the 27th birthday
        ("2025-06-01", "1998-06-01", "not_met"),
    ],
)
def test_25a_age_limit_is_versioned(reference: str, birth: str, status: str) -> None:
    result = pathways(
        reference_date=reference,
        birth_date=birth,
        duldung_since="2020-01-01",
        entry_date="2019-01-01",
    )["25a"]
    assert condition(result, "age")["status"] == status


@pytest.mark.parametrize(
    ("reference", "status"), [("2025-12-31", "not_met"), ("2026-01-01", "met")]
)
def test_25a_three_years_of_stay_counts_prior_periods(reference: str, status: str) -> None:
    result = pathways(
        reference_date=reference,
        birth_date="2005-01-01",
        duldung_since="2024-01-01",
        prior_stay=[{"from": "2023-01-01", "to": "2023-12-31", "kind": "gestattet"}],
    )["25a"]
    assert condition(result, "stay_months")["status"] == status


@pytest.mark.parametrize(
    ("reference", "children", "status"),
    [
        ("2025-12-31", False, "not_met"),
        ("2026-01-01", False, "met"),
        ("2023-12-31", True, "not_met"),
        ("2024-01-01", True, "met"),
        ("2022-12-30", True, "not_met"),
    ],
)
def test_25b_years_of_stay_depend_on_children_and_version(
    reference: str, children: bool, status: str
) -> None:
    result = pathways(
        reference_date=reference, duldung_since="2020-01-01", has_minor_children=children
    )["25b"]
    assert condition(result, "stay_months_children")["status"] == status


def test_pathways_of_a_duldung_60b_holder_are_blocked() -> None:
    result = pathways(
        document="duldung_60b", reference_date="2025-05-01", duldung_since="2020-01-01"
    )
    assert result["60c"]["status"] == "not_met"
    assert result["60d"]["status"] == "not_met"


def test_104c_holders_see_the_switch_to_25a_and_25b() -> None:
    result = pathways(
        document="residence_permit", residence_permit_section="104c", reference_date="2025-05-01"
    )
    assert sorted(result) == ["25a", "25b"]
