"""One timeline of a case, newest first: contacts with their next steps, status changes,
documents; and the open next steps. Read with `.values()` and turned into display text here, so
the page's template only places strings (as the caseload does, see `caseload.py`)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.core.reference import language_name
from lotse.participants.enums import ContactForm, ExitOutcome, ParticipantStatus, Topic
from lotse.participants.models import Participant, ResidenceDocument


@dataclass(frozen=True, slots=True)
class NextStepRow:
    pk: int
    contact_id: int | None
    contact_organisation_id: int | None
    description: str
    due_on: datetime.date | None
    due: str  # `due_on` as display text
    done: bool


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    on: str  # the day as display text
    kind: str  # "contact", "status" or "document"
    text: str  # what the entry says (a contact: its form, length and organisation)
    details: str = ""  # a contact: topics, interpreter, counsellor
    note: str = ""
    steps: list[NextStepRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Timeline:
    entries: list[TimelineEntry]
    open_steps: list[NextStepRow]  # in their model order (due date)


def _full_name(first_name: str, last_name: str, username: str) -> str:
    """What `user.get_full_name() or user.username` shows, from values read without the user."""
    return f"{first_name} {last_name}".strip() or username


def participant_timeline(participant: Participant, documents: list[ResidenceDocument]) -> Timeline:
    """`documents`: the participant's residence documents, which the page has already read."""
    contacts = list(
        participant.contacts.values(
            "pk",
            "took_place_on",
            "created_at",
            "form",
            "duration_minutes",
            "organisation_id",
            "organisation__name",
            "topics",
            "interpreter_language",
            "counsellor_id",
            "counsellor__first_name",
            "counsellor__last_name",
            "counsellor__username",
            "note",
        )
    )
    # One query for all next steps: the open ones for the page, each contact's for its entry.
    organisation_of = {c["pk"]: c["organisation_id"] for c in contacts}
    steps_of: defaultdict[int | None, list[NextStepRow]] = defaultdict(list)
    open_steps = []
    # Undated steps last on every database, as the caseload's next step (SQLite puts NULL first).
    next_steps = participant.next_steps.order_by(F("due_on").asc(nulls_last=True), "pk")
    for s in next_steps.values("pk", "contact_id", "description", "due_on", "done_on"):
        step = NextStepRow(
            pk=s["pk"],
            contact_id=s["contact_id"],
            contact_organisation_id=organisation_of.get(s["contact_id"]),
            description=s["description"],
            due_on=s["due_on"],
            due=short_date(s["due_on"]),
            done=s["done_on"] is not None,
        )
        steps_of[step.contact_id].append(step)
        if not step.done:
            open_steps.append(step)
    forms = dict(ContactForm.choices)
    topics = {code: str(label) for code, label in Topic.choices}
    languages: dict[str, str] = {}
    contact_label, minutes_label = _("Counselling contact"), _("min.")
    interpreter_label = _("interpreter")
    keyed: list[tuple[tuple[Any, ...], TimelineEntry]] = []
    for c in contacts:
        form = forms.get(c["form"], c["form"])
        text = f"{contact_label} ({form}, {c['duration_minutes']} {minutes_label})"
        if c["organisation_id"] != participant.organisation_id:
            text = f"{text} · {c['organisation__name']}"
        details = ", ".join(topics.get(code, code) for code in c["topics"])
        interpreter = c["interpreter_language"]
        if interpreter:
            if interpreter not in languages:
                languages[interpreter] = language_name(interpreter)
            details = f"{details} · {interpreter_label}: {languages[interpreter]}"
        if c["counsellor_id"] is not None:
            name = _full_name(
                c["counsellor__first_name"], c["counsellor__last_name"], c["counsellor__username"]
            )
            details = f"{details} · {name}"
        entry = TimelineEntry(
            short_date(c["took_place_on"]), "contact", text, details, c["note"], steps_of[c["pk"]]
        )
        keyed.append(((c["took_place_on"], c["created_at"]), entry))
    statuses = dict(ParticipantStatus.choices)
    outcomes = dict(ExitOutcome.choices)
    for s in participant.status_changes.values(
        "status", "exit_outcome", "effective_on", "recorded_at"
    ):
        text = str(statuses.get(s["status"], s["status"]))
        if s["exit_outcome"]:
            text = f"{text} – {outcomes.get(s['exit_outcome'], s['exit_outcome'])}"
        entry = TimelineEntry(short_date(s["effective_on"]), "status", text)
        keyed.append(((s["effective_on"], s["recorded_at"]), entry))
    for d in documents:
        text = d.get_document_type_display()
        if d.section:
            text = f"{text} {d.section}"
        entry = TimelineEntry(short_date(d.effective_on), "document", text)
        keyed.append(((d.effective_on, d.recorded_at), entry))
    # Stable: entries of the same moment keep the order contacts, status changes, documents.
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return Timeline([entry for _key, entry in keyed], open_steps)
