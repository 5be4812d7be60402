"""The published tables as files: one CSV per table, one XLSX with a sheet per table and the
methods note. Both carry exactly what the page shows, "." included."""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lotse.reporting.statistics.selectors import Capacity, PublishedTable, Statistics


def methods_note(statistics: Statistics) -> str:
    return _(
        "Counts of the participants enrolled on at least one day of %(year)s. Cells with fewer"
        " than %(threshold)s people (but not none) are kept secret and shown as “.”, totals"
        " included; further cells are kept secret where the totals would give a hidden cell"
        " back (secondary suppression). No table holds a person's data."
    ) % {"year": statistics.year, "threshold": statistics.threshold}


def _title_line(title: str, network: str, year: int) -> list[str]:
    return [f"{title} – {network} {year}"]


def table_csv(table: PublishedTable | Capacity, network: str, year: int) -> str:
    """The first line is the table's title with network and year (what a spreadsheet shows
    above the table); the second the column headings; then the rows, "." included."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(_title_line(str(table.title), network, year))
    writer.writerow([str(table.row_heading), *table.columns])
    rows = table.published() if isinstance(table, PublishedTable) else table.table()
    for label, cells in rows:
        writer.writerow([label, *cells])
    return out.getvalue()


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name; the names are chosen short, so the
    # limit of 31 is a guard, not a cut.
    return re.sub(r"[][:*?/\\]", "", title)[:31].strip()


def statistics_xlsx(statistics: Statistics, network: str) -> bytes:
    workbook = Workbook()
    methods = workbook.active
    assert methods is not None
    methods.title = _sheet_title(_("Methods"))
    methods.append([_("Open statistics %(year)s") % {"year": statistics.year}, network])
    methods["A1"].font = Font(bold=True)
    methods.append([methods_note(statistics)])
    for table in statistics.tables:
        sheet = workbook.create_sheet(_sheet_title(str(table.sheet or table.title)))
        sheet.append(_title_line(str(table.title), network, statistics.year))
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(table.row_heading), *table.columns])
        for label, cells in table.published():
            sheet.append([label, *cells])
        if table.note:
            sheet.append([])
            sheet.append([str(table.note)])
        if table.key == "needs":
            _capacity_sheet(workbook, statistics, network)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _capacity_sheet(workbook: Workbook, statistics: Statistics, network: str) -> None:
    capacity = statistics.capacity
    sheet = workbook.create_sheet(_sheet_title(str(capacity.sheet)))
    sheet.append(_title_line(str(capacity.title), network, statistics.year))
    sheet["A1"].font = Font(bold=True)
    sheet.append([str(capacity.row_heading), *capacity.columns])
    for label, seats in capacity.table():
        sheet.append([label, *seats])
