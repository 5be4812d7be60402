"""The rows of a caseload page: the 50 participants shown, read in one narrow query and written
as the table's rows here.

The caseload is the page every counsellor opens first and most often. Django's template
engine needed ~3 ms to place 50 rows of ten strings (~60 µs a row), more than all the page's
queries together, so the rows are written in Python: every value goes through `escape`, and
the markup is the same as the template's around it (tests/participants check both)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lotse.core.formats import short_date
from lotse.core.reference import language_name
from lotse.participants.enums import ParticipantStatus, document_title
from lotse.participants.models import Participant

EXPIRY_WARNING_DAYS = 30

CELL = '<td class="kern-table__cell">'


@dataclass(frozen=True)
class CaseloadRows:
    participant_ids: list[int]
    html: SafeString  # the table body's <tr> elements, values escaped


def _name_cell(p: dict[str, object], detail_prefix: str, shared_badge: str) -> str:
    name = escape(f"{p['last_name']}, {p['first_names']}")
    badge = shared_badge if p["shared"] else ""
    return f'{CELL}<a class="kern-link" href="{detail_prefix}{p["pk"]}/">{name}</a>{badge}</td>'


def caseload_rows(
    ids: Iterable[int] | QuerySet[Participant],
    *,
    ordering: tuple[str, ...],
    own_organisation_id: int,
    today: datetime.date,
    detail_prefix: str,
    contact_data_only: bool = False,
) -> CaseloadRows:
    """The rows for `ids` (already visible to the user; a list or a subquery), in `ordering`.
    `contact_data_only` (volunteers) reads no case data at all."""
    columns = ["pk", "last_name", "first_names", "file_number", "organisation_id"]
    participants = Participant.objects.filter(pk__in=ids).order_by(*ordering)
    detail_prefix = escape(detail_prefix)
    # Outside the f-string: makemessages cannot find a gettext call inside one.
    shared_label = escape(_("shared"))
    shared_badge = (
        ' <span class="kern-badge kern-badge--info kern-badge--small">'
        f'<span class="kern-label">{shared_label}</span></span>'
    )
    participant_ids: list[int] = []
    html: list[str] = []
    if contact_data_only:
        # Contact data only, as in the API: a volunteer does not see the file number.
        contact_columns = ["pk", "last_name", "first_names", "organisation_id"]
        for p in participants.values(*contact_columns, "phone", "preferred_language"):
            p["shared"] = p["organisation_id"] != own_organisation_id
            language = language_name(p["preferred_language"]) if p["preferred_language"] else ""
            participant_ids.append(p["pk"])
            html.append(
                f'<tr class="kern-table__row">{_name_cell(p, detail_prefix, shared_badge)}'
                f"{CELL}{escape(p['phone'])}</td>{CELL}{escape(language)}</td></tr>"
            )
        return CaseloadRows(participant_ids, mark_safe("".join(html)))  # noqa: S308
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
    valid_until_label, expired_label, soon_label = _("valid until"), _("expired"), _("expires soon")
    status_labels = {code: escape(str(label)) for code, label in ParticipantStatus.choices}
    for p in values:
        p["shared"] = p["organisation_id"] != own_organisation_id
        next_step = p["next_step__description"] or ""
        if p["next_step__due_on"]:
            next_step = f"{next_step} ({short_date(p['next_step__due_on'])})"
        document_cell = CELL
        if p["current_document__document_type"]:
            document = document_title(
                p["current_document__document_type"], p["current_document__section"]
            )
            until = p["document_valid_until"]
            note = ""
            if until:
                note = f"{valid_until_label} {short_date(until)}"
                if until < today:
                    document_cell = '<td class="kern-table__cell lotse-expired">'
                    note = f"{note} – {expired_label}"
                elif until <= warning_until:
                    document_cell = '<td class="kern-table__cell lotse-expiring">'
                    note = f"{note} – {soon_label}"
            document = escape(document)
            if note:
                document = f'{document}<br><span class="kern-body--small">{escape(note)}</span>'
        else:
            document = ""
        participant_ids.append(p["pk"])
        html.append(
            f'<tr class="kern-table__row">{_name_cell(p, detail_prefix, shared_badge)}'
            f"{CELL}{escape(p['file_number'])}</td>{CELL}{status_labels[p['status']]}</td>"
            f"{CELL}{escape(p['site__name'] or '')}</td>{CELL}{escape(next_step)}</td>"
            f"{document_cell}{document}</td>{CELL}{escape(short_date(p['last_contact_on']))}</td></tr>"
        )
    return CaseloadRows(participant_ids, mark_safe("".join(html)))  # noqa: S308
