"""The rows of a caseload page: the participants shown, read in one narrow query as values and
prepared as display text for the template (`participants/caseload.html`, partial `rows`).

The caseload is the page every counsellor opens first and most often, so a row carries only the
finished strings its cells show: the template places them (and escapes them) without a lookup
through model instances or relations."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.core.formats import short_date_formatter
from lotse.core.reference import language_name
from lotse.participants.enums import ParticipantStatus, document_title
from lotse.participants.models import Participant

EXPIRY_WARNING_DAYS = 30


@dataclass(frozen=True)
class CaseloadMark:
    """A mark an app puts on caseload rows (registered in its `AppConfig.ready`), e.g. "open
    referral": `marks(participant_ids, own_organisation_id)` answers the label of each marked
    participant of the page, in one query for the page, never one per row."""

    key: str
    marks: Callable[[list[int], int], dict[int, str]]


_marks: dict[str, CaseloadMark] = {}


def register_caseload_mark(mark: CaseloadMark) -> None:
    _marks[mark.key] = mark


@dataclass(frozen=True)
class CaseloadRows:
    participant_ids: list[int]
    rows: list[dict[str, Any]] = field(default_factory=list)


def caseload_rows(
    participants: QuerySet[Participant],
    *,
    ordering: tuple[str, ...],
    own_organisation_id: int,
    today: datetime.date,
    contact_data_only: bool = False,
) -> CaseloadRows:
    """The rows of `participants`, in `ordering`. `participants` is what the access selectors
    returned for the user (or the page of it): this function widens nothing, so it takes no ids.
    `contact_data_only` (volunteers) reads no case data at all."""
    if not isinstance(participants, QuerySet):
        raise TypeError("caseload_rows takes the queryset of the access selectors, not ids")
    columns = ["pk", "last_name", "first_names", "file_number", "organisation_id"]
    participants = participants.order_by(*ordering)
    # One reverse() for the page: a participant's page is the caseload's address and the id.
    detail_prefix = reverse("participants:caseload")
    rows: list[dict[str, Any]] = []
    if contact_data_only:
        # Contact data only, as in the API: a volunteer does not see the file number.
        contact_columns = ["pk", "last_name", "first_names", "organisation_id"]
        for p in participants.values(*contact_columns, "phone", "preferred_language"):
            rows.append(
                {
                    "pk": p["pk"],
                    "url": f"{detail_prefix}{p['pk']}/",
                    "name": f"{p['last_name']}, {p['first_names']}",
                    "shared": p["organisation_id"] != own_organisation_id,
                    "phone": p["phone"],
                    "language": (
                        language_name(p["preferred_language"]) if p["preferred_language"] else ""
                    ),
                    "marks": [],  # the case's marks are not the volunteer's
                }
            )
        return CaseloadRows([row["pk"] for row in rows], rows)
    values = participants.values(
        *columns,
        "status",
        "site__name",
        "current_document__document_type",
        "current_document__section",
        "document_valid_until",
        "last_contact_on",
        "next_step__description",
        "next_step__due_on",
    )
    warning_until = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    status_labels = dict(ParticipantStatus.choices)
    # Looked up once for the page, not in each row (each is a thread-local lookup).
    short_date = short_date_formatter()
    expired = _("valid until %(date)s – expired")
    expiring = _("valid until %(date)s – expires soon")
    valid = _("valid until %(date)s")
    for p in values:
        next_step = p["next_step__description"] or ""
        if p["next_step__due_on"]:
            next_step = f"{next_step} ({short_date(p['next_step__due_on'])})"
        document, note, state = "", "", ""
        if p["current_document__document_type"]:
            document = document_title(
                p["current_document__document_type"], p["current_document__section"]
            )
            until = p["document_valid_until"]
            if until:
                date = {"date": short_date(until)}
                if until < today:
                    state, note = "expired", expired % date
                elif until <= warning_until:
                    state, note = "expiring", expiring % date
                else:
                    note = valid % date
        rows.append(
            {
                "pk": p["pk"],
                "url": f"{detail_prefix}{p['pk']}/",
                "name": f"{p['last_name']}, {p['first_names']}",
                "shared": p["organisation_id"] != own_organisation_id,
                "file_number": p["file_number"],
                "status": status_labels[p["status"]],
                "site": p["site__name"] or "",
                "next_step": next_step,
                # The open task due first is overdue when any is: the flag needs no other read.
                "next_overdue": bool(p["next_step__due_on"] and p["next_step__due_on"] < today),
                "document": document,
                "note": note,
                "state": state,
                "last_contact": short_date(p["last_contact_on"]),
                "marks": [],
            }
        )
    ids = [row["pk"] for row in rows]
    if ids:
        for mark in _marks.values():
            found = mark.marks(ids, own_organisation_id)
            for row in rows:
                if row["pk"] in found:
                    row["marks"].append(found[row["pk"]])
    return CaseloadRows(ids, rows)
