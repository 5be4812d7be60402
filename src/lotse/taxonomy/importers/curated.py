"""Lotse's curated occupations (``taxonomy/data/occupations.csv``), written by the project.

One line per occupation: a stable key, the KldB 2010 5-digit code, the ISCO-08 unit group,
whether it is a recognised training occupation (Ausbildungsberuf: BBiG/HwO or a federal
health-profession training), and labels in German, English, Arabic, Dari/Farsi (``fa``; Dari
words are added as alternatives) and Ukrainian. Within a language the first label is the
preferred one, further labels after ``;`` are alternatives. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lotse.taxonomy.importers.common import ImportFileError, read_rows

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "occupations.csv"
LANGUAGES = ("de", "en", "ar", "fa", "uk")
COLUMNS = ["key", "kldb_code", "isco_code", "ausbildungsberuf", *LANGUAGES]
_KEY = re.compile(r"[a-z0-9_]{2,60}")


@dataclass(frozen=True)
class CuratedOccupation:
    key: str
    kldb_code: str
    isco_code: str
    is_ausbildungsberuf: bool
    labels: dict[str, tuple[str, ...]]  # language → (preferred, *alternatives)


def parse_curated(path: Path = DATA_FILE) -> list[CuratedOccupation]:
    _header, rows = read_rows(path, delimiter=",", required=COLUMNS)
    result: dict[str, CuratedOccupation] = {}
    for row in rows:
        v = row.values
        key = v["key"].strip()
        if not _KEY.fullmatch(key) or key in result:
            raise ImportFileError(row.line, f"key {key!r} is invalid or repeated", str(path))
        kldb, isco = v["kldb_code"].strip(), v["isco_code"].strip()
        if not (len(kldb) == 5 and kldb.isdigit() and kldb[4] in "1234"):
            raise ImportFileError(row.line, f"{kldb!r} is not a 5-digit KldB code", str(path))
        if not (len(isco) == 4 and isco.isdigit()):
            raise ImportFileError(row.line, f"{isco!r} is not an ISCO-08 unit group", str(path))
        if v["ausbildungsberuf"] not in {"yes", "no"}:
            raise ImportFileError(row.line, "ausbildungsberuf must be yes or no", str(path))
        labels = {}
        for language in LANGUAGES:
            parts = tuple(dict.fromkeys(p.strip() for p in v[language].split(";") if p.strip()))
            if not parts:
                raise ImportFileError(row.line, f"no {language} label", str(path))
            labels[language] = parts
        result[key] = CuratedOccupation(key, kldb, isco, v["ausbildungsberuf"] == "yes", labels)
    return list(result.values())
