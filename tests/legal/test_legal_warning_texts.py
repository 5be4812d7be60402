"""Warnings name the situation's fields as the work-permission form does, never by their
internal names ("asylum_request_date")."""

import re
from typing import Any

import pytest

from lotse.legal import evaluate_json

INTERNAL_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")

SITUATIONS: list[dict[str, Any]] = [
    # No dates of the asylum procedure: both periods counted from the reference date.
    {"document": "ankunftsnachweis", "asylum_decision": None, "dublin_procedure": None},
    # A Duldung without its start and without the authority's findings.
    {"document": "duldung", "authority_findings": None},
    # A safe country of origin without the date of the asylum request: the ban is assumed.
    {"document": "gestattung", "nationality": "GH", "asylum_decision": None},
    # Dates in the wrong order.
    {
        "document": "gestattung",
        "entry_date": "2024-05-01",
        "asylum_request_date": "2024-03-01",
        "asylum_application_date": "2024-02-01",
    },
]


@pytest.mark.parametrize("situation", SITUATIONS)
def test_warnings_name_fields_as_the_form_does(situation: dict[str, Any]) -> None:
    result = evaluate_json({"reference_date": "2025-05-01", "nationality": "SY", **situation})
    about_fields = [w for w in result["warnings"] if w.get("field")]
    assert about_fields
    for warning in about_fields:
        for language in ("de", "en"):
            assert not INTERNAL_NAME.search(warning[language]), warning[language]


def test_dates_in_the_wrong_order_are_named_in_german() -> None:
    result = evaluate_json({"reference_date": "2025-05-01", "nationality": "SY", **SITUATIONS[3]})
    texts = [w["de"] for w in result["warnings"] if w["code"] == "inconsistent_dates"]
    assert (
        "Die Daten passen nicht zusammen: „Asylgesuch“ liegt vor „Einreise nach Deutschland“."
        in texts
    )


def test_a_reference_date_after_the_document_expired_is_warned() -> None:
    situation = {
        "reference_date": "2027-06-20",
        "nationality": "SY",
        "document": "residence_permit",
        "residence_permit_section": "25(2)",
        "document_valid_until": "2027-06-16",
    }
    codes = {w["code"]: w for w in evaluate_json(situation)["warnings"]}
    assert codes["document_expired"]["de"].startswith(
        "Das Dokument war nur bis zum 16.06.2027 gültig."
    )
    situation["reference_date"] = "2027-06-16"
    assert "document_expired" not in {w["code"] for w in evaluate_json(situation)["warnings"]}
