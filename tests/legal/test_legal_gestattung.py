"""Asylum seekers (Ankunftsnachweis, Gestattung): each rule on both sides of its date boundary."""

from typing import Any

import pytest

from lotse.legal import evaluate_json


def answer(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document": "gestattung",
        "nationality": "SY",
        "asylum_decision": "pending",
        "dublin_procedure": False,
    }
    data.update(fields)
    return evaluate_json(data)


def employment(**fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = answer(**fields)["activities"]["employment"]
    return result


def codes(result: dict[str, Any]) -> list[str]:
    return [w["code"] for w in result["warnings"]]


IN_AE = {"lives_in_reception_centre": True}
OUTSIDE = {"lives_in_reception_centre": False}


@pytest.mark.parametrize(
    ("reference", "application", "outcome", "available_from", "rule"),
    [
        # R-GEST-02, current: 6 months after 15.01.2025 end on 15.07.2025.
        ("2025-07-15", "2025-01-15", "entitled_with_permit", "2025-07-16", "R-GEST-01"),
        ("2025-07-16", "2025-01-15", "entitled_with_permit", None, "R-GEST-02"),
        # Before 27.02.2024: 9 months (15.03.2022 -> ends 15.12.2022).
        ("2022-12-15", "2022-03-15", "entitled_with_permit", "2022-12-16", "R-GEST-01"),
        ("2022-12-16", "2022-03-15", "entitled_with_permit", None, "R-GEST-02"),
        # Law change: 6 months were over on 02.02.2024, 9 would end 01.05.2024.
        ("2024-02-26", "2023-08-01", "entitled_with_permit", "2024-02-27", "R-GEST-01"),
        ("2024-02-27", "2023-08-01", "entitled_with_permit", None, "R-GEST-02"),
        # GEAS draft: 3 months from the application (01.05.2026 -> from 02.08.2026).
        ("2026-06-11", "2026-05-01", "entitled_with_permit", "2026-11-02", "R-GEST-01"),
        ("2026-06-12", "2026-05-01", "entitled_with_permit", "2026-08-02", "R-GEST-01"),
        ("2026-08-01", "2026-05-01", "entitled_with_permit", "2026-08-02", "R-GEST-01"),
        ("2026-08-02", "2026-05-01", "entitled_with_permit", None, "R-GEST-02"),
    ],
)
def test_reception_centre_entitlement_waits_for_the_versioned_months(
    reference: str, application: str, outcome: str, available_from: str | None, rule: str
) -> None:
    result = employment(
        reference_date=reference,
        asylum_request_date=application,
        asylum_application_date=application,
        **IN_AE,
    )
    assert (result["outcome"], result["available_from"]) == (outcome, available_from)
    assert result["rules"][0] == rule
    assert result["needs_abh_permit"] is True
    assert result["needs_ba_consent"] is True
    assert result["absolute_ban"] is False


def test_reception_centre_in_geas_period_is_uncertain_and_warned() -> None:
    result = answer(
        reference_date="2026-08-02",
        asylum_request_date="2026-05-01",
        asylum_application_date="2026-05-01",
        **IN_AE,
    )
    assert result["ruleset"]["id"] == "2026-06-geas-draft"
    assert result["ruleset"]["status"] == "draft_unverified"
    assert result["activities"]["employment"]["confidence"] == "uncertain"
    assert "rules_unverified" in codes(result)


def test_date_under_current_rules_reaching_into_geas_is_warned() -> None:
    result = answer(
        reference_date="2026-06-01",
        asylum_request_date="2026-05-01",
        asylum_application_date="2026-05-01",
        **IN_AE,
    )
    assert result["activities"]["employment"]["available_from"] == "2026-11-02"
    assert "rules_change_ahead" in codes(result)
    assert "rules_unverified" not in codes(result)


@pytest.mark.parametrize(
    ("decision", "suspensive", "outcome", "rule"),
    [
        ("rejected_manifestly_unfounded", False, "forbidden", "R-GEST-07"),
        ("rejected_inadmissible", None, "forbidden", "R-GEST-07"),
        ("rejected_manifestly_unfounded", True, "entitled_with_permit", "R-GEST-02"),
        ("rejected", False, "entitled_with_permit", "R-GEST-02"),
    ],
)
def test_reception_centre_rejection_as_manifestly_unfounded_excludes_entitlement(
    decision: str, suspensive: bool | None, outcome: str, rule: str
) -> None:
    result = employment(
        reference_date="2025-09-01",
        asylum_request_date="2025-01-10",
        asylum_application_date="2025-01-15",
        asylum_decision=decision,
        suspensive_effect_ordered=suspensive,
        **IN_AE,
    )
    assert result["outcome"] == outcome
    assert rule in result["rules"]


@pytest.mark.parametrize(
    ("reference", "outcome", "available_from"),
    [
        ("2025-03-31", "discretionary_permit", "2025-04-01"),
        ("2025-04-01", "discretionary_permit", None),
    ],
)
def test_outside_reception_centre_three_months_of_gestattung(
    reference: str, outcome: str, available_from: str | None
) -> None:
    for activity in ("employment", "vocational_training", "internship"):
        result = answer(
            reference_date=reference,
            asylum_request_date="2025-01-01",
            asylum_application_date="2025-02-20",
            **OUTSIDE,
        )["activities"][activity]
        assert (result["outcome"], result["available_from"]) == (outcome, available_from)


@pytest.mark.parametrize(
    ("prior_to", "available_from"),
    [("2024-12-31", None), ("2024-12-30", "2025-04-01")],  # touching counts; a one-day gap breaks
)
def test_outside_reception_centre_prior_tolerated_stay_counts_when_uninterrupted(
    prior_to: str, available_from: str | None
) -> None:
    result = employment(
        reference_date="2025-01-05",
        asylum_request_date="2025-01-01",
        asylum_application_date="2025-01-02",
        prior_stay=[{"from": "2024-09-01", "to": prior_to, "kind": "tolerated"}],
        **OUTSIDE,
    )
    assert result["available_from"] == available_from
    assert result["outcome"] == "discretionary_permit"


@pytest.mark.parametrize(
    ("reference", "outcome", "confidence"),
    [
        ("2025-07-15", "discretionary_permit", "verified"),
        ("2025-07-16", "entitled_with_permit", "uncertain"),
    ],
)
def test_outside_reception_centre_entitlement_after_six_months_is_uncertain(
    reference: str, outcome: str, confidence: str
) -> None:
    result = employment(
        reference_date=reference,
        asylum_request_date="2025-01-10",
        asylum_application_date="2025-01-15",
        **OUTSIDE,
    )
    assert (result["outcome"], result["confidence"]) == (outcome, confidence)


@pytest.mark.parametrize(
    ("reference", "outcome"),
    [("2023-10-15", "discretionary_permit"), ("2023-10-16", "entitled_with_permit")],
)
def test_outside_reception_centre_entitlement_took_nine_months_before_2024(
    reference: str, outcome: str
) -> None:
    result = employment(
        reference_date=reference,
        asylum_request_date="2023-01-10",
        asylum_application_date="2023-01-15",
        **OUTSIDE,
    )
    assert result["outcome"] == outcome


@pytest.mark.parametrize(
    ("nationality", "requested", "reference", "banned"),
    [
        ("AL", "2015-08-31", "2020-06-01", False),  # cut-off: applied on 31.08.2015
        ("AL", "2015-09-01", "2020-06-01", True),
        ("GE", "2023-08-30", "2024-03-01", False),  # § 87d AsylG transitional rule
        ("GE", "2023-08-31", "2024-03-01", True),
        ("MD", "2023-09-15", "2023-12-22", False),  # not yet designated
        ("MD", "2023-09-15", "2023-12-23", True),
        ("SY", "2023-09-15", "2024-03-01", False),
    ],
)
def test_safe_country_nationals_are_banned_for_the_whole_procedure(
    nationality: str, requested: str, reference: str, banned: bool
) -> None:
    result = answer(
        reference_date=reference,
        nationality=nationality,
        asylum_request_date=requested,
        asylum_application_date=requested,
        **OUTSIDE,
    )
    for activity in ("employment", "vocational_training", "internship"):
        outcome = result["activities"][activity]
        assert outcome["absolute_ban"] is banned
        assert (outcome["outcome"] == "forbidden") is banned


def test_safe_country_ban_before_designation_shows_the_designation_day() -> None:
    result = employment(
        reference_date="2023-12-01",
        nationality="GE",
        asylum_request_date="2023-09-15",
        asylum_application_date="2023-09-15",
        **OUTSIDE,
    )
    assert result["outcome"] == "discretionary_permit"
    assert result["later"][0]["from"] == "2023-12-23"
    assert result["later"][0]["outcome"] == "forbidden"


def test_self_employment_is_forbidden_with_gestattung() -> None:
    result = answer(
        reference_date="2025-09-01",
        asylum_request_date="2020-01-01",
        asylum_application_date="2020-01-02",
        **OUTSIDE,
    )["activities"]["self_employment"]
    assert (result["outcome"], result["absolute_ban"], result["rules"]) == (
        "forbidden",
        False,
        ["R-GEST-06"],
    )


@pytest.mark.parametrize(("reference", "needs_ba"), [("2025-01-01", True), ("2025-01-02", False)])
def test_four_years_of_stay_remove_ba_consent_but_not_the_permit(
    reference: str, needs_ba: bool
) -> None:
    result = employment(
        reference_date=reference,
        asylum_request_date="2021-01-02",
        asylum_application_date="2021-01-05",
        **OUTSIDE,
    )
    assert result["needs_ba_consent"] is needs_ba
    assert result["needs_abh_permit"] is True


def test_training_never_needs_ba_consent() -> None:
    result = answer(
        reference_date="2025-09-01",
        asylum_request_date="2025-01-01",
        asylum_application_date="2025-01-02",
        **OUTSIDE,
    )["activities"]["vocational_training"]
    assert result["needs_ba_consent"] is False
    assert "§ 32 Abs. 2 Nr. 2 BeschV" in result["citations"]


@pytest.mark.parametrize(
    ("dublin", "outcome"), [(True, "forbidden"), (False, "entitled_with_permit")]
)
def test_geas_dublin_cases_get_no_access(dublin: bool, outcome: str) -> None:
    result = employment(
        reference_date="2026-10-01",
        asylum_request_date="2026-06-15",
        asylum_application_date="2026-06-20",
        dublin_procedure=dublin,
        **IN_AE,
    )
    assert result["outcome"] == outcome


def test_missing_application_date_counts_from_the_reference_date_and_warns() -> None:
    result = answer(
        reference_date="2025-05-01",
        document="ankunftsnachweis",
        asylum_decision=None,
        dublin_procedure=None,
    )
    employment_result = result["activities"]["employment"]
    assert employment_result["available_from"] == "2025-11-02"
    fields = {w.get("field") for w in result["warnings"] if w["code"] == "missing_input"}
    assert {"asylum_application_date", "asylum_request_date", "lives_in_reception_centre"} <= fields
