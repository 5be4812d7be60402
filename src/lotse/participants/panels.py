"""The kernel's own case sections: residence documents, counselling contacts with their next
steps, consents and sharing, status history. Registered in `ParticipantsConfig.ready` like the
sections of every other app."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from lotse.core.formats import short_date
from lotse.participants.access import CaseAccess, share_state
from lotse.participants.case_file import (
    children_of,
    consents_of,
    documents_of,
    shares_of,
    volunteers_of,
)
from lotse.participants.caseload import EXPIRY_WARNING_DAYS
from lotse.participants.enums import document_title
from lotse.participants.models import (
    Child,
    Consent,
    CounsellingContact,
    NextStep,
    Participant,
    ResidenceDocument,
    Share,
    StatusChange,
)
from lotse.participants.sections import CaseSection, ErasureReport, erase_rows
from lotse.participants.timeline import (
    contact_entries,
    document_entries,
    next_step_rows,
    status_entries,
)


def _documents_panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    """The documents as display text, newest first; `state` ("", "expiring" or "expired", a CSS
    modifier) only for the current one."""
    if not case.allows("participants.view_case"):
        return None
    today = timezone.localdate()
    warning_until = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    cards = []
    for index, d in enumerate(documents_of(case)):
        state = ""
        if index == 0 and d.valid_until:
            if d.valid_until < today:
                state = "expired"
            elif d.valid_until <= warning_until:
                state = "expiring"
        cards.append(
            {
                "label": document_title(d.document_type, d.section),
                "issued_on": short_date(d.issued_on),
                "valid_until": short_date(d.valid_until),
                "annotation": d.annotation,
                "state": state,
            }
        )
    return {"documents": cards}


def _open_steps_panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("participants.view_case"):
        return None
    open_steps = [
        (step, case.may_complete_step(step.contact_organisation_id))
        for step in next_step_rows(case)
        if not step.done
    ]
    if not open_steps:
        return None
    return {
        "open_steps": open_steps,
        "today": timezone.localdate(),
        "detail_url": reverse("participants:detail", args=[case.participant.pk]),
    }


def _consents_panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("participants.manage_consent"):
        return None
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


def children_text(case: CaseAccess) -> str:
    return ", ".join(str(year) for year in children_of(case))


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _rows(queryset: Any, *fields: str) -> list[dict[str, Any]]:
    return [{k: _iso(v) for k, v in row.items()} for row in queryset.values(*fields)]


def _export_documents(participant: Participant) -> dict[str, Any]:
    return {
        "residence_documents": _rows(
            ResidenceDocument.objects.filter(participant=participant).order_by("pk"),
            "document_type",
            "section",
            "issued_on",
            "valid_until",
            "annotation",
        ),
        "children": _rows(Child.objects.filter(participant=participant), "birth_year"),
    }


def _erase_documents(participant: Participant) -> ErasureReport:
    # The derived "current document" goes with the documents it pointed at.
    Participant.objects.filter(pk=participant.pk).update(
        current_document=None, document_valid_until=None
    )
    return erase_rows(ResidenceDocument, participant=participant) | erase_rows(
        Child, participant=participant
    )


def _export_contacts(participant: Participant) -> dict[str, Any]:
    return {
        "counselling_contacts": _rows(
            CounsellingContact.objects.filter(participant=participant).order_by("pk"),
            "took_place_on",
            "duration_minutes",
            "form",
            "topics",
            "interpreter_language",
            "note",
            "organisation__name",
        ),
        "next_steps": _rows(
            NextStep.objects.filter(participant=participant).order_by("pk"),
            "description",
            "due_on",
            "done_on",
        ),
    }


def _erase_contacts(participant: Participant) -> ErasureReport:
    Participant.objects.filter(pk=participant.pk).update(next_step=None, last_contact_on=None)
    return erase_rows(NextStep, participant=participant) | erase_rows(
        CounsellingContact, participant=participant
    )


def _export_consents(participant: Participant) -> dict[str, Any]:
    consents = Consent.objects.filter(participant=participant).order_by("pk")
    return {
        "consents": [
            {
                **{k: _iso(v) for k, v in row.items() if k != "pk"},
                "organisations": sorted(
                    Consent.organisations.through.objects.filter(consent_id=row["pk"]).values_list(
                        "organisation__name", flat=True
                    )
                ),
            }
            for row in consents.values(
                "pk", "purpose", "given_on", "form", "witness", "valid_until", "revoked_on"
            )
        ],
        "shares": _rows(
            Share.objects.filter(participant=participant).order_by("pk"),
            "organisation__name",
            "started_at",
            "ended_at",
        ),
    }


def _erase_consents(participant: Participant) -> ErasureReport:
    participant.volunteers.clear()
    return erase_rows(Share, participant=participant) | erase_rows(Consent, participant=participant)


def _export_status(participant: Participant) -> dict[str, Any]:
    return {
        "status_changes": _rows(
            StatusChange.objects.filter(participant=participant).order_by("pk"),
            "status",
            "exit_outcome",
            "effective_on",
        )
    }


def _erase_status(participant: Participant) -> ErasureReport:
    return erase_rows(StatusChange, participant=participant)


def _for_case_workers(entries: Any) -> Any:
    """Timeline entries only for those who read the whole case file (not volunteers)."""

    def guarded(case: CaseAccess) -> list[Any]:
        return entries(case) if case.allows("participants.view_case") else []

    return guarded


SECTIONS = (
    CaseSection(
        key="participants.documents",
        order=10,
        region="summary",
        panel_template="participants/panels/documents.html",
        panel_context=_documents_panel,
        timeline_entries=_for_case_workers(document_entries),
        export=_export_documents,
        erase=_erase_documents,
    ),
    CaseSection(
        key="participants.contacts",
        order=40,
        panel_template="participants/panels/open_steps.html",
        panel_context=_open_steps_panel,
        timeline_entries=_for_case_workers(contact_entries),
        export=_export_contacts,
        erase=_erase_contacts,
    ),
    CaseSection(
        key="participants.consents",
        order=50,
        panel_template="participants/panels/consents.html",
        panel_context=_consents_panel,
        export=_export_consents,
        erase=_erase_consents,
    ),
    CaseSection(
        key="participants.status",
        order=60,
        timeline_entries=_for_case_workers(status_entries),
        export=_export_status,
        erase=_erase_status,
    ),
)
