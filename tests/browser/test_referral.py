"""A referral in a real browser: a counsellor at the welfare association refers a participant
with a Duldung to a Berufssprachkurs at the education provider; the provider's counsellor
accepts it from the inbox and records the start."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from lotse.participants import services
from lotse.referrals.models import Referral
from tests.conftest import Network
from tests.offers.helpers import berufssprachkurs
from tests.referrals.helpers import referral_consent

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")


def test_welfare_counsellor_refers_and_the_provider_accepts_from_the_inbox(
    page: Any, live_server: Any, net: Network
) -> None:
    services.residence_document_record(
        actor=net.counsellor,
        participant=net.participant,
        document_type="duldung",
        section="§ 60a Abs. 2 AufenthG",
        issued_on=datetime.date(2026, 6, 1),
        valid_until=datetime.date(2027, 5, 31),
    )
    offer = berufssprachkurs(net)
    referral_consent(net, net.third)
    base = live_server.url

    _log_in(page, base, "berater")
    page.goto(f"{base}/participants/{net.participant.pk}/")
    page.get_by_role(
        "link", name="Welche Angebote des Netzwerks kann diese Person wahrnehmen?"
    ).click()
    page.wait_for_url(f"{base}/offers/?participant={net.participant.pk}")
    row = page.locator("main tbody tr", has_text="Berufssprachkurs B2 Pflege")
    row.locator("a[href*='/referrals/new/']").click()
    page.wait_for_url(f"{base}/referrals/new/{net.participant.pk}/?offer={offer.pk}")
    assert "Voraussetzungen für Berufssprachkurs B2 Pflege" in page.locator("main").inner_text()
    page.get_by_label("Anlass").fill("Möchte in der Pflege arbeiten, braucht Deutsch B2.")
    page.get_by_label("Worum gebeten wird").fill("Bitte um einen Platz im nächsten Kurs.")
    page.get_by_label("Sprachniveaus").check()
    page.get_by_role("button", name="Weiterleitung senden").click()
    page.wait_for_selector("text=Die Weiterleitung wurde gesendet.")
    assert "angefragt" in page.locator("main").inner_text()

    page.context.clear_cookies()
    _log_in(page, base, "lernwerk")
    page.get_by_role("link", name="Eingang").first.click()
    page.wait_for_url(f"{base}/inbox/")
    incoming = page.locator("section", has_text="Eingehende Weiterleitungen")
    assert "Mohammad Al-Masri – Berufssprachkurs B2 Pflege" in incoming.inner_text()
    assert "von Sozialwerk Test" in incoming.inner_text()
    incoming.get_by_role("link", name="Mohammad Al-Masri – Berufssprachkurs B2 Pflege").click()
    page.wait_for_url(f"{base}/referrals/**")
    assert "Bitte um einen Platz im nächsten Kurs." in page.locator("main").inner_text()
    page.get_by_role("button", name="Annehmen").click()
    page.wait_for_selector("text=Sie haben die Weiterleitung angenommen.")

    page.get_by_label("Begonnen am").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Beginn erfassen").click()
    page.wait_for_selector("text=Der Beginn wurde erfasst.")
    referral = Referral.objects.get()
    assert (referral.status, referral.started_on) == ("in_progress", timezone.localdate())

    page.get_by_role("link", name="Fall öffnen").click()
    page.wait_for_url(f"{base}/participants/{net.participant.pk}/")
    assert "Al-Masri" in page.locator("h1").inner_text()
