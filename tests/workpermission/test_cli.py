"""`lotse work-permission evaluate FILE|-`: JSON answer, exit status 2 and one line on bad input."""

import io
import json
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from lotse.legal import evaluate_json

ROOT = Path(__file__).resolve().parents[2]
SITUATION = {
    "reference_date": "2025-07-16",
    "document": "gestattung",
    "nationality": "SY",
    "asylum_request_date": "2025-01-15",
    "asylum_application_date": "2025-01-15",
    "asylum_decision": "pending",
    "lives_in_reception_centre": True,
    "dublin_procedure": False,
}


def test_command_prints_the_engines_answer(tmp_path: Path) -> None:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(SITUATION), encoding="utf-8")
    out = io.StringIO()
    call_command("work-permission", "evaluate", str(path), stdout=out)
    assert json.loads(out.getvalue()) == evaluate_json(SITUATION)


def test_command_reads_standard_input() -> None:
    out = io.StringIO()
    call_command(
        "work-permission", "evaluate", "-", stdin=io.StringIO(json.dumps(SITUATION)), stdout=out
    )
    assert json.loads(out.getvalue())["activities"]["employment"]["outcome"] == (
        "entitled_with_permit"
    )


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"document": "passport"}', "document"),
        ('{"document": "duldung", "duldung_since": "01.02.2024"}', "duldung_since"),
        ('{"document": "duldung", "duldung_since": "2024-02-30"}', "duldung_since"),
        ("{not json", "invalid JSON"),
    ],
)
def test_command_bad_input_exits_2_with_one_line(text: str, field: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "work-permission", "evaluate", "-", stdin=io.StringIO(text), stdout=out, stderr=err
        )
    assert exit_info.value.code == 2
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert field in lines[0]


def run(stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "lotse"), "work-permission", "evaluate", "-"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_console_script_answers_json() -> None:
    result = run(json.dumps(SITUATION))
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == evaluate_json(SITUATION)


def test_console_script_bad_input_exits_2_without_traceback() -> None:
    result = run('{"document": "gestattung", "asylum_request_date": "2025-13-01"}')
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: asylum_request_date")
    assert "Traceback" not in result.stderr
