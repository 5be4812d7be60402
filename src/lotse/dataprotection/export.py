"""The audit log as an XLSX file, with the same columns as the page."""

import io
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from itertools import batched
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from lotse.audit.models import AuditEvent
from lotse.dataprotection.selectors import AuditRow, audit_rows

# More rows than this are refused (a spreadsheet holds 1,048,576): the officer narrows the
# filter instead.
EXPORT_MAX_ROWS = 100_000
CHUNK = 2_000


def export_header() -> list[str]:
    return [
        _("Time (%(zone)s)") % {"zone": timezone.get_current_timezone_name()},
        _("User"),
        _("Organisation"),
        _("Action"),
        _("Action code"),
        _("Object"),
        _("Participant"),
        _("Detail"),
    ]


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> Cell | str:
    # Control characters make openpyxl refuse the whole file.
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith("="):
        # Stored text, never a formula: a user name or detail must not run in the reader's Excel.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _cells(sheet: WriteOnlyWorksheet, row: AuditRow) -> list[Any]:
    time = WriteOnlyCell(sheet, value=timezone.localtime(row.occurred_at).replace(tzinfo=None))
    time.number_format = "DD.MM.YYYY HH:MM:SS"
    texts = (row.username, row.organisation, row.action_label, row.action, row.object,
             row.file_number, row.detail)  # fmt: skip
    return [time, *(_text_cell(sheet, text) for text in texts)]


def _rows(
    events: QuerySet[AuditEvent],
    network_id: int,
    organisation_names: Mapping[int, str],
    listed_among: Collection[int] | None,
) -> Iterator[AuditRow]:
    """One row per event, and per person for a list event: the sheet filters by file number.
    In chunks, so a large export resolves file numbers with two queries per chunk, not per
    row."""
    for chunk in batched(events.iterator(chunk_size=CHUNK), CHUNK):
        for row in audit_rows(
            chunk,
            network_id=network_id,
            organisation_names=organisation_names,
            listed_among=listed_among,
        ):
            if row.file_numbers:
                for file_number in row.file_numbers:
                    yield replace(row, file_number=file_number, count=1, file_numbers=())
            else:
                yield row


def audit_log_xlsx(
    events: QuerySet[AuditEvent],
    *,
    network_id: int,
    organisation_names: Mapping[int, str],
    listed_among: Collection[int] | None = None,
) -> bytes:
    """`listed_among`: the people searched for; a list event's other people stay out of the
    file, which an officer may hand to the person it is about (Art. 15 GDPR)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Audit log")[:31])
    sheet.append(export_header())
    for row in _rows(events, network_id, organisation_names, listed_among):
        sheet.append(_cells(sheet, row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
