"""A stored report as XLSX (one sheet per table, with the definitions) and as PDF."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.profiles.documents.pdf import render_pdf
from lotse.reporting import presentation
from lotse.reporting.models import Report

__all__ = ["render_pdf", "report_xlsx"]


def report_xlsx(report: Report) -> bytes:
    rows = presentation.rows(report)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Indicators")[:31]
    sheet.append([presentation.set_title(report.indicator_set)])
    sheet.append(
        [
            _("Period"),
            f"{report.period_start:%d.%m.%Y} – {report.period_end:%d.%m.%Y}",
            _("For"),
            presentation.scope_label(report),
        ]
    )
    sheet.append([])
    sheet.append([_("Code"), _("Indicator"), *presentation.gender_labels(), _("Total")])
    for row in rows:
        sheet.append([row.code, row.label, *(cell.value for cell in row.cells)])
    for cell in sheet[1] + sheet[4]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 60

    completeness = workbook.create_sheet(_("Completeness")[:31])
    completeness.append([_("Not counted"), _("People")])
    completeness.append(
        [
            _("Not reportable yet (Annex I items missing, Art. 17(5))"),
            report.result.get("not_reportable", 0),
        ]
    )
    completeness.append(
        [
            _("Exits without the situation within 4 weeks (incomplete)"),
            report.result.get("incomplete_exits", 0),
        ]
    )
    completeness.column_dimensions["A"].width = 60

    definitions = workbook.create_sheet(_("Definitions")[:31])
    definitions.append([_("Code"), _("Indicator"), _("Counted"), _("Definition")])
    for row in rows:
        definitions.append([row.code, row.label, row.basis, row.definition])
    definitions.append([])
    definitions.append([_("Version of the definitions"), report.definitions_version])
    definitions.append(
        [_("Requested on"), f"{report.requested_at:%d.%m.%Y %H:%M}", _("Report number"), report.pk]
    )
    definitions.column_dimensions["B"].width = 60
    definitions.column_dimensions["C"].width = 45
    definitions.column_dimensions["D"].width = 60

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
