"""Placement in a real browser: a job coach records an employer and a vacancy for Fachkraft
für Lagerlogistik, finds a matching participant with a Gestattung whose work-permission
answer allows it, places them, and the 1-month check-in appears in "My tasks" (axe-core checks
every page)."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from lotse.taxonomy.importers.curated import parse_curated
from lotse.taxonomy.services import curated_load
from tests.conftest import Network
from tests.placements.placement_helpers import enrolled
from tests.placements.test_matching_pages import profile
from tests.workpermission.helpers import gestattung_facts

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_job_coach_places_a_matching_participant_and_the_check_in_is_a_task(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    # The vacancy form checks its KldB code against the taxonomy, which a transactional test
    # run before this one may have flushed: load the curated occupations (an upsert).
    curated_load(occupations=parse_curated())
    enrolled(net)
    profile(net.participant)
    gestattung_facts(net, lives_in_reception_centre=False)
    start = timezone.localdate() + datetime.timedelta(days=30)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")

    page.goto(f"{base}/employers/new/")
    page.fill("#id_name", "Logistik Nord GmbH")
    page.fill("#id_city", "Köln")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/employers/*/")
    page.click("main a[href$='/vacancies/new/']")
    page.select_option("#id_kind", "job")
    page.fill("#id_title", "Fachkraft für Lagerlogistik")
    page.fill("#id_kldb_code", "51312")
    page.fill("#id_postcode", "50667")
    page.fill("#id_city", "Köln")
    page.fill("#id_hours_per_week", "38")
    page.fill("#id_start_date", start.isoformat())
    page.select_option("#id_min_german", "A2")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # A refused form stays on its page: its error summary says why.
    assert page.locator(".lotse-error-summary").count() == 0, page.inner_text("main")
    page.wait_for_url(f"{base}/employers/vacancies/*/")

    page.click("main a[href^='/matches/vacancies/']")
    candidates = page.locator("main table").first
    assert "Al-Masri" in candidates.inner_text()
    candidates.get_by_role("link", name="Als Vermittlung erfassen").click()
    page.wait_for_url(f"{base}/placements/cases/{net.participant.pk}/new/**")
    assert page.input_value("#id_title") == "Fachkraft für Lagerlogistik"
    assert page.input_value("#id_starts_on") == start.isoformat()
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/{net.participant.pk}/**")
    assert "Die Vermittlung wurde erfasst" in page.locator("main").inner_text()

    page.goto(f"{base}/tasks/")
    tasks = page.locator("main").inner_text()
    assert "Nachbetreuung nach 1 Monat: Fachkraft für Lagerlogistik bei Logistik Nord GmbH" in tasks
