"""`lotse work-permission evaluate FILE|-`: JSON in, JSON answer out, exit status 2 on bad input."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from .engine import evaluate
from .parse import InputError, parse_situation

USAGE = "usage: lotse work-permission evaluate FILE|-  (JSON input; '-' reads standard input)"


def evaluate_json(data: Any) -> dict[str, Any]:
    """The issue's JSON contract: parsed input in, JSON-serialisable answer out."""
    return evaluate(parse_situation(data)).to_json()


def _fail(stderr: TextIO, message: str) -> int:
    # One line, whatever the message contained, so scripts can show it as it is.
    stderr.write("error: " + " ".join(message.split()) + "\n")
    return 2


def main(
    argv: list[str] | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    args = sys.argv[1:] if argv is None else argv
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if args in (["-h"], ["--help"]):
        stdout.write(USAGE + "\n")
        return 0
    if len(args) != 1:
        return _fail(stderr, f"expected exactly one argument, FILE or '-' ({USAGE})")
    try:
        if args[0] == "-":
            text = stdin.read()
        else:
            with open(args[0], encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        return _fail(stderr, f"cannot read {args[0]}: {getattr(error, 'strerror', None) or error}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return _fail(
            stderr, f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        )
    except RecursionError:
        return _fail(stderr, "invalid JSON: nested too deeply")
    try:
        answer = evaluate_json(data)
    except InputError as error:
        return _fail(stderr, f"{error.field}: {error.message}")
    stdout.write(json.dumps(answer, indent=2, ensure_ascii=False) + "\n")
    return 0
