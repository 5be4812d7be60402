"""One timeline of a case, newest first: contacts with their next steps, status changes,
documents; and the open next steps. Made from the rows of `case_file.py` as display text, so
the page's template only places strings (as the caseload does, see `caseload.py`)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.core.reference import language_name
from lotse.participants.case_file import CaseFile, full_name
from lotse.participants.enums import (
    ContactForm,
    ExitOutcome,
    ParticipantStatus,
    Topic,
    document_title,
)
from lotse.participants.models import Participant


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
    open_steps: list[NextStepRow]  # by due date, undated last


def participant_timeline(participant: Participant, case_file: CaseFile) -> Timeline:
    contacts = case_file.contacts
    organisation_of = {c["pk"]: c["organisation_id"] for c in contacts}
    steps_of: defaultdict[int | None, list[NextStepRow]] = defaultdict(list)
    open_steps = []
    for s in case_file.next_steps:
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
            name = full_name(
                c["counsellor__first_name"], c["counsellor__last_name"], c["counsellor__username"]
            )
            details = f"{details} · {name}"
        entry = TimelineEntry(
            short_date(c["took_place_on"]), "contact", text, details, c["note"], steps_of[c["pk"]]
        )
        keyed.append(((c["took_place_on"], c["created_at"]), entry))
    statuses = dict(ParticipantStatus.choices)
    outcomes = dict(ExitOutcome.choices)
    for s in case_file.status_changes:
        text = str(statuses.get(s["status"], s["status"]))
        if s["exit_outcome"]:
            text = f"{text} – {outcomes.get(s['exit_outcome'], s['exit_outcome'])}"
        entry = TimelineEntry(short_date(s["effective_on"]), "status", text)
        keyed.append(((s["effective_on"], s["recorded_at"]), entry))
    for d in case_file.documents:
        text = document_title(d.document_type, d.section)
        entry = TimelineEntry(short_date(d.effective_on), "document", text)
        keyed.append(((d.effective_on, d.recorded_at), entry))
    # Stable: entries of the same moment keep the order contacts, status changes, documents.
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    return Timeline([entry for _key, entry in keyed], open_steps)
