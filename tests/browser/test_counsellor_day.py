"""A counsellor's everyday flow in a real browser (Debian's chromium via Playwright)."""

from typing import Any

import pytest
from django.utils import timezone

from lotse.participants.models import Participant
from tests.conftest import Network

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


def test_intake_draft_consent_share_enrol_contact_search_and_close(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    _log_in(page, base, "berater")

    page.click("a[href='/participants/intake/']")
    page.click("a[href='/participants/intake/new/']")
    page.fill("#id_first_names", "Yusuf")
    page.fill("#id_last_name", "Haddad")
    page.check("input[name=birth_date_precision][value=year]")
    page.fill("#id_birth_year", "1998")
    page.check("input[name=gender][value=male]")
    page.select_option("#id_nationality", "SY")
    page.click("button[value=draft]")
    page.wait_for_url(f"{base}/participants/intake/")

    page.click("text=Yusuf Haddad")
    assert page.input_value("#id_last_name") == "Haddad"
    assert page.input_value("#id_birth_year") == "1998"
    page.click("button[value=next]")
    page.fill("#id_postcode", "12345")
    page.fill("#id_city", "Musterstadt")
    page.fill("#id_phone", "+49 170 7654321")
    page.select_option("#id_preferred_language", "ar")
    page.click("button[value=next]")
    page.select_option("#id_document_type", "gestattung")
    page.fill("#id_annotation", "Beschäftigung nur mit Erlaubnis der Ausländerbehörde")
    page.click("button[value=next]")
    page.fill("#id_wishes", "Ich möchte als Elektriker arbeiten.")
    page.click("button[value=next]")
    # The ESF items at entry (reporting's step): the status is asked, the rest may wait.
    page.select_option("#id_labour_status", "inactive")
    page.click("button[value=next]")
    page.check("#id_record_consent")
    page.select_option("#id_purpose", "case_sharing")
    page.get_by_label("Jobcenter Test").check()
    page.fill("#id_given_on", timezone.localdate().isoformat())
    page.check("input[name=form][value=signed_paper]")
    page.click("button[value=next]")
    page.wait_for_url("**/review/")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/*/")
    participant = Participant.objects.get(last_name="Haddad")
    assert page.locator("h1").inner_text() == "Yusuf Haddad"

    assert [o.name for o in participant.consents.get().organisations.all()] == ["Jobcenter Test"]

    page.click(f"a[href='/participants/{participant.pk}/shares/new/']")
    page.select_option("#id_organisation", label="Jobcenter Test")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/{participant.pk}/#consents")
    assert participant.shares.get().organisation == net.other

    page.click(f"a[href='/participants/{participant.pk}/enrol/']")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/{participant.pk}/")

    page.click(f"a[href='/participants/{participant.pk}/contacts/new/']")
    page.fill("#id_duration_minutes", "60")
    page.check("input[name=topics][value=employment]")
    page.fill("#id_note", "Lebenslauf besprochen")
    page.fill("#id_next_step_1", "Bewerbung an Elektro Weber schicken")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/{participant.pk}/#h-timeline")
    # The page returns to the timeline, which loads when the reader gets there.
    page.wait_for_selector("#timeline .lotse-timeline li")
    assert "Lebenslauf besprochen" in page.inner_text("#timeline")

    page.goto(f"{base}/participants/")
    page.fill("#id_q", "Youssef")
    page.wait_for_selector("#results a:has-text('Haddad')")
    page.click("#results a:has-text('Haddad')")
    page.wait_for_url(f"{base}/participants/{participant.pk}/")

    page.click(f"a[href='/participants/{participant.pk}/exit/']")
    page.select_option("#id_outcome", "vocational_training")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/{participant.pk}/")
    participant.refresh_from_db()
    assert (participant.status, participant.exit_outcome) == ("exited", "vocational_training")
    assert participant.contacts.count() == 1


def test_keyboard_alone_reaches_the_search_and_the_skip_link(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    _log_in(page, base, "berater")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    assert page.evaluate("document.activeElement.id") == "id_q"
    page.keyboard.type("Muhammad")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results a:has-text('Al-Masri')")


def test_the_focus_ring_in_the_dark_header_is_light(
    page: Any, live_server: Any, net: Network
) -> None:
    """KERN draws focus dark grey; on the dark blue header it would hardly show."""
    base = live_server.url
    _log_in(page, base, "berater")
    for _ in range(5):  # past the skip link and the brand, to the navigation's first link
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('header .kern-link')"):
            break
    assert page.evaluate("document.activeElement.matches('header .kern-link')")
    focused = "getComputedStyle(document.activeElement)"
    assert page.evaluate(f"{focused}.outlineStyle") == "solid"
    assert page.evaluate(f"{focused}.outlineColor") == "rgb(255, 191, 71)"
