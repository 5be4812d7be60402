"""The coordinator in a real browser: the dashboard's headline for the year, a chart drawn by
Chart.js with its table a keyboard can open, and the published statistics with "." for a small
group (issue 16 §3–4)."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from lotse.participants import services
from tests.conftest import Network
from tests.factories import participant_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _enrol(net: Network, first: str, birth: datetime.date, outcome: str = "") -> None:
    year = timezone.localdate().year
    person = participant_for(net.counsellor, first_names=first, birth_date=birth)
    services.participant_enrol(
        actor=net.counsellor, participant=person, entry_date=datetime.date(year, 1, 5)
    )
    if outcome:
        services.participant_exit(
            actor=net.counsellor,
            participant=person,
            exit_date=datetime.date(year, 3, 31),
            outcome=outcome,
        )


def test_coordinator_sees_the_headline_and_publishes_statistics_with_a_small_group_hidden(
    page: Any, live_server: Any, net: Network
) -> None:
    for i in range(5):
        _enrol(net, f"Erwachsene{i}", datetime.date(1995, 3, 1), "employment" if i < 2 else "")
    _enrol(net, "Jugendlich", datetime.date(2011, 6, 1))
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.click("nav a:has-text('Kennzahlen')")
    page.wait_for_url(f"{base}/reports/dashboard/")
    headline = page.locator(".lotse-headline").inner_text()
    assert headline == "6 Teilnehmende, davon 2 in Ausbildung oder Arbeit vermittelt"

    # Chart.js drew the chart; the same numbers open as a table from the keyboard.
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('canvas'))")
    page.locator("section:has(#panel-movement) summary").focus()
    page.keyboard.press("Enter")
    table = page.locator("section:has(#panel-movement) table")
    assert table.is_visible()
    assert "Eintritte" in table.inner_text()
    # The opened table scrolls inside its card; neither the card nor the page grows wider, at
    # 1280 and at 1024 pixels.
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        card = page.locator("section:has(#panel-movement)")
        box = card.bounding_box()
        assert box is not None
        wrapper = card.locator(".kern-table-responsive")
        assert wrapper.evaluate("e => e.clientWidth <= e.parentElement.clientWidth")
        assert box["x"] + box["width"] <= width
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    # The period fields show the year counted; the events' and referrals' panels are there.
    assert page.input_value("#id_start") == f"{timezone.localdate().year}-01-01"
    assert page.locator("#panel-referrals").inner_text() == "Offene Weiterleitungen"
    assert page.locator("#panel-events").inner_text() == "Veranstaltungen und erreichte Personen"

    page.click("a:has-text('Offene Statistik')")
    page.wait_for_url(f"{base}/reports/statistics/settings/")
    page.check("#id_public")
    page.click("main form button[type=submit]")
    page.locator("text=Die Statistik ist jetzt öffentlich.").wait_for()

    page.click("form[action='/accounts/logout/'] button")
    page.goto(f"{base}/reports/statistics/")
    page.click(f"a[href='/reports/statistics/{net.owner.network_id}/']")
    age = page.locator("table[data-table=age]")
    row = age.locator("tbody tr").filter(has_text="unter 18")
    cells = [cell.inner_text() for cell in row.locator("td").all()]
    # Columns: female, male, diverse, not stated, total; the one under 18 is a woman.
    assert cells == [".", "0", "0", "0", "."]
    assert "Sekundärsperrung" in page.locator("main").inner_text()
    assert "Jugendlich" not in page.content()
