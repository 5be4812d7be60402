"""Duldung and the special Duldungen: each rule on both sides of its date boundary."""

from typing import Any

import pytest

from lotse.legal import evaluate_json

NO_FINDINGS = {
    "entered_to_obtain_benefits": False,
    "removal_obstructed_by_own_fault": False,
    "removal_measures_imminent": False,
}


def answer(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document": "duldung",
        "nationality": "AF",
        "asylum_decision": "rejected",
        "asylum_request_date": "2019-05-01",
        "lives_in_reception_centre": False,
        "authority_findings": dict(NO_FINDINGS),
    }
    data.update(fields)
    return evaluate_json(data)


def activity(name: str, **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = answer(**fields)["activities"][name]
    return result


@pytest.mark.parametrize(
    ("reference", "outcome", "rule"),
    [
        ("2024-02-26", "discretionary_permit", "R-DUL-04"),
        ("2024-02-27", "permit_as_rule", "R-DUL-04"),
    ],
)
def test_duldung_employment_became_soll_on_27_february_2024(
    reference: str, outcome: str, rule: str
) -> None:
    result = activity("employment", reference_date=reference, duldung_since="2023-01-01")
    assert (result["outcome"], result["available_from"]) == (outcome, None)
    assert rule in result["rules"]
    assert result["needs_ba_consent"] is True


def test_duldung_historic_case_crossing_the_law_change_shows_the_new_outcome_later() -> None:
    result = activity("employment", reference_date="2024-01-15", duldung_since="2023-01-01")
    assert result["outcome"] == "discretionary_permit"
    assert next((s["from"], s["outcome"]) for s in result["later"]) == (
        "2024-02-27",
        "permit_as_rule",
    )


def test_duldung_imminent_removal_measures_make_it_discretionary() -> None:
    findings = dict(
        NO_FINDINGS, removal_measures_imminent={"value": True, "source": "ABH letter 2025-03-01"}
    )
    result = answer(
        reference_date="2025-05-01", duldung_since="2024-01-01", authority_findings=findings
    )
    assert result["activities"]["employment"]["outcome"] == "discretionary_permit"
    assert result["authority_findings"]["removal_measures_imminent"] == {
        "value": True,
        "source": "ABH letter 2025-03-01",
    }


@pytest.mark.parametrize(
    ("reference", "available_from"), [("2025-04-30", "2025-05-01"), ("2025-05-01", None)]
)
def test_duldung_employment_waits_three_months_but_training_does_not(
    reference: str, available_from: str | None
) -> None:
    result = answer(
        reference_date=reference,
        duldung_since="2025-02-01",
        asylum_request_date=None,
        asylum_decision="no_application",
    )
    employment = result["activities"]["employment"]
    assert (employment["outcome"], employment["available_from"]) == (
        "permit_as_rule",
        available_from,
    )
    for name in ("vocational_training", "internship"):
        assert result["activities"][name]["available_from"] is None
        assert result["activities"][name]["outcome"] == "permit_as_rule"


@pytest.mark.parametrize(
    ("reference", "available_from", "confidence"),
    [
        ("2025-06-30", "2025-07-01", "uncertain"),
        ("2025-07-01", None, "uncertain"),
        ("2022-06-30", "2022-07-01", "verified"),
    ],
)
def test_duldung_in_reception_centre_waits_six_months(
    reference: str, available_from: str | None, confidence: str
) -> None:
    since = reference[:4] + "-01-01"
    result = activity(
        "vocational_training",
        reference_date=reference,
        duldung_since=since,
        lives_in_reception_centre=True,
    )
    assert result["available_from"] == available_from
    assert result["confidence"] == confidence
    expected = "permit_as_rule" if reference >= "2024-02-27" else "discretionary_permit"
    assert result["outcome"] == expected


@pytest.mark.parametrize(
    ("finding", "rule"),
    [
        ("entered_to_obtain_benefits", "R-DUL-01-BENEFITS"),
        ("removal_obstructed_by_own_fault", "R-DUL-01-OWN-FAULT"),
    ],
)
def test_duldung_authority_findings_are_absolute_bans(finding: str, rule: str) -> None:
    result = answer(
        reference_date="2025-05-01",
        duldung_since="2023-01-01",
        authority_findings=dict(NO_FINDINGS, **{finding: True}),
    )
    for name in ("employment", "vocational_training", "internship", "self_employment"):
        outcome = result["activities"][name]
        assert (outcome["outcome"], outcome["absolute_ban"], outcome["rules"]) == (
            "forbidden",
            True,
            [rule],
        )
    assert result["programme_eligibility"]["wir"]["eligible"] is False


def test_duldung_60b_forbids_all_work() -> None:
    result = answer(document="duldung_60b", reference_date="2025-05-01", duldung_since="2023-01-01")
    assert {a["outcome"] for a in result["activities"].values()} == {"forbidden"}
    assert all(a["absolute_ban"] for a in result["activities"].values())


@pytest.mark.parametrize(
    ("nationality", "decision", "requested", "minor", "banned"),
    [
        ("RS", "rejected", "2015-08-31", False, False),
        ("RS", "rejected", "2015-09-01", False, True),
        ("RS", "rejected_manifestly_unfounded", "2016-01-01", False, True),
        ("RS", "withdrawn", "2016-01-01", False, True),
        ("RS", "withdrawn_after_counselling", "2016-01-01", False, False),
        ("RS", "withdrawn", "2016-01-01", True, False),
        ("RS", "no_application", None, False, True),
        ("RS", "no_application", None, True, False),
        ("GE", "rejected", "2023-08-30", False, False),
        ("GE", "rejected", "2023-08-31", False, True),
        ("AF", "rejected", "2023-08-31", False, False),
    ],
)
def test_duldung_safe_country_ban_follows_decision_and_cut_off(
    nationality: str, decision: str, requested: str | None, minor: bool, banned: bool
) -> None:
    result = activity(
        "employment",
        reference_date="2025-05-01",
        duldung_since="2024-01-01",
        nationality=nationality,
        asylum_decision=decision,
        asylum_request_date=requested,
        unaccompanied_minor=minor,
    )
    assert result["absolute_ban"] is banned
    assert (result["outcome"] == "forbidden") is banned


@pytest.mark.parametrize(("since", "banned"), [("2023-08-30", False), ("2023-08-31", True)])
def test_duldung_georgia_without_application_exempt_if_tolerated_on_30_august_2023(
    since: str, banned: bool
) -> None:
    result = activity(
        "employment",
        reference_date="2025-05-01",
        duldung_since=since,
        nationality="GE",
        asylum_decision="no_application",
        asylum_request_date=None,
    )
    assert result["absolute_ban"] is banned


def test_duldung_self_employment_is_forbidden_and_uncertain() -> None:
    result = activity("self_employment", reference_date="2025-05-01", duldung_since="2023-01-01")
    assert (result["outcome"], result["confidence"], result["absolute_ban"]) == (
        "forbidden",
        "uncertain",
        False,
    )


def test_ausbildungsduldung_training_is_an_entitlement_without_ba() -> None:
    result = answer(
        document="ausbildungsduldung", reference_date="2025-05-01", duldung_since="2025-04-01"
    )
    training = result["activities"]["vocational_training"]
    assert (training["outcome"], training["needs_ba_consent"], training["available_from"]) == (
        "entitled_with_permit",
        False,
        None,
    )
    assert result["activities"]["employment"]["available_from"] == "2025-07-01"


def test_duldung_missing_findings_are_assumed_absent_and_warned() -> None:
    result = answer(
        reference_date="2025-05-01", duldung_since="2023-01-01", authority_findings=None
    )
    fields = {w.get("field") for w in result["warnings"] if w["code"] == "missing_input"}
    assert "authority_findings.removal_obstructed_by_own_fault" in fields
    assert result["activities"]["employment"]["outcome"] == "permit_as_rule"


def test_duldung_safe_country_without_decision_assumes_the_ban() -> None:
    result = answer(
        reference_date="2025-05-01",
        duldung_since="2023-01-01",
        nationality="XK",
        asylum_decision=None,
    )
    assert result["activities"]["employment"]["absolute_ban"] is True
    assert any(w.get("field") == "asylum_decision" for w in result["warnings"])


def test_duldung_pending_safe_country_designation_is_warned_not_applied() -> None:
    result = answer(reference_date="2025-05-01", duldung_since="2023-01-01", nationality="MA")
    assert result["activities"]["employment"]["outcome"] == "permit_as_rule"
    assert "safe_country_pending" in [w["code"] for w in result["warnings"]]
