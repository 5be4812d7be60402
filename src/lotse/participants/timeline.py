"""The kernel's own entries of a case's timeline (contacts with their next steps, status
changes, documents) and the case's tasks, as display text. The timeline itself is the
registry's (`sections.case_timeline`): other apps add their entries the same way."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.core.reference import language_name
from lotse.participants.access import CaseAccess
from lotse.participants.enums import (
    ContactForm,
    ExitOutcome,
    ParticipantStatus,
    TaskStatus,
    Topic,
    document_title,
)
from lotse.participants.models import Task
from lotse.participants.sections import TaskOrigin, TimelineEntry, case_sections
from lotse.participants.selectors import (
    contacts_of,
    documents_of,
    status_changes_of,
    tasks_of,
)


@dataclass(frozen=True, slots=True)
class TaskRow:
    pk: int
    version: int
    contact_id: int | None
    organisation_id: int
    description: str
    responsible: str  # who, as display text: "person (organisation)" or the organisation
    due_on: datetime.date | None
    due: str  # `due_on` as display text
    status: str  # display text
    open: bool
    done: bool
    overdue: bool


def responsible_text(task: Task) -> str:
    person = task.assignee_name
    if task.assignee is not None:
        person = task.assignee.get_full_name() or task.assignee.get_username()
    organisation = task.organisation.name
    return f"{person} ({organisation})" if person else organisation


def task_rows(case: CaseAccess) -> list[TaskRow]:
    """By due date, undated last; made once per request (the open tasks and the timeline)."""

    def rows() -> list[TaskRow]:
        today = timezone.localdate()
        statuses = dict(TaskStatus.choices)
        return [
            TaskRow(
                pk=t.pk,
                version=t.version,
                contact_id=t.contact_id,
                organisation_id=t.organisation_id,
                description=t.description,
                responsible=responsible_text(t),
                due_on=t.due_on,
                due=short_date(t.due_on),
                status=str(statuses.get(t.status, t.status)),
                open=t.is_open,
                done=t.status == TaskStatus.DONE,
                overdue=t.overdue_on(today),
            )
            for t in tasks_of(case)
        ]

    return case.loaded("participants.task_rows", rows)


@dataclass(frozen=True, slots=True)
class TaskListRow:
    """A line of "my tasks": the task and whose case it is, as display text."""

    pk: int
    version: int
    participant_id: int
    participant: str
    file_number: str
    description: str
    origin: str
    origin_url: str  # where the task is done, when not by ticking it (`TaskOrigin.url`)
    responsible: str
    due: str
    overdue: bool


def task_origins(tasks: list[Task]) -> dict[int, str | TaskOrigin]:
    """Where each task comes from, as text: its contact, or what a section says (the plan's
    goal), else nothing."""
    origins: dict[int, str | TaskOrigin] = {}
    for task in tasks:
        if task.contact is not None:
            origins[task.pk] = _("Counselling contact of %(date)s") % {
                "date": short_date(task.contact.took_place_on)
            }
    rest = [task.pk for task in tasks if task.pk not in origins]
    for section in case_sections():
        if rest and section.task_origins is not None:
            origins.update(section.task_origins(rest))
    return origins


def _origin_text(origin: str | TaskOrigin) -> str:
    return origin.text if isinstance(origin, TaskOrigin) else origin


def _origin_url(origin: str | TaskOrigin) -> str:
    return origin.url if isinstance(origin, TaskOrigin) else ""


def task_list_rows(tasks: list[Task], *, today: datetime.date) -> list[TaskListRow]:
    """`tasks` with their participant, organisation, assignee and contact selected."""
    origins = task_origins(tasks)
    return [
        TaskListRow(
            pk=t.pk,
            version=t.version,
            participant_id=t.participant_id,
            participant=f"{t.participant.first_names} {t.participant.last_name}",
            file_number=t.participant.file_number,
            description=t.description,
            origin=str(_origin_text(origins.get(t.pk, ""))),
            origin_url=_origin_url(origins.get(t.pk, "")),
            responsible=responsible_text(t),
            due=short_date(t.due_on),
            overdue=t.overdue_on(today),
        )
        for t in tasks
    ]


def contact_entries(case: CaseAccess) -> list[TimelineEntry]:
    steps_of: defaultdict[int | None, list[TaskRow]] = defaultdict(list)
    for task in task_rows(case):
        steps_of[task.contact_id].append(task)
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
