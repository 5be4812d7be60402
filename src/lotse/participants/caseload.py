"""The rows of a caseload page: the 50 participants shown, read in one narrow query and turned
into display text here, so the template only places strings (rendering model instances with
filters per cell cost more than all the page's queries together)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.core.reference import language_name
from lotse.participants.enums import DocumentType, ParticipantStatus
from lotse.participants.models import NextStep, Participant

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class CaseloadRow:
    pk: int
    name: str
    file_number: str
    shared: bool
    status: str
    site: str
    next_step: str
    document: str
    document_note: str
    document_state: str  # "", "expiring" or "expired": a CSS modifier
    last_contact: str
    phone: str
    language: str


def _open_step(field: str) -> Subquery:
    return Subquery(
        NextStep.objects.filter(participant=OuterRef("pk"), done_on__isnull=True)
        .order_by(F("due_on").asc(nulls_last=True), "pk")
        .values(field)[:1]
    )


def caseload_rows(
    ids: Sequence[int],
    *,
    ordering: tuple[str, ...],
    own_organisation_id: int,
    today: datetime.date,
    contact_data_only: bool = False,
) -> list[CaseloadRow]:
    """The rows for `ids` (already visible to the user), in `ordering`. `contact_data_only`
    (volunteers) reads no case data at all."""
    if not ids:
        return []
    columns = ["pk", "last_name", "first_names", "file_number", "organisation_id"]
    participants = Participant.objects.filter(pk__in=ids).order_by(*ordering)
    if contact_data_only:
        values = participants.values(*columns, "phone", "preferred_language")
        return [
            CaseloadRow(
                pk=p["pk"],
                name=f"{p['last_name']}, {p['first_names']}",
                file_number=p["file_number"],
                shared=p["organisation_id"] != own_organisation_id,
                status="",
                site="",
                next_step="",
                document="",
                document_note="",
                document_state="",
                last_contact="",
                phone=p["phone"],
                language=language_name(p["preferred_language"]) if p["preferred_language"] else "",
            )
            for p in values
        ]
    values = participants.annotate(
        next_step=_open_step("description"), next_step_due=_open_step("due_on")
    ).values(
        *columns,
        "status",
        "site__name",
        "current_document__document_type",
        "current_document__section",
        "document_valid_until",
        "last_contact_on",
        "next_step",
        "next_step_due",
    )
    warning_until = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    valid_until_label, expired_label, soon_label = _("valid until"), _("expired"), _("expires soon")
    rows = []
    for p in values:
        next_step = p["next_step"] or ""
        if p["next_step_due"]:
            next_step = f"{next_step} ({short_date(p['next_step_due'])})"
        document = document_note = document_state = ""
        if p["current_document__document_type"]:
            document = str(DocumentType(p["current_document__document_type"]).label)
            if p["current_document__section"]:
                document = f"{document} {p['current_document__section']}"
            until = p["document_valid_until"]
            if until:
                document_note = f"{valid_until_label} {short_date(until)}"
                if until < today:
                    document_state = "expired"
                    document_note = f"{document_note} – {expired_label}"
                elif until <= warning_until:
                    document_state = "expiring"
                    document_note = f"{document_note} – {soon_label}"
        rows.append(
            CaseloadRow(
                pk=p["pk"],
                name=f"{p['last_name']}, {p['first_names']}",
                file_number=p["file_number"],
                shared=p["organisation_id"] != own_organisation_id,
                status=str(ParticipantStatus(p["status"]).label),
                site=p["site__name"] or "",
                next_step=next_step,
                document=document,
                document_note=document_note,
                document_state=document_state,
                last_contact=short_date(p["last_contact_on"]),
                phone="",
                language="",
            )
        )
    return rows
