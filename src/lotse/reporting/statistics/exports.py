"""The published tables as files: one CSV per table, one XLSX with a sheet per table and the
methods note. Both carry exactly what the page shows, "." included."""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.reporting.statistics.selectors import PublishedTable, Statistics


def methods_note(statistics: Statistics) -> str:
    return _(
        "Counts of the participants enrolled on at least one day of %(year)s. Cells with fewer"
        " than %(threshold)s people (but not none) are kept secret and shown as “.”, totals"
        " included; further cells are kept secret where the totals would give a hidden cell"
        " back (secondary suppression). No table holds a person's data."
    ) % {"year": statistics.year, "threshold": statistics.threshold}


def table_csv(table: PublishedTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(table.row_heading), *table.columns])
    for label, cells in table.published():
        writer.writerow([label, *cells])
    return out.getvalue()


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name and cuts it at 31.
    return re.sub(r"[][:*?/\\]", "", title)[:31].strip()


def statistics_xlsx(statistics: Statistics) -> bytes:
    workbook = Workbook()
    methods = workbook.active
    assert methods is not None
    methods.title = _sheet_title(_("Methods"))
    methods.append([_("Open statistics %(year)s") % {"year": statistics.year}])
    methods["A1"].font = Font(bold=True)
    methods.append([methods_note(statistics)])
    for table in statistics.tables:
        sheet = workbook.create_sheet(_sheet_title(str(table.title)))
        sheet.append([str(table.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(table.row_heading), *table.columns])
        for label, cells in table.published():
            sheet.append([label, *cells])
        if table.note:
            sheet.append([])
            sheet.append([str(table.note)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
