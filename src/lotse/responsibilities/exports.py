"""The map as an XLSX list and a PDF, for members and, once published, for anyone."""

import io
import re
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from lotse.network.models import Network
from lotse.profiles.documents.pdf import render_pdf
from lotse.responsibilities.models import PathStep


def _text(sheet: WriteOnlyWorksheet, value: str) -> Any:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    # Stored text, never a formula: a typed "=…" must not run in the reader's spreadsheet.
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def map_xlsx(network: Network, steps: list[PathStep]) -> bytes:
    """One row per responsibility, in the order of the path: a list a spreadsheet can filter."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Responsibilities")[:31])
    sheet.append(
        [
            _("Step"),
            _("Group of people"),
            _("Organisation"),
            _("Contact person or function"),
            _("Phone"),
            _("E-mail"),
            _("How to get in touch"),
        ]
    )
    for step in steps:
        for r in step.responsibilities.all():
            texts = (step.name, r.group, r.organisation_name, r.contact, r.phone, r.email,
                     r.channel_note)  # fmt: skip
            sheet.append([_text(sheet, text) for text in texts])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def map_pdf(network: Network, steps: list[PathStep]) -> bytes:
    return render_pdf(
        render_to_string(
            "responsibilities/map_pdf.html",
            {"network": network, "steps": steps, "today": timezone.localdate()},
        )
    )


def filename(network: Network, extension: str) -> str:
    """The name as the reader reads it, umlauts included (`core.downloads` sends it in RFC 5987
    form with an ASCII fallback)."""
    name = re.sub(r"[^\w-]", "", network.name.replace(" ", "_"))
    title = _("Responsibilities")
    return f"{title}_{name or network.pk}.{extension}"
