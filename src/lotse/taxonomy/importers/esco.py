"""The occupations and skills CSV files of the ESCO download (v1.1/v1.2 layout).

``occupations_<lang>.csv``: conceptType, conceptUri, iscoGroup, preferredLabel, altLabels,
hiddenLabels, status, modifiedDate, regulatedProfessionNote, scopeNote, definition, inScheme,
description, code. ``skills_<lang>.csv``: conceptType, conceptUri, skillType, reuseLevel,
preferredLabel, altLabels, hiddenLabels, status, modifiedDate, scopeNote, definition,
inScheme, description. Comma-separated, quoted; altLabels hold one label per line. Only the
columns read here are required, so later versions with more columns still import. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lotse.taxonomy.importers.common import ImportFileError, read_rows

OCCUPATION_COLUMNS = ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels"]
SKILL_COLUMNS = ["conceptType", "conceptUri", "preferredLabel", "altLabels"]
_ISCO = re.compile(r"\d{4}")
_ESCO_CODE = re.compile(r"\d{4}(\.\d+)+")
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z]{2,4})?")


@dataclass(frozen=True)
class EscoConcept:
    uri: str
    preferred: str
    alternatives: tuple[str, ...]
    isco_code: str = ""
    code: str = ""  # the ESCO hierarchy code, e.g. "2654.1.7" (occupations, v1.1 on)
    skill_type: str = ""
    reuse_level: str = ""


def _alternatives(text: str, preferred: str) -> tuple[str, ...]:
    seen = {preferred}
    labels = []
    for label in (part.strip() for part in text.splitlines()):
        if label and label not in seen:
            seen.add(label)
            labels.append(label)
    return tuple(labels)


def _concept(path: Path, line: int, values: dict[str, str], concept_type: str) -> EscoConcept:
    kind = values["conceptType"].strip()
    if kind != concept_type:
        raise ImportFileError(line, f"conceptType must be {concept_type}, not {kind!r}", str(path))
    uri = values["conceptUri"].strip()
    if not uri.startswith(("http://", "https://")) or len(uri) > 200:
        raise ImportFileError(line, f"conceptUri {uri!r} is not a URI", str(path))
    preferred = values["preferredLabel"].strip()
    if not preferred:
        raise ImportFileError(line, "preferredLabel is empty", str(path))
    if len(preferred) > 300:
        raise ImportFileError(line, "preferredLabel is longer than 300 characters", str(path))
    alternatives = _alternatives(values["altLabels"], preferred)
    if any(len(label) > 300 for label in alternatives):
        raise ImportFileError(line, "an altLabel is longer than 300 characters", str(path))
    return EscoConcept(uri=uri, preferred=preferred, alternatives=alternatives)


def parse_occupations(path: Path) -> list[EscoConcept]:
    _header, rows = read_rows(path, delimiter=",", required=OCCUPATION_COLUMNS)
    concepts: dict[str, EscoConcept] = {}
    for row in rows:
        concept = _concept(path, row.line, row.values, "Occupation")
        isco = row.values["iscoGroup"].strip()
        if not _ISCO.fullmatch(isco):
            raise ImportFileError(row.line, f"iscoGroup {isco!r} is not a 4-digit code", str(path))
        code = row.values.get("code", "").strip()
        if code and not _ESCO_CODE.fullmatch(code):
            raise ImportFileError(row.line, f"code {code!r} is not an ESCO code", str(path))
        if concept.uri in concepts:
            raise ImportFileError(row.line, f"{concept.uri} appears twice", str(path))
        concepts[concept.uri] = EscoConcept(
            uri=concept.uri,
            preferred=concept.preferred,
            alternatives=concept.alternatives,
            isco_code=isco,
            code=code,
        )
    return list(concepts.values())


def parse_skills(path: Path) -> list[EscoConcept]:
    _header, rows = read_rows(path, delimiter=",", required=SKILL_COLUMNS)
    concepts: dict[str, EscoConcept] = {}
    for row in rows:
        concept = _concept(path, row.line, row.values, "KnowledgeSkillCompetence")
        if concept.uri in concepts:
            raise ImportFileError(row.line, f"{concept.uri} appears twice", str(path))
        concepts[concept.uri] = EscoConcept(
            uri=concept.uri,
            preferred=concept.preferred,
            alternatives=concept.alternatives,
            skill_type=row.values.get("skillType", "").strip()[:40],
            reuse_level=row.values.get("reuseLevel", "").strip()[:40],
        )
    return list(concepts.values())


def esco_files(folder: Path, language: str) -> tuple[Path, Path | None]:
    """The occupations file (required) and the skills file (optional) for one language."""
    if not LANGUAGE.fullmatch(language):
        raise ImportFileError(0, f"{language!r} is not a language code", str(folder))
    occupations = folder / f"occupations_{language}.csv"
    if not occupations.is_file():
        raise ImportFileError(0, f"{occupations.name} is missing", str(folder))
    skills = folder / f"skills_{language}.csv"
    return occupations, skills if skills.is_file() else None
