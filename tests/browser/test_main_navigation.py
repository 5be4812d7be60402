"""The main navigation's groups by keyboard and at a phone's width: tabbing out of an open
group closes it (it stayed open over the header's tools), and an open group's list stays
within the window (at a phone's width the last one reached past the edge and scrolled the page)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import Network

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OPEN = ".lotse-menu > details[open]"


def _log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/**")


def test_tabbing_out_of_an_open_group_closes_it(page: Any, live_server: Any, net: Network) -> None:
    _log_in(page, live_server.url)
    assert page.locator(".lotse-menu").count() >= 2  # the counsellor's bar is grouped
    summary = page.locator(".lotse-menu summary").last
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(OPEN)).to_have_count(1)
    entries = page.locator(f"{OPEN} .lotse-menu__list a").count()
    for _ in range(entries):
        page.keyboard.press("Tab")
        expect(page.locator(OPEN)).to_have_count(1)  # still inside the group
    page.keyboard.press("Tab")  # out of it, on to the header's tools
    expect(page.locator(OPEN)).to_have_count(0)


def test_an_open_group_stays_within_a_phones_width(
    page: Any, live_server: Any, net: Network
) -> None:
    page.set_viewport_size({"width": 320, "height": 700})
    _log_in(page, live_server.url)
    width = page.evaluate("document.body.clientWidth")
    for summary in page.locator(".lotse-menu summary").all():
        summary.click()
        page.wait_for_timeout(100)  # the toggle event comes after the click
        box = page.locator(".lotse-menu > details[open] .lotse-menu__list").bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.keyboard.press("Escape")
