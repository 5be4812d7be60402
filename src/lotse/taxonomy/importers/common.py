"""What the importers share: reading a whole CSV file strictly, and the one error they raise."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class ImportFileError(Exception):
    """A file that cannot be imported: ``line`` is the 1-based physical line in the file."""

    def __init__(self, line: int, reason: str, path: str = "") -> None:
        super().__init__(f"{path + ': ' if path else ''}line {line}: {reason}")
        self.line = line
        self.reason = reason
        self.path = path


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def read_text(path: Path) -> str:
    """UTF-8 with or without BOM; a byte that is not UTF-8 is refused with its line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(line, "the file is not UTF-8 text", str(path)) from None


def read_rows(
    path: Path, *, delimiter: str, required: list[str], header_check: str = ""
) -> tuple[list[str], Iterator[Row]]:
    """The header and a generator of rows as dicts. Quoting errors, short rows and rows with
    extra fields are refused with their line; blank lines are skipped."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(1, "the file is empty", str(path)) from None
    except csv.Error as error:
        raise ImportFileError(1, f"broken quoting ({error})", str(path)) from None
    header = [name.strip() for name in header]
    missing = [name for name in required if name not in header]
    if missing or (header_check and header[0] != header_check):
        expected = header_check or ", ".join(required)
        raise ImportFileError(1, f"unexpected header, expected {expected}", str(path))

    def rows() -> Iterator[Row]:
        start = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportFileError(start, f"broken quoting ({error})", str(path)) from None
            line, start = start, reader.line_num + 1
            if not any(value.strip() for value in values):
                continue
            # The BA's file ends every line with a separator: one empty field more than the header.
            while len(values) > len(header) and values[-1] == "":
                values.pop()
            if len(values) != len(header):
                raise ImportFileError(
                    line, f"expected {len(header)} fields, found {len(values)}", str(path)
                )
            yield Row(line, dict(zip(header, values, strict=True)))

    return header, rows()
