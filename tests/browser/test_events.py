"""Events in a real browser: a training for 12 Jobcenter staff and an information event in a
school class entered, a participant registered, attendance ticked and a certificate of
attendance downloaded."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import Network
from tests.events.test_pages import pdf_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _add_event(page: Any, base: str, kind: str, title: str, day: datetime.date) -> None:
    page.goto(f"{base}/events/new/")
    page.fill("#id_title", title)
    page.select_option("#id_kind", kind)
    page.fill("#id_address", "Rathausplatz 1, Musterstadt")
    page.fill("#id_first_date", day.isoformat())
    page.fill("#id_starts_at", "09:00")
    page.fill("#id_ends_at", "12:00")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=Die Veranstaltung wurde gespeichert.")
    assert page.locator("h1").inner_text() == title


def test_training_and_school_event_with_attendance_and_certificate(
    page: Any, live_server: Any, net: Network, tmp_path: Path
) -> None:
    base = live_server.url
    past = timezone.localdate() - datetime.timedelta(days=2)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")
    # The counsellor's navigation groups the network's pages under "Netzwerk".
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    navigation.locator("summary", has_text="Netzwerk").click()
    navigation.get_by_role("link", name="Veranstaltungen", exact=True).click()
    page.wait_for_url(f"{base}/events/")

    _add_event(page, base, "multiplier_training", "Schulung Arbeitsmarktzugang", past)
    page.get_by_role("link", name="Gezählte Personen hinzufügen").click()
    page.fill("#id_organisation_name", "Jobcenter Musterkreis")
    page.fill("#id_function", "Arbeitsvermittlung")
    page.fill("#id_count", "12")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=Jobcenter Musterkreis, Arbeitsvermittlung: 12 Personen")

    page.fill("#id_file_number", net.participant.file_number)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector("text=Mohammad Al-Masri ist für die Veranstaltung angemeldet.")

    page.get_by_role("link", name=f"Anwesenheit für den {past:%d.%m.%Y} erfassen").click()
    page.get_by_label(f"Al-Masri, Mohammad ({net.participant.file_number})").check()
    page.get_by_role("button", name="Anwesenheit speichern").click()
    page.wait_for_selector("text=Anwesenheit für 1 Teilnehmende gespeichert.")
    row = page.locator("main tbody tr", has_text="Al-Masri")
    assert "1 von 1" in row.inner_text()
    assert "100 %" in row.inner_text()

    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Teilnahmebescheinigung für Al-Masri (PDF, Deutsch und Englisch)"
        ).click()
    saved = tmp_path / "certificate.pdf"
    download.value.save_as(saved)
    text = pdf_text(saved.read_bytes())
    assert "Teilnahmebescheinigung" in text
    assert "Mohammad Al-Masri" in text
    assert "Schulung Arbeitsmarktzugang" in text

    _add_event(page, base, "school_information", "Berufsorientierung in der VBK-DaZ", past)
    page.get_by_role("link", name="Schulklasse hinzufügen").click()
    page.fill("#id_organisation_name", "BBS Musterstadt")
    page.fill("#id_function", "VBK-DaZ 2b")
    page.fill("#id_count", "18")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_selector("text=BBS Musterstadt, Klasse VBK-DaZ 2b: 18 Schüler*innen")

    page.goto(f"{base}/events/?year={past.year}")
    listing = page.locator("main table").inner_text()
    assert "Schulung Arbeitsmarktzugang" in listing
    assert "Berufsorientierung in der VBK-DaZ" in listing
