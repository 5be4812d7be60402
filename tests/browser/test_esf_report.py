"""The coordinator creates the ESF report for the year and downloads it, in chromium (issue 16;
the dashboard part of the same walk is its own test)."""

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import Network
from tests.reporting.helpers import esf_caseload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_coordinator_downloads_the_esf_report(page: Any, live_server: Any, net: Network) -> None:
    esf_caseload(net)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.click("nav >> text=Berichte")
    page.wait_for_url(f"{base}/reports/")
    page.select_option("#id_indicator_set", "esf")
    page.fill("#id_start", "2026-01-01")
    page.fill("#id_end", "2026-12-31")
    page.select_option("#id_scope", "network")
    page.click("main form button[type=submit]")
    page.wait_for_selector("main table")

    total = page.locator("td[data-code=EECO01][data-gender=total]").inner_text()
    assert total.strip() == "4"
    employed = page.locator("td[data-code=EECR04][data-gender=total]").inner_text()
    assert employed.strip() == "1"
    # Numbers, never names, and no way to the people behind them.
    assert "Amal" not in page.content()
    assert page.locator("td[data-code=EECO01] a").count() == 0
    # Farid lacks his labour-market status: counted apart, not guessed.
    assert "noch nicht berichtsfähig" in page.inner_text("main")

    with page.expect_download() as xlsx_info:
        page.click("text=Als XLSX herunterladen")
    assert xlsx_info.value.suggested_filename == "ESF Plus - gemeinsame Indikatoren 2026.xlsx"
    xlsx = load_workbook(io.BytesIO(Path(xlsx_info.value.path()).read_bytes()))
    # Label first, the ESF code beside it.
    rows = {
        row[1]: row for row in xlsx["Indikatoren"].iter_rows(min_row=5, values_only=True) if row[1]
    }
    assert rows["EECO01"][-1] == 4
    assert rows["EECR04"][-1] == 1

    with page.expect_download() as pdf_info:
        page.click("text=Als PDF herunterladen")
    assert pdf_info.value.suggested_filename == "ESF Plus - gemeinsame Indikatoren 2026.pdf"
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(Path(pdf_info.value.path()).read_bytes())).pages
    )
    assert "ESF Plus: gemeinsame Indikatoren" in text
    assert "Amal" not in text
