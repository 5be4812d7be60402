"""The Bundesagentur für Arbeit's KldB 2010 (Fassung 2020) CSV, as it is downloaded.

UTF-8 with BOM, ``;``-separated, every line ending in a separator; header
``Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;…``. The key column drops leading zeros
(``1104`` is ``01104``), so the key is padded to the length of its level: level *n* has *n*
digits. Pure: returns records, writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lotse.taxonomy.importers.common import ImportFileError, read_rows

KEY = "Schlüssel KldB 2010, V. 2020"
REQUIRED = [KEY, "Ebene", "Titel", "Kurztitel"]


@dataclass(frozen=True)
class KldbRecord:
    code: str
    level: int
    title: str
    short_title: str
    line: int

    @property
    def parent_code(self) -> str:
        return self.code[:-1] if self.level > 1 else ""


def parse_kldb(path: Path) -> list[KldbRecord]:
    """All records of the file, or ImportFileError for the first line that is wrong."""
    _header, rows = read_rows(path, delimiter=";", required=REQUIRED, header_check=KEY)
    records: list[KldbRecord] = []
    seen: dict[str, int] = {}
    for row in rows:
        key = row.values[KEY].strip()
        level_text = row.values["Ebene"].strip()
        if level_text not in {"1", "2", "3", "4", "5"}:
            raise ImportFileError(row.line, f"level must be 1 to 5, not {level_text!r}", str(path))
        level = int(level_text)
        if not key.isdigit() or not key.isascii():
            raise ImportFileError(row.line, f"key {key!r} is not a number", str(path))
        if len(key) > level:
            raise ImportFileError(
                row.line, f"key {key} has more digits than level {level} allows", str(path)
            )
        code = key.zfill(level)
        if code in seen:
            raise ImportFileError(
                row.line, f"code {code} already appears in line {seen[code]}", str(path)
            )
        title = row.values["Titel"].strip()
        if not title:
            raise ImportFileError(row.line, "the title is empty", str(path))
        seen[code] = row.line
        records.append(KldbRecord(code, level, title, row.values["Kurztitel"].strip(), row.line))
    if not records:
        raise ImportFileError(1, "the file has no classification lines", str(path))
    for record in records:
        # A key whose padding does not fit its level (e.g. "11" on level 5 → "00011") has no
        # parent in the file: the key and the level disagree.
        if record.level > 1 and record.parent_code not in seen:
            raise ImportFileError(
                record.line,
                f"key and level do not match: {record.code} has no parent {record.parent_code}",
                str(path),
            )
    return records
