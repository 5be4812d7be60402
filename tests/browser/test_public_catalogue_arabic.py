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
