"""The command line and the JSON contract, including every kind of malformed input."""

import io
import json
from pathlib import Path
from typing import Any

import pytest

from lotse.legal import (
    DECISION_CHOICES,
    DOCUMENT_CHOICES,
    InputError,
    evaluate_json,
    main,
    parse_situation,
)

VALID = {
    "reference_date": "2025-05-01",
    "document": "gestattung",
    "nationality": "SY",
    "asylum_request_date": "2025-01-01",
    "asylum_application_date": "2025-01-10",
    "lives_in_reception_centre": False,
}


def run(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(args, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_cli_reads_a_file_and_prints_indented_json(tmp_path: Path) -> None:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")
    status, out, err = run([str(path)])
    assert (status, err) == (0, "")
    answer = json.loads(out)
    assert answer == evaluate_json(VALID)
    assert out.startswith("{\n  ")


def test_cli_reads_standard_input() -> None:
    status, out, _ = run(["-"], json.dumps(VALID))
    assert status == 0
    assert set(json.loads(out)) >= {
        "reference_date",
        "ruleset",
        "activities",
        "programme_eligibility",
        "pathways",
        "warnings",
    }


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (
            json.dumps({**VALID, "document": "foo"}),
            "document: unknown value 'foo' (expected one of",
        ),
        (
            json.dumps({**VALID, "entry_date": "01.05.2025"}),
            "entry_date: '01.05.2025' is not a date",
        ),
        (
            json.dumps({**VALID, "entry_date": "2025-02-30"}),
            "entry_date: '2025-02-30' is not a valid calendar date",
        ),
        (
            json.dumps({**VALID, "asylum_decision": "granted"}),
            "asylum_decision: unknown value 'granted'",
        ),
        (
            json.dumps({**VALID, "nationality": "Syria"}),
            "nationality: 'Syria' is not an ISO 3166-1",
        ),
        (
            json.dumps({**VALID, "lives_in_reception_centre": "yes"}),
            "lives_in_reception_centre: expected true",
        ),
        (
            json.dumps(
                {
                    **VALID,
                    "prior_stay": [{"from": "2024-05-01", "to": "2024-04-01", "kind": "tolerated"}],
                }
            ),
            "prior_stay[0]: 'from' 2024-05-01 is after 'to' 2024-04-01",
        ),
        (
            json.dumps(
                {**VALID, "prior_stay": [{"from": "2024-01-01", "to": "2024-04-01", "kind": "x"}]}
            ),
            "prior_stay[0].kind: unknown value 'x'",
        ),
        (json.dumps({**VALID, "entry_dat": "2025-01-01"}), "entry_dat: unknown field"),
        (
            json.dumps({**VALID, "authority_findings": {"deceived": True}}),
            "authority_findings.deceived: unknown field",
        ),
        (
            json.dumps({**VALID, "birth_date": "2026-01-01", "entry_date": "2024-01-01"}),
            "entry_date: 2024-01-01 is before",
        ),
        (
            json.dumps({**VALID, "reference_date": "2019-12-31"}),
            "reference_date: 2019-12-31 is before 2020-03-01",
        ),
        (json.dumps({**VALID, "weekly_hours": True}), "weekly_hours: expected a number"),
        (json.dumps({**VALID, "residence_permit_section": "§ 25"}), "residence_permit_section:"),
        (json.dumps({k: v for k, v in VALID.items() if k != "document"}), "document: missing"),
        ('{"document": "duldung", "weekly_hours": NaN}', "weekly_hours: expected a number"),
    ],
)
def test_cli_malformed_input_exits_2_with_one_line(stdin: str, fragment: str) -> None:
    status, out, err = run(["-"], stdin)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert fragment in err
    assert "Traceback" not in err


def test_cli_unreadable_file_exits_2(tmp_path: Path) -> None:
    status, _, err = run([str(tmp_path / "missing.json")])
    assert status == 2
    assert err.startswith("error: cannot read")
    assert err.count("\n") == 1


def test_cli_wrong_number_of_arguments_exits_2() -> None:
    for args in ([], ["a.json", "b.json"]):
        status, _, err = run(args)
        assert status == 2
        assert err.count("\n") == 1


def test_input_error_names_the_field() -> None:
    with pytest.raises(InputError) as caught:
        evaluate_json({**VALID, "asylum_request_date": 20250101})
    assert caught.value.field == "asylum_request_date"
    assert caught.value.message == "expected a date string YYYY-MM-DD, got a number"


def test_missing_reference_date_defaults_to_today() -> None:
    from datetime import date

    data: dict[str, Any] = {k: v for k, v in VALID.items() if k != "reference_date"}
    assert parse_situation(data).reference_date == date.today()
    assert parse_situation(data, today=date(2025, 1, 1)).reference_date == date(2025, 1, 1)


def test_choices_are_exported() -> None:
    assert "beschaeftigungsduldung" in DOCUMENT_CHOICES
    assert "withdrawn_after_counselling" in DECISION_CHOICES
