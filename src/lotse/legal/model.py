"""Value types of the engine: the parsed situation, the answer and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Document(StrEnum):
    ANKUNFTSNACHWEIS = "ankunftsnachweis"
    GESTATTUNG = "gestattung"
    DULDUNG = "duldung"
    DULDUNG_60B = "duldung_60b"
    AUSBILDUNGSDULDUNG = "ausbildungsduldung"
    BESCHAEFTIGUNGSDULDUNG = "beschaeftigungsduldung"
    RESIDENCE_PERMIT = "residence_permit"
    FIKTIONSBESCHEINIGUNG = "fiktionsbescheinigung"
    SETTLEMENT_PERMIT = "settlement_permit"


ASYLUM_DOCUMENTS = frozenset({Document.ANKUNFTSNACHWEIS, Document.GESTATTUNG})
DULDUNG_DOCUMENTS = frozenset(
    {
        Document.DULDUNG,
        Document.DULDUNG_60B,
        Document.AUSBILDUNGSDULDUNG,
        Document.BESCHAEFTIGUNGSDULDUNG,
    }
)
TITLE_DOCUMENTS = frozenset(
    {Document.RESIDENCE_PERMIT, Document.FIKTIONSBESCHEINIGUNG, Document.SETTLEMENT_PERMIT}
)


class Decision(StrEnum):
    PENDING = "pending"
    REJECTED = "rejected"
    REJECTED_MANIFESTLY_UNFOUNDED = "rejected_manifestly_unfounded"
    REJECTED_INADMISSIBLE = "rejected_inadmissible"
    WITHDRAWN = "withdrawn"
    WITHDRAWN_AFTER_COUNSELLING = "withdrawn_after_counselling"
    NO_APPLICATION = "no_application"


class StayKind(StrEnum):
    PERMITTED = "permitted"
    TOLERATED = "tolerated"
    GESTATTET = "gestattet"
    # § 60b periods are not "Vorduldungszeiten" (§ 60b Abs. 5 S. 1 AufenthG): told apart.
    TOLERATED_60B = "tolerated_60b"


class Activity(StrEnum):
    EMPLOYMENT = "employment"
    VOCATIONAL_TRAINING = "vocational_training"
    INTERNSHIP = "internship"
    SELF_EMPLOYMENT = "self_employment"


class Outcome(StrEnum):
    ALLOWED = "allowed"
    ENTITLED_WITH_PERMIT = "entitled_with_permit"
    PERMIT_AS_RULE = "permit_as_rule"
    DISCRETIONARY_PERMIT = "discretionary_permit"
    FORBIDDEN = "forbidden"


class Confidence(StrEnum):
    VERIFIED = "verified"
    PRACTITIONER = "practitioner"
    UNCERTAIN = "uncertain"

    @property
    def rank(self) -> int:
        return _CONFIDENCE_RANK[self]


_CONFIDENCE_RANK = {Confidence.VERIFIED: 2, Confidence.PRACTITIONER: 1, Confidence.UNCERTAIN: 0}


def weakest(confidences: list[Confidence]) -> Confidence:
    return min(confidences, key=_CONFIDENCE_RANK.__getitem__)


class ConditionStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Basis(StrEnum):
    """What an answer's dates rest on."""

    FACTS = "facts"  # every date it used was recorded
    ASSUMED = "assumed"  # a missing date was replaced by the reference date: "at the latest"


class PathwayStatus(StrEnum):
    HELD = "held"  # the person already holds the document this pathway leads to
    MET = "met"
    WAITING = "waiting"  # only time-based conditions are missing, with known dates
    OPEN = "open"  # nothing rules it out, but some facts are unknown
    NOT_MET = "not_met"
    NOT_IN_FORCE = "not_in_force"


DOCUMENT_CHOICES: tuple[str, ...] = tuple(d.value for d in Document)
DECISION_CHOICES: tuple[str, ...] = tuple(d.value for d in Decision)
STAY_KIND_CHOICES: tuple[str, ...] = tuple(k.value for k in StayKind)
ACTIVITIES: tuple[Activity, ...] = tuple(Activity)


# --- input -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StayPeriod:
    start: date
    end: date
    kind: StayKind


@dataclass(frozen=True, slots=True)
class Finding:
    """A fact only an authority can establish; `value` None means not recorded."""

    value: bool | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class AuthorityFindings:
    entered_to_obtain_benefits: Finding = Finding()
    removal_obstructed_by_own_fault: Finding = Finding()
    removal_measures_imminent: Finding = Finding()


@dataclass(frozen=True, slots=True, kw_only=True)
class Situation:
    reference_date: date
    document: Document
    nationality: str = "unknown"
    residence_permit_section: str | None = None
    entry_date: date | None = None
    asylum_request_date: date | None = None
    asylum_application_date: date | None = None
    asylum_decision: Decision | None = None
    suspensive_effect_ordered: bool | None = None
    lives_in_reception_centre: bool | None = None
    duldung_since: date | None = None
    prior_stay: tuple[StayPeriod, ...] = ()
    identity_clarified: bool | None = None
    unaccompanied_minor: bool | None = None
    authority_findings: AuthorityFindings = AuthorityFindings()
    document_annotation: str | None = None
    document_valid_until: date | None = None
    birth_date: date | None = None
    employment_since: date | None = None
    weekly_hours: float | None = None
    has_minor_children: bool | None = None
    dublin_procedure: bool | None = None


# --- output ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    de: str
    en: str

    def to_json(self) -> dict[str, str]:
        return {"de": self.de, "en": self.en}


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    text: Text
    field: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "de": self.text.de, "en": self.text.en}
        if self.field is not None:
            data["field"] = self.field
        return data


@dataclass(frozen=True, slots=True)
class LaterStep:
    """A later change of an activity's outcome (e.g. BA consent no longer needed)."""

    start: date
    outcome: Outcome
    needs_abh_permit: bool
    needs_ba_consent: bool
    rule: str
    citations: tuple[str, ...]
    confidence: Confidence

    def to_json(self) -> dict[str, Any]:
        return {
            "from": self.start.isoformat(),
            "confidence": self.confidence.value,
            "outcome": self.outcome.value,
            "needs_abh_permit": self.needs_abh_permit,
            "needs_ba_consent": self.needs_ba_consent,
            "rule": self.rule,
            "citations": list(self.citations),
        }


@dataclass(frozen=True, slots=True)
class ActivityResult:
    activity: Activity
    outcome: Outcome
    available_from: date | None
    absolute_ban: bool
    needs_abh_permit: bool
    needs_ba_consent: bool
    citations: tuple[str, ...]
    confidence: Confidence
    explanation: Text
    rules: tuple[str, ...]
    sources: tuple[str, ...]
    later: tuple[LaterStep, ...] = ()
    available_from_basis: Basis = Basis.FACTS
    assumed_fields: tuple[str, ...] = ()  # input dates replaced by the reference date
    citation: str = ""  # the paragraph of the reported outcome (after a wait: of what follows)

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "available_from": _iso(self.available_from),
            "available_from_basis": self.available_from_basis.value,
            "assumed_fields": list(self.assumed_fields),
            "citation": self.citation,
            "absolute_ban": self.absolute_ban,
            "needs_abh_permit": self.needs_abh_permit,
            "needs_ba_consent": self.needs_ba_consent,
            "citations": list(self.citations),
            "confidence": self.confidence.value,
            "explanation": self.explanation.to_json(),
            "rules": list(self.rules),
            "sources": list(self.sources),
            "later": [step.to_json() for step in self.later],
        }


@dataclass(frozen=True, slots=True)
class Condition:
    code: str
    status: ConditionStatus
    label: Text
    met_on: date | None = None  # time-based conditions: the day they are (or were) met
    deadline: date | None = None  # the last day the condition can still be met

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "status": self.status.value,
            "label": self.label.to_json(),
        }
        if self.met_on is not None:
            data["met_on"] = self.met_on.isoformat()
        if self.deadline is not None:
            data["deadline"] = self.deadline.isoformat()
        return data


@dataclass(frozen=True, slots=True)
class Pathway:
    id: str
    citation: str
    name: Text
    status: PathwayStatus
    confidence: Confidence
    conditions: tuple[Condition, ...]
    earliest_date: date | None = None
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "citation": self.citation,
            "name": self.name.to_json(),
            "status": self.status.value,
            "earliest_date": _iso(self.earliest_date),
            "confidence": self.confidence.value,
            "rule": self.rule,
            "conditions": [c.to_json() for c in self.conditions],
        }


@dataclass(frozen=True, slots=True)
class ProgrammeEligibility:
    programme: str
    eligible: bool
    confidence: Confidence
    explanation: Text
    rule: str

    def to_json(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "confidence": self.confidence.value,
            "explanation": self.explanation.to_json(),
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class RulesetInfo:
    id: str
    valid_from: date
    valid_to: date | None
    status: str
    title: Text

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": _iso(self.valid_to),
            "status": self.status,
            "title": self.title.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    reference_date: date
    ruleset: RulesetInfo
    activities: dict[Activity, ActivityResult]
    programme_eligibility: tuple[ProgrammeEligibility, ...]
    pathways: tuple[Pathway, ...]
    warnings: tuple[Warning, ...]
    assumed_findings: dict[str, Finding] = field(default_factory=dict)
    disclaimer: Text = Text("", "")

    def to_json(self) -> dict[str, Any]:
        return {
            "reference_date": self.reference_date.isoformat(),
            "ruleset": self.ruleset.to_json(),
            "activities": {a.value: r.to_json() for a, r in self.activities.items()},
            "programme_eligibility": {p.programme: p.to_json() for p in self.programme_eligibility},
            "pathways": [p.to_json() for p in self.pathways],
            "warnings": [w.to_json() for w in self.warnings],
            "authority_findings": {
                name: {"value": f.value, "source": f.source}
                for name, f in self.assumed_findings.items()
            },
            "disclaimer": self.disclaimer.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Deadline:
    date: date
    kind: str
    label_de: str
    label_en: str
    citation: str
    subject: str  # the activity, pathway id or "document" the deadline is about
    # The event without its subject ("Wartezeit endet") and the subject's name ("Beschäftigung"),
    # so that a list can show one row per event and name everything it opens.
    event_de: str = ""
    event_en: str = ""
    subject_de: str = ""
    subject_en: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "subject": self.subject,
            "label_de": self.label_de,
            "label_en": self.label_en,
            "event_de": self.event_de,
            "event_en": self.event_en,
            "subject_de": self.subject_de,
            "subject_en": self.subject_en,
            "citation": self.citation,
        }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
