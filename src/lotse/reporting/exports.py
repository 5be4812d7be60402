"""A stored report as XLSX (one sheet per table, with the definitions) and as PDF.

Labels come first and in the reader's language; a code stands only where the ESF has one
(EECO…, EECR…). Sheet names are chosen short words (Excel cuts at 31 characters)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from lotse.profiles.documents.pdf import render_pdf
from lotse.reporting import presentation
from lotse.reporting.models import Report

__all__ = ["render_pdf", "report_xlsx"]


def _heading(sheet: Worksheet, report: Report) -> None:
    sheet.append([presentation.set_title(report.indicator_set)])
    sheet.append([_("Network"), presentation.network_name(report)])
    sheet.append(
        [
            _("Period"),
            f"{report.period_start:%d.%m.%Y} – {report.period_end:%d.%m.%Y}",
            _("For"),
            presentation.scope_label(report),
        ]
    )
    sheet.append([])
    sheet["A1"].font = Font(bold=True)


def report_xlsx(report: Report) -> bytes:
    rows = presentation.rows(report)
    esf = presentation.is_esf(report.indicator_set)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Indicators")
    _heading(sheet, report)
    sheet.append(
        [
            _("Indicator"),
            *([_("ESF code")] if esf else []),
            *presentation.gender_labels(),
            _("Total"),
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [row.label, *([row.esf_code] if esf else []), *(cell.value for cell in row.cells)]
        )
    sheet.column_dimensions["A"].width = 60

    figure_rows = presentation.figure_rows(report)
    if figure_rows:
        figures = workbook.create_sheet(_("Further figures"))
        _heading(figures, report)
        figures.append([_("Figure"), *presentation.gender_labels(), _("Total")])
        for cell in figures[figures.max_row]:
            cell.font = Font(bold=True)
        for figure in figure_rows:
            by_gender = (
                [cell.value for cell in figure.cells]
                if figure.cells is not None
                else [None] * len(presentation.GENDERS)
            )
            figures.append([figure.label, *by_gender, figure.total])
        figures.column_dimensions["A"].width = 60

    completeness = workbook.create_sheet(_("Completeness"))
    completeness.append([_("Not counted"), _("People")])
    if esf:
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

    definitions = workbook.create_sheet(_("Definitions"))
    definitions.append(
        [_("Indicator"), *([_("ESF code")] if esf else []), _("Counted"), _("Definition")]
    )
    for row in rows:
        definitions.append([row.label, *([row.esf_code] if esf else []), row.basis, row.definition])
    definitions.append([])
    for basis in presentation.bases(report.indicator_set):
        definitions.append([basis.label, basis.explanation])
    definitions.append([])
    definitions.append([_("Version of the definitions"), report.definitions_version])
    definitions.append(
        [_("Requested on"), f"{report.requested_at:%d.%m.%Y %H:%M}", _("Report number"), report.pk]
    )
    definitions.column_dimensions["A"].width = 60
    definitions.column_dimensions["C"].width = 45
    definitions.column_dimensions["D"].width = 60

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
