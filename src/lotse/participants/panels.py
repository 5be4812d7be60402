"""The kernel's own case sections: residence documents, open tasks, counselling contacts with
their next steps, consents and sharing, status history. Registered in
`ParticipantsConfig.ready` like the sections of every other app. The panels' display text is
prepared here; the reads behind it are selectors, the erasers services."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.formats import short_date
from lotse.participants.access import CaseAccess, share_state
from lotse.participants.caseload import EXPIRY_WARNING_DAYS
from lotse.participants.enums import document_title
from lotse.participants.sections import CaseSection, case_header_lines, case_timeline
from lotse.participants.selectors import (
    children_of,
    consents_export,
    consents_of,
    contacts_export,
    documents_export,
    documents_of,
    next_task_of,
    shares_of,
    status_export,
    tasks_export,
    volunteers_of,
)
from lotse.participants.services import (
    consents_erase,
    contacts_erase,
    documents_erase,
    status_erase,
    tasks_erase,
)
from lotse.participants.timeline import (
    contact_entries,
    document_entries,
    status_entries,
    task_rows,
)


def _expiry_state(valid_until: datetime.date | None, today: datetime.date) -> str:
    """ "", "expiring" or "expired" (a CSS modifier) for the current document."""
    if valid_until is None:
        return ""
    if valid_until < today:
        return "expired"
    if valid_until <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS):
        return "expiring"
    return ""


def _documents_panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    """The documents as display text, newest first; `state` only for the current one."""
    if not case.allows("participants.view_case"):
        return None
    today = timezone.localdate()
    cards = []
    for index, d in enumerate(documents_of(case)):
        cards.append(
            {
                "label": document_title(d.document_type, d.section),
                "issued_on": short_date(d.issued_on),
                "valid_until": short_date(d.valid_until),
                "annotation": d.annotation,
                "state": _expiry_state(d.valid_until, today) if index == 0 else "",
            }
        )
    return {"documents": cards}


def case_header(case: CaseAccess) -> dict[str, Any]:
    """The essentials at the top of the participant page: the current residence document, the
    next task and the sections' header lines (each loaded by htmx)."""
    today = timezone.localdate()
    documents = documents_of(case)
    document = None
    if documents:
        current = documents[0]
        document = {
            "label": document_title(current.document_type, current.section),
            "valid_until": short_date(current.valid_until),
            "state": _expiry_state(current.valid_until, today),
        }
    task = next_task_of(case)
    next_task = None
    if task is not None:
        next_task = {
            "description": task.description,
            "due": short_date(task.due_on),
            "overdue": task.due_on is not None and task.due_on < today,
        }
    return {"document": document, "next_task": next_task, "lines": case_header_lines(case)}


def _open_tasks_panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    """The case's open tasks, overdue ones flagged, each with "mark as done" for those who may."""
    if not case.allows("participants.view_case"):
        return None
    open_tasks = [
        (task, case.may_complete_task(task.organisation_id))
        for task in task_rows(case)
        if task.open
    ]
    return {
        "open_tasks": open_tasks,
        "overdue": sum(1 for task, _may in open_tasks if task.overdue),
        "detail_url": reverse("participants:detail", args=[case.participant.pk]),
    }


def _consents_slot(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("participants.manage_consent") else None


def consents_panel(case: CaseAccess) -> dict[str, Any]:
    """The owner's consents, shares and volunteers (`views.consents`, loaded by htmx into the
    participant page like the profile: the page itself reads none of it)."""
    today = timezone.localdate()
    consents = consents_of(case)
    shares = []
    for share in shares_of(case):
        active, reason = share_state(share, consents, today)
        shares.append(
            {
                "pk": share.pk,
                "organisation": share.organisation.name,
                "active": active,
                "reason": reason,
            }
        )
    return {
        "consents": [
            {
                "pk": c.pk,
                "purpose": c.get_purpose_display(),
                "organisations": ", ".join(o.name for o in c.covered),  # type: ignore[attr-defined]
                "given_on": short_date(c.given_on),
                "form": c.get_form_display(),
                "witness": c.witness,
                "valid_until": short_date(c.valid_until),
                "revoked_on": short_date(c.revoked_on),
                "valid": c.is_valid_on(today),
            }
            for c in consents
        ],
        "shares": shares,
        "volunteers": volunteers_of(case),
        "detail_url": reverse("participants:detail", args=[case.participant.pk]),
    }


def _timeline_panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    return {"entries": case_timeline(case)}


def children_text(case: CaseAccess) -> str:
    return ", ".join(str(year) for year in children_of(case))


def _for_case_workers(entries: Any) -> Any:
    """Timeline entries only for those who read the whole case file (not volunteers)."""

    def guarded(case: CaseAccess) -> list[Any]:
        return entries(case) if case.allows("participants.view_case") else []

    return guarded


SECTIONS = (
    CaseSection(
        key="participants.documents",
        order=10,
        label=_("Residence documents"),
        anchor="documents",
        region="summary",
        panel_template="participants/panels/documents.html",
        panel_context=_documents_panel,
        timeline_entries=_for_case_workers(document_entries),
        export=documents_export,
        erase=documents_erase,
    ),
    # Before the contacts: their eraser would otherwise take the contacts' tasks by cascade,
    # leaving the tasks' history behind.
    CaseSection(
        key="participants.tasks",
        order=40,
        label=_("Open tasks"),
        anchor="tasks",
        panel_template="participants/panels/open_tasks.html",
        panel_context=_open_tasks_panel,
        export=tasks_export,
        erase=tasks_erase,
    ),
    CaseSection(
        key="participants.contacts",
        order=45,
        timeline_entries=_for_case_workers(contact_entries),
        export=contacts_export,
        erase=contacts_erase,
    ),
    CaseSection(
        key="participants.consents",
        order=50,
        label=_("Consents and sharing"),
        anchor="consents",
        panel_template="participants/panels/consents_slot.html",
        panel_context=_consents_slot,
        export=consents_export,
        erase=consents_erase,
    ),
    CaseSection(
        key="participants.status",
        order=60,
        timeline_entries=_for_case_workers(status_entries),
        export=status_export,
        erase=status_erase,
    ),
    # Every section's entries, read only when the reader gets there.
    CaseSection(
        key="participants.timeline",
        order=90,
        label=_("Timeline"),
        anchor="timeline",
        lazy=True,
        panel_template="participants/panels/timeline.html",
        panel_context=_timeline_panel,
    ),
)
