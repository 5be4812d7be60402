"""The participant page can be found around (issue 12, part 4): the essentials at the top, a
navigation to its sections, the long ones loaded on demand — in chromium, by keyboard."""

import datetime
import uuid
from typing import Any

import pytest
from django.utils import timezone

from lotse.participants import services
from tests.browser.test_counsellor_day import _log_in
from tests.conftest import SECRET_NOTE, Network

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TODAY = timezone.localdate()


def _essential(page: Any, term: str) -> str:
    item = page.locator(".lotse-essentials .kern-description-list-item", has_text=term)
    return " ".join(item.locator("dd").inner_text().split())


# Resolves once the page has not scrolled for a few frames in a row.
SCROLL_SETTLED = """() => new Promise((resolve) => {
  let last = window.scrollY, still = 0;
  const frame = () => {
    still = window.scrollY === last ? still + 1 : 0;
    last = window.scrollY;
    if (still >= 5) { resolve(true); } else { requestAnimationFrame(frame); }
  };
  requestAnimationFrame(frame);
})"""


def _tab_to(page: Any, selector: str, presses: int = 60) -> None:
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            # As a keyboard user, who sees where the focus is before pressing Enter: KERN
            # scrolls smoothly, and chromium's scroll that brings the focused link into view,
            # still under way, would take over from the jump the Enter starts (the page stays
            # at the top, and a lazy section below never comes into view).
            page.evaluate(SCROLL_SETTLED)
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_header_shows_the_essentials_and_the_navigation_jumps_to_a_lazy_section(
    page: Any, live_server: Any, net: Network
) -> None:
    services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=TODAY,
        duration_minutes=30,
        form="phone",
        topics=["employment"],
        next_steps=[
            ("Bewerbung an Elektro Weber schicken", TODAY - datetime.timedelta(days=2)),
            ("Sprachkurs suchen", None),
        ],
    )
    base, pk = live_server.url, net.participant.pk
    # The window of a laptop: the timeline starts far below it.
    page.set_viewport_size({"width": 1280, "height": 720})
    _log_in(page, base, "berater")
    page.goto(f"{base}/participants/{pk}/")

    assert page.locator("h1").inner_text() == "Mohammad Al-Masri"
    subline = page.locator(".kern-subline").inner_text()
    assert subline.startswith(f"{net.participant.file_number} · registriert")
    assert _essential(page, "Aufenthaltsdokument") == (
        "Aufenthaltsgestattung (§ 55 AsylG) · gültig bis 09.01.2027"
    )
    due = TODAY - datetime.timedelta(days=2)
    assert _essential(page, "Nächste Aufgabe") == (
        f"Bewerbung an Elektro Weber schicken – fällig am {due:%d.%m.%Y} überfällig"
    )
    assert _essential(page, "Berater*in") == net.counsellor.get_full_name()
    # The work-permission line comes after the page, from the work-permission section.
    work_permission = page.locator(".lotse-essentials dd", has_text="Beschäftigung:")
    work_permission.wait_for()
    assert "Beschäftigung:" in _essential(page, "Arbeitsmarktzugang")

    nav = page.get_by_role("navigation", name="Abschnitte dieser Seite")
    assert nav.get_by_role("link").all_inner_texts() == [
        "Personendaten",
        "Aufenthaltsdokumente",
        "Kompetenzen und Berufswegeplanung",
        "Arbeitsmarktzugang",
        "Angebote",
        "Vermittlungen",
        "Passende Stellen",
        "Weiterleitungen",
        "Zuständigkeiten",
        "Termine",
        "Offene Aufgaben",
        "Einwilligungen und Freigaben",
        "Veranstaltungen",
        "ESF-Angaben",
        "Verlauf",
    ]
    # Loaded on demand: out of view, the timeline is a heading and a link, not its entries.
    assert page.locator("#timeline .lotse-timeline").count() == 0
    assert SECRET_NOTE not in page.inner_text("main")

    _tab_to(page, ".lotse-page-nav a[href='#timeline']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#timeline .lotse-timeline li")
    assert page.evaluate("location.hash") == "#timeline"
    assert SECRET_NOTE in page.inner_text("#timeline")
    assert page.locator("#h-timeline").is_visible()
    # Not under the sticky navigation, which wraps to two lines on a laptop.
    heading_top = page.locator("#h-timeline").bounding_box()["y"]
    assert heading_top >= nav.bounding_box()["y"] + nav.bounding_box()["height"]
    # The jump moved the focus to the section, so keyboard and screen reader go on from there.
    assert page.evaluate("document.activeElement.closest('#timeline') !== null")

    # A section with controls: the next Tab lands inside it.
    _tab_to(page, ".lotse-page-nav a[href='#consents']")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#consents') !== null")
