"""The team lead moves a leaving counsellor's cases, the receiving organisation finds a case
shared with it, the data-protection officer finds a person's events by name (issue 12,
part 5). axe-core checks every page on the way. (The page a former link shows after a
revocation is a 404, which chromium reports on the console: it is tested without a browser.)"""

from typing import Any

import pytest

from lotse.participants.models import Participant
from tests.conftest import Network, share_with_consent
from tests.factories import participant_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/**")


def _log_out(page: Any) -> None:
    page.get_by_role("button", name="Abmelden").click()


def test_team_lead_shared_organisation_and_officer(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    second = participant_for(net.counsellor, first_names="Amal", last_name="Beispiel")

    _log_in(page, base, "leitung")
    page.goto(f"{base}/network/accounts/")
    page.click(f"a[href='/participants/counsellors/{net.counsellor.pk}/transfer/']")
    page.select_option("#id_to_counsellor", str(net.colleague.pk))
    page.get_by_label("Nur die unten angekreuzten Fälle").check()
    page.get_by_label(f"Beispiel, Amal ({second.file_number}", exact=False).check()
    page.get_by_role("button", name="Fälle übergeben").click()
    page.wait_for_url(f"{base}/network/accounts/")
    assert "1 Fall wurde an" in page.locator("main").inner_text()
    assert Participant.objects.get(pk=second.pk).counsellor == net.colleague
    assert Participant.objects.get(pk=net.participant.pk).counsellor == net.counsellor
    _log_out(page)

    share_with_consent(net)
    _log_in(page, base, "jobcenter")
    assert "Andere Träger teilen 1 Fall mit Ihrem Träger" in page.locator("main").inner_text()
    page.get_by_role("link", name="Geteilte Fälle anzeigen").click()
    page.click("#results a:has-text('Al-Masri')")
    page.wait_for_url(f"{base}/participants/{net.participant.pk}/")
    assert page.locator("h1").inner_text() == "Mohammad Al-Masri"
    page.wait_for_load_state("networkidle")  # the panels loaded by htmx
    _log_out(page)

    _log_in(page, base, "datenschutz")
    page.wait_for_url(f"{base}/audit/**")
    page.fill("#id_name", "Al Masri")
    page.select_option("#id_action", "participants.")
    page.get_by_role("button", name="Suchen").click()
    page.wait_for_url(f"{base}/audit/?**")
    table = page.locator("main table").inner_text()
    assert net.participant.file_number in table
    assert second.file_number not in table
    assert "Al-Masri" not in page.content()
