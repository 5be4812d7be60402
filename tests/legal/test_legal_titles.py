"""Residence titles, settlement permit, Fiktionsbescheinigung and the document annotation."""

from typing import Any

import pytest

from lotse.legal import evaluate_json


def answer(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "document": "residence_permit",
        "nationality": "SY",
        "reference_date": "2025-05-01",
    }
    data.update(fields)
    return evaluate_json(data)


def codes(result: dict[str, Any]) -> list[str]:
    return [w["code"] for w in result["warnings"]]


@pytest.mark.parametrize(
    ("section", "rule", "confidence"),
    [
        ("25(1)", "R-AE-01", "practitioner"),
        ("25(2)", "R-AE-01", "practitioner"),
        ("25(3)", "R-AE-01", "practitioner"),
        ("24", "R-AE-02", "practitioner"),
        ("25a", "R-AE-03", "practitioner"),
        ("25b", "R-AE-04", "practitioner"),
        ("104c", "R-AE-05", "practitioner"),
        ("25(5)", "R-AE-06", "uncertain"),
        ("18a", "R-AE-00", "uncertain"),
    ],
)
def test_titles_allow_all_work_including_self_employment(
    section: str, rule: str, confidence: str
) -> None:
    result = answer(residence_permit_section=section)
    for activity in result["activities"].values():
        assert (activity["outcome"], activity["rules"], activity["confidence"]) == (
            "allowed",
            [rule],
            confidence,
        )
        assert activity["needs_abh_permit"] is False
        assert activity["needs_ba_consent"] is False


def test_settlement_permit_is_verified_and_outside_the_wir_target_group() -> None:
    result = answer(document="settlement_permit")
    assert {a["confidence"] for a in result["activities"].values()} == {"verified"}
    assert result["programme_eligibility"]["wir"]["eligible"] is False


@pytest.mark.parametrize(
    ("reference", "rule", "warning"),
    [("2024-02-29", "R-AE-00", "section_not_in_force"), ("2024-03-01", "R-AE-16G", None)],
)
def test_section_16g_exists_from_1_march_2024(
    reference: str, rule: str, warning: str | None
) -> None:
    result = answer(reference_date=reference, residence_permit_section="16g")
    assert result["activities"]["employment"]["rules"] == [rule]
    assert (warning in codes(result)) if warning else ("section_not_in_force" not in codes(result))


def test_section_16g_does_not_allow_self_employment() -> None:
    result = answer(residence_permit_section="16g")
    assert result["activities"]["self_employment"]["outcome"] == "forbidden"
    assert result["activities"]["vocational_training"]["outcome"] == "allowed"


@pytest.mark.parametrize(
    ("reference", "rule"), [("2022-12-30", "R-AE-00"), ("2022-12-31", "R-AE-05")]
)
def test_section_104c_exists_from_31_december_2022(reference: str, rule: str) -> None:
    assert answer(reference_date=reference, residence_permit_section="104c")["activities"][
        "employment"
    ]["rules"] == [rule]


def test_missing_section_warns_and_uses_the_general_rule() -> None:
    result = answer()
    assert result["activities"]["employment"]["rules"] == ["R-AE-00"]
    assert any(
        w["code"] == "missing_input" and w["field"] == "residence_permit_section"
        for w in result["warnings"]
    )


def test_fiktionsbescheinigung_follows_the_title_but_is_uncertain() -> None:
    result = answer(document="fiktionsbescheinigung", residence_permit_section="25(2)")
    employment = result["activities"]["employment"]
    assert (employment["outcome"], employment["confidence"]) == ("allowed", "uncertain")
    assert "fiktion_check" in codes(result)


@pytest.mark.parametrize(
    ("document", "annotation", "contradiction"),
    [
        ("residence_permit", "Erwerbstätigkeit erlaubt", False),
        ("residence_permit", "Erwerbstätigkeit nicht gestattet", True),
        ("residence_permit", "Beschäftigung nur mit Erlaubnis der Ausländerbehörde", True),
        ("duldung", "Beschäftigung nur mit Erlaubnis der Ausländerbehörde", False),
        ("duldung", "Selbständige Tätigkeit nicht gestattet.", False),
        ("duldung", "Erwerbstätigkeit nicht gestattet", True),
        ("duldung_60b", "Erwerbstätigkeit nicht gestattet", False),
        ("duldung_60b", "Beschäftigung erlaubt", True),
    ],
)
def test_annotation_contradicting_the_result_is_warned(
    document: str, annotation: str, contradiction: bool
) -> None:
    result = answer(
        document=document,
        residence_permit_section="25(2)" if document == "residence_permit" else None,
        duldung_since="2023-01-01",
        asylum_decision="rejected",
        asylum_request_date="2019-01-01",
        lives_in_reception_centre=False,
        nationality="AF",
        document_annotation=annotation,
    )
    assert ("annotation_contradiction" in codes(result)) is contradiction


def test_unrecognised_annotation_is_reported() -> None:
    assert "annotation_unrecognised" in codes(
        answer(residence_permit_section="24", document_annotation="Wohnsitzauflage Köln")
    )
