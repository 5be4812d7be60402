"""Matching in a real browser: from the case to the vacancies that fit, with the reasons, and
from a vacancy to its candidates (axe-core checks every page)."""

from typing import Any

import pytest

from tests.conftest import Network
from tests.placements.test_matching_pages import profile, vacancy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_counsellor_finds_vacancies_for_a_case_and_candidates_for_a_vacancy(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    profile(net.participant)
    fits = vacancy(net, kldb_code="51311", title="Lagerhelfer/in Wareneingang")
    vacancy(net, title="Berufskraftfahrer/in", kldb_code="52122", driving_licences=["C"])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")

    page.goto(f"{base}/participants/{net.participant.pk}/")
    page.click(f"a[href='/matches/participants/{net.participant.pk}/']")
    page.wait_for_url(f"{base}/matches/participants/{net.participant.pk}/")
    rows = page.locator("main table").first.locator("tbody tr")
    assert rows.count() == 1
    text = rows.first.inner_text()
    assert "Lagerhelfer/in Wareneingang" in text
    assert "Lagerhelfer/in (KldB 51311): derselbe Beruf" in text
    excluded = page.locator("main table").nth(1).inner_text()
    assert "Führerschein C fehlt" in excluded

    page.goto(f"{base}/matches/vacancies/{fits.pk}/")
    assert "Al-Masri" in page.locator("main table").first.inner_text()
