"""Reads: a participant (or a whole caseload) as the engine's `Situation`, the assessment for
the panel and the deadline radar computed in one batch."""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from lotse.core.reference import NationalityStatus
from lotse.legal import (
    AuthorityFindings,
    Deadline,
    Decision,
    Document,
    Finding,
    Situation,
    StayKind,
    StayPeriod,
    radar_batch,
)
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.participants.access import visible_participants
from lotse.participants.enums import DocumentType, ParticipantStatus
from lotse.participants.models import Participant
from lotse.workpermission.enums import FINDINGS, FindingValue
from lotse.workpermission.models import ResidenceFacts

# --- mapping the product's data onto the engine's vocabulary ------------------------------------

# participants.enums.DocumentType -> lotse.legal.Document (only the Fiktionsbescheinigung differs)
DOCUMENT_MAP: dict[str, Document] = {
    DocumentType.ANKUNFTSNACHWEIS: Document.ANKUNFTSNACHWEIS,
    DocumentType.GESTATTUNG: Document.GESTATTUNG,
    DocumentType.DULDUNG: Document.DULDUNG,
    DocumentType.DULDUNG_60B: Document.DULDUNG_60B,
    DocumentType.AUSBILDUNGSDULDUNG: Document.AUSBILDUNGSDULDUNG,
    DocumentType.BESCHAEFTIGUNGSDULDUNG: Document.BESCHAEFTIGUNGSDULDUNG,
    DocumentType.RESIDENCE_PERMIT: Document.RESIDENCE_PERMIT,
    DocumentType.FICTIONAL_CERTIFICATE: Document.FIKTIONSBESCHEINIGUNG,
    DocumentType.SETTLEMENT_PERMIT: Document.SETTLEMENT_PERMIT,
}
# Documents whose paragraph decides the answer; for the others a printed "§ 60a" is noise.
SECTION_DOCUMENTS = frozenset({Document.RESIDENCE_PERMIT, Document.FIKTIONSBESCHEINIGUNG})

# The engine tells these sections apart by paragraph (§ 25 Abs. 1–5); for all others (§ 25a,
# § 24, § 16g, § 104c) the paragraph is dropped: "§ 25a Abs. 1" is "25a".
_BY_PARAGRAPH = frozenset({"25"})
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
_SECTION_TEXT = re.compile(
    r"""
    (?P<number>\d{1,3})
    (?:(?P<letter>[a-z])(?![a-z])|\s(?P<spaced>[a-hj-uwyz])(?![a-z]))?   # 25a, 25 b (not 25 V)
    (?:\s*
        (?:abs(?:atz|\.)?\s*(?P<abs>\d{1,2}|[ivx]{1,4}\b)     # Abs. 2, Absatz 2, Abs. II
          |\(\s*(?P<paren>\d{1,2})\s*\)                         # (2)
          |\s(?P<roman>[ivx]{1,4})\b                            # 25 II
        )
    )?
    """,
    re.VERBOSE,
)


@lru_cache(maxsize=4096)
def parse_section(text: str | None) -> str | None:
    """A paragraph as printed ("§ 25 Abs. 2 S. 1 AufenthG", "§25a Abs. 1", "25 II") -> "25(2)",
    "25a".

    Tolerant of spacing, "Abs."/"Absatz", brackets and Roman numerals; the first paragraph
    number wins. None when the text names no paragraph (the engine then warns).
    """
    if not text:
        return None
    cleaned = text.lower().replace("§", " ").replace("\u00a0", " ")
    cleaned = re.sub(r"\b(aufenthg|aufenthaltsgesetz|asylg|beschv)\b", " ", cleaned)
    match = _SECTION_TEXT.search(cleaned.strip())
    if match is None:
        return None
    section = match["number"].lstrip("0") or "0"
    letter = match["letter"] or match["spaced"]
    if letter:
        section += letter
    paragraph = match["abs"] or match["paren"] or match["roman"]
    if paragraph and section in _BY_PARAGRAPH:
        number = _ROMAN.get(paragraph) if not paragraph.isdigit() else int(paragraph)
        if number:
            section += f"({number})"
    return section


@lru_cache(maxsize=1024)
def nationality_code(value: str) -> str:
    """Participant.nationality -> the engine's nationality ("unclear" is the engine's "unknown")."""
    if value == NationalityStatus.STATELESS:
        return "stateless"
    code = (value or "").upper()
    if len(code) == 2 and code.isalpha() and code.isascii():
        return code
    return "unknown"


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


_NOT_RECORDED = AuthorityFindings()
_DECISIONS = {d.value: d for d in Decision}


def _finding(value: str, source: str) -> Finding:
    if value == FindingValue.YES:
        return Finding(True, source or None)
    if value == FindingValue.NO:
        return Finding(False, source or None)
    return Finding()


def _stays(raw: Iterable[Mapping[str, str]]) -> tuple[StayPeriod, ...]:
    periods = [
        StayPeriod(
            datetime.date.fromisoformat(item["from"]),
            datetime.date.fromisoformat(item["to"]),
            StayKind(item["kind"]),
        )
        for item in raw
    ]
    return tuple(sorted(periods, key=lambda p: p.start))


FACT_FIELDS = (
    "entry_date",
    "asylum_request_date",
    "asylum_application_date",
    "asylum_decision",
    "suspensive_effect_ordered",
    "lives_in_reception_centre",
    "duldung_since",
    "identity_clarified",
    "unaccompanied_minor",
    "has_minor_children",
    "dublin_procedure",
    "employment_since",
    "weekly_hours",
    "prior_stays",
    *FINDINGS,
    *(f"{name}_source" for name in FINDINGS),
)


def build_situation(
    *,
    reference_date: datetime.date,
    document_type: str,
    section: str,
    valid_until: datetime.date | None,
    annotation: str,
    nationality: str,
    birth_date: datetime.date | None,
    facts: Mapping[str, Any] | None,
) -> Situation:
    """The one mapping from stored values to the engine's input, for page and radar alike."""
    document = DOCUMENT_MAP[document_type]
    f = facts or {}
    hours = f.get("weekly_hours")
    decision = f.get("asylum_decision")
    findings = _NOT_RECORDED
    if any(f.get(name) not in (None, "", FindingValue.UNKNOWN) for name in FINDINGS):
        findings = AuthorityFindings(
            *(_finding(f[name], f.get(f"{name}_source") or "") for name in FINDINGS)
        )
    return Situation(
        reference_date=reference_date,
        document=document,
        nationality=nationality_code(nationality),
        residence_permit_section=parse_section(section) if document in SECTION_DOCUMENTS else None,
        entry_date=f.get("entry_date"),
        asylum_request_date=f.get("asylum_request_date"),
        asylum_application_date=f.get("asylum_application_date"),
        asylum_decision=_DECISIONS[decision] if decision else None,
        suspensive_effect_ordered=_bool(f.get("suspensive_effect_ordered")),
        lives_in_reception_centre=_bool(f.get("lives_in_reception_centre")),
        duldung_since=f.get("duldung_since"),
        prior_stay=_stays(f["prior_stays"]) if f.get("prior_stays") else (),
        identity_clarified=_bool(f.get("identity_clarified")),
        unaccompanied_minor=_bool(f.get("unaccompanied_minor")),
        authority_findings=findings,
        document_annotation=annotation or None,
        document_valid_until=valid_until,
        birth_date=birth_date,
        employment_since=f.get("employment_since"),
        weekly_hours=float(hours) if isinstance(hours, Decimal | int | float) else None,
        has_minor_children=_bool(f.get("has_minor_children")),
        dublin_procedure=_bool(f.get("dublin_procedure")),
    )


def facts_for(participant: Participant) -> ResidenceFacts | None:
    return ResidenceFacts.objects.filter(participant=participant).first()


# Model fields that say nothing about the person: the export leaves them out.
_INTERNAL = frozenset({"id", "participant", "version", "updated_at", "updated_by", "created_at"})


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def facts_export(participant: Participant) -> dict[str, Any]:
    """The section's part of the subject-access export (Art. 15 GDPR)."""
    fields = [f.attname for f in ResidenceFacts._meta.concrete_fields if f.name not in _INTERNAL]
    rows = ResidenceFacts.objects.filter(participant=participant).values(*fields)
    return {"residence_facts": [{k: _iso(v) for k, v in row.items()} for row in rows]}


def situation_for_participant(
    participant: Participant, facts: ResidenceFacts | None, reference_date: datetime.date
) -> Situation | None:
    """The participant's current document and facts as the engine's input; None without a
    document (there is nothing to assess)."""
    document = participant.current_document
    if document is None:
        return None
    return build_situation(
        reference_date=reference_date,
        document_type=document.document_type,
        section=document.section,
        valid_until=document.valid_until,
        annotation=document.annotation,
        nationality=participant.nationality,
        birth_date=participant.birth_date,
        facts=None if facts is None else {name: getattr(facts, name) for name in FACT_FIELDS},
    )


# --- the deadline radar -------------------------------------------------------------------------

_ROW_FIELDS = (
    "pk",
    "first_names",
    "last_name",
    "file_number",
    "nationality",
    "birth_date",
    "current_document__document_type",
    "current_document__section",
    "current_document__valid_until",
    "current_document__annotation",
    "residence_facts__pk",
    *(f"residence_facts__{name}" for name in FACT_FIELDS),
)
_FACT_PREFIX = len("residence_facts__")


@dataclass(frozen=True)
class RadarEntry:
    """One row of the radar: a person and one event, with everything it opens or concerns (the
    end of a waiting period opens employment, training and internship on one day)."""

    participant_id: int
    name: str
    file_number: str
    deadline: Deadline
    also: tuple[Deadline, ...] = ()  # the same event for further activities or pathways

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        return (self.deadline, *self.also)


@dataclass(frozen=True)
class IncompleteFacts:
    """A person whose answer counts from the reference date because these dates are missing."""

    participant_id: int
    name: str
    file_number: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class RadarResult:
    entries: list[RadarEntry]
    incomplete: list[IncompleteFacts]


def radar_participants(user: User | AnonymousUser) -> QuerySet[Participant]:
    """Whose deadlines a user watches: a counsellor their own caseload, a team lead the
    organisation's. Closed cases and people without a document are left out."""
    membership = membership_of(user)
    if membership is None or membership.role not in CASE_ROLES:
        return Participant.objects.none()
    participants = visible_participants(user).filter(
        organisation_id=membership.organisation_id, current_document__isnull=False
    )
    if membership.role != Role.TEAM_LEAD:
        participants = participants.filter(counsellor_id=membership.user_id)
    return participants.exclude(status=ParticipantStatus.EXITED)


def radar_entries(
    participants: QuerySet[Participant], today: datetime.date, horizon_days: int
) -> RadarResult:
    """One query for participants, documents and facts, then one engine batch: the deadlines
    computed from facts and, apart, the people whose answer rests on missing dates."""
    rows = list(participants.values_list(*_ROW_FIELDS).order_by())
    fact_names = [name[_FACT_PREFIX:] for name in _ROW_FIELDS[11:]]
    return _entries(rows, fact_names, today, horizon_days)


def _entries(
    rows: list[tuple[Any, ...]], fact_names: list[str], today: datetime.date, horizon_days: int
) -> RadarResult:
    situations = []
    for row in rows:
        facts = dict(zip(fact_names, row[11:], strict=True)) if row[10] is not None else None
        situations.append(
            build_situation(
                reference_date=today,
                document_type=row[6],
                section=row[7],
                valid_until=row[8],
                annotation=row[9],
                nationality=row[4],
                birth_date=row[5],
                facts=facts,
            )
        )
    entries: list[RadarEntry] = []
    incomplete: list[IncompleteFacts] = []
    for row, found in zip(rows, radar_batch(situations, today, horizon_days), strict=True):
        name = f"{row[1]} {row[2]}"
        events: dict[tuple[Any, ...], list[Deadline]] = {}
        for deadline in found.deadlines:
            key = (deadline.date, deadline.kind, deadline.event_en)
            events.setdefault(key, []).append(deadline)
        entries.extend(
            RadarEntry(row[0], name, row[3], first, tuple(rest)) for first, *rest in events.values()
        )
        if found.assumed_fields:
            incomplete.append(IncompleteFacts(row[0], name, row[3], found.assumed_fields))
    entries.sort(key=lambda e: (e.deadline.date, e.name, e.participant_id))
    incomplete.sort(key=lambda p: (p.name, p.participant_id))
    return RadarResult(entries, incomplete)
