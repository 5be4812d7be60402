"""The kernel's own entries of a case's timeline (contacts with their next steps, status
changes, documents) and the open next steps, as display text. The timeline itself is the
registry's (`sections.case_timeline`): other apps add their entries the same way."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.core.reference import language_name
from lotse.participants.access import CaseAccess
from lotse.participants.enums import (
    ContactForm,
    ExitOutcome,
    ParticipantStatus,
    Topic,
    document_title,
)
from lotse.participants.sections import TimelineEntry
from lotse.participants.selectors import (
    contacts_of,
    documents_of,
    next_steps_of,
    status_changes_of,
)


@dataclass(frozen=True, slots=True)
class NextStepRow:
    pk: int
    contact_id: int | None
    contact_organisation_id: int | None
    description: str
    due_on: datetime.date | None
    due: str  # `due_on` as display text
    done: bool


def next_step_rows(case: CaseAccess) -> list[NextStepRow]:
    """By due date, undated last; made once per request (the open steps and the timeline)."""

    def rows() -> list[NextStepRow]:
        return [
            NextStepRow(
                pk=s.pk,
                contact_id=s.contact_id,
                contact_organisation_id=s.contact_organisation_id,  # type: ignore[attr-defined]
                description=s.description,
                due_on=s.due_on,
                due=short_date(s.due_on),
                done=s.done_on is not None,
            )
            for s in next_steps_of(case)
        ]

    return case.loaded("participants.next_step_rows", rows)


def contact_entries(case: CaseAccess) -> list[TimelineEntry]:
    steps_of: defaultdict[int | None, list[NextStepRow]] = defaultdict(list)
    for step in next_step_rows(case):
        steps_of[step.contact_id].append(step)
    forms = dict(ContactForm.choices)
    topics = {code: str(label) for code, label in Topic.choices}
    languages: dict[str, str] = {}
    contact_label = _("Counselling contact")
    entries = []
    for c in contacts_of(case):
        form = forms.get(c.form, c.form)
        text = _("Counselling contact (%(form)s, %(minutes)s min.)") % {
            "form": form,
            "minutes": c.duration_minutes,
        }
        if c.organisation_id != case.participant.organisation_id:
            text = f"{text} · {c.organisation.name}"
        details = ", ".join(topics.get(code, code) for code in c.topics)
        interpreter = c.interpreter_language
        if interpreter:
            if interpreter not in languages:
                languages[interpreter] = language_name(interpreter)
            interpreting = _("interpreter: %(language)s") % {"language": languages[interpreter]}
            details = f"{details} · {interpreting}"
        if c.counsellor is not None:
            details = f"{details} · {c.counsellor.get_full_name() or c.counsellor.get_username()}"
        entries.append(
            TimelineEntry(
                day=c.took_place_on,
                moment=c.created_at,
                label=contact_label,
                text=text,
                template="participants/timeline_contact.html",
                details=details,
                note=c.note,
                steps=steps_of[c.pk],
            )
        )
    return entries


def status_entries(case: CaseAccess) -> list[TimelineEntry]:
    statuses = dict(ParticipantStatus.choices)
    outcomes = dict(ExitOutcome.choices)
    label = _("Status")
    entries = []
    for s in status_changes_of(case):
        text = str(statuses.get(s.status, s.status))
        if s.exit_outcome:
            text = f"{text} – {outcomes.get(s.exit_outcome, s.exit_outcome)}"
        entries.append(TimelineEntry(s.effective_on, s.recorded_at, label, text))
    return entries


def document_entries(case: CaseAccess) -> list[TimelineEntry]:
    label = _("Residence document")
    return [
        TimelineEntry(
            d.effective_on, d.recorded_at, label, document_title(d.document_type, d.section)
        )
        for d in documents_of(case)
    ]
