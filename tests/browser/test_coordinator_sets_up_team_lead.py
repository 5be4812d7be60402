"""The network coordinator sets up a new organisation and its first team lead in the browser;
the team lead then signs in with the second factor and a password of their own."""

import base64
from typing import Any

import pytest
from django_otp.oath import totp

from lotse.network.models import Membership
from tests.conftest import Network

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")


def test_coordinator_creates_a_team_lead_who_then_signs_in(
    page: Any, live_server: Any, net: Network, settings: Any
) -> None:
    base = live_server.url
    _log_in(page, base, "koordination", "test-password-1")
    page.wait_for_url(f"{base}/network/")

    page.get_by_role("link", name="Träger hinzufügen").click()
    page.fill("#id_name", "Integrationsdienst Nord")
    page.select_option("#id_kind", "welfare")
    page.fill("#id_file_number_prefix", "IN")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/network/organisations/*/team-lead/")
    assert page.locator("h1").inner_text() == "Erste Teamleitung – Integrationsdienst Nord"

    page.fill("#id_username", "leitung.nord")
    page.fill("#id_first_name", "Nora")
    page.fill("#id_last_name", "Neumann")
    page.fill("#id_email", "n.neumann@nord.example")
    page.fill("#id_password", "Start-Passwort-2026")
    page.get_by_role("button", name="Konto der Teamleitung anlegen").click()
    page.wait_for_url(f"{base}/network/")
    assert "Das Konto der Teamleitung wurde angelegt." in page.locator("main").inner_text()

    membership = Membership.objects.select_related("organisation").get(
        user__username="leitung.nord"
    )
    assert (membership.organisation.name, membership.role) == (
        "Integrationsdienst Nord",
        "team_lead",
    )
    page.get_by_role("button", name="Abmelden").click()

    # The team lead's first sign-in: second factor, then a password of their own.
    settings.LOTSE_REQUIRE_OTP = True
    _log_in(page, base, "leitung.nord", "Start-Passwort-2026")
    page.wait_for_url(f"{base}/accounts/second-factor/**")
    secret = page.locator("main code").inner_text()
    key = base64.b32decode(secret)
    page.fill("#id_token", f"{totp(key):06d}")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/account/password/**")
    page.fill("#id_old_password", "Start-Passwort-2026")
    page.fill("#id_new_password1", "Eigenes-Passwort-Nord-7")
    page.fill("#id_new_password2", "Eigenes-Passwort-Nord-7")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")

    page.get_by_role("link", name="Konten").click()
    page.wait_for_url(f"{base}/network/accounts/")
    assert "leitung.nord" in page.locator("main table").inner_text()
