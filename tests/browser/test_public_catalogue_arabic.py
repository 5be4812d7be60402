"""The public catalogue in Arabic in a real browser: right to left, its labels in Arabic, the
offer's Arabic title, reached through the language switch (issue 13)."""

from typing import Any

import pytest

from lotse.offers import services
from tests.conftest import Network
from tests.offers.helpers import berufssprachkurs

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_public_catalogue_in_arabic_reads_right_to_left(
    page: Any, live_server: Any, net: Network
) -> None:
    berufssprachkurs(net)
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    page.goto(f"{live_server.url}/offers/public/")
    assert page.locator("h1").inner_text() == "Angebote im Netzwerk"

    page.click("a[hreflang=ar]")
    page.wait_for_url("**/offers/public/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "العروض في الشبكة"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    page.click("text=دورة اللغة المهنية B2 للتمريض")
    page.wait_for_url("**/offers/public/*/?lang=ar")
    assert page.locator("article h1").inner_text() == "دورة اللغة المهنية B2 للتمريض"
    assert page.locator("article").get_attribute("dir") == "rtl"
    assert page.get_by_text("من يمكنه المشاركة").count() == 1  # "Who can take it"


def test_the_skip_link_in_arabic_sits_at_the_right_and_fits(
    page: Any, live_server: Any, net: Network
) -> None:
    berufssprachkurs(net)
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{live_server.url}/offers/public/?lang=ar")
    # Hidden, the link must not widen the page (it did: 10,000px to scroll sideways).
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert max(overflow, 0) == 0

    page.keyboard.press("Tab")
    skip = page.locator("a.lotse-skip")
    assert page.evaluate("document.activeElement.className") == "lotse-skip kern-link"
    assert skip.inner_text() == "الانتقال إلى المحتوى"
    box = skip.bounding_box()
    # Shown at the start of a right-to-left line, inside the window, as wide as its words.
    assert (box["y"] >= 0, box["x"] + box["width"] <= 1024, box["x"] > 1024 / 2) == (
        True,
        True,
        True,
    )
    assert box["width"] < 300
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
