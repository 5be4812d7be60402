"""Forms that guide, in chromium: the error summary takes the focus, the intake warns of a
duplicate on its first step, a saved entry says so where it was saved."""

from typing import Any

import pytest

from lotse.participants.models import IntakeDraft
from tests.browser.test_counsellor_day import _log_in
from tests.conftest import Network

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _open_new_intake(page: Any, base: str) -> None:
    page.goto(f"{base}/participants/intake/")
    page.click("a[href='/participants/intake/new/']")
    page.wait_for_url(f"{base}/participants/intake/new/")


def test_an_invalid_intake_step_focuses_the_error_summary(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    _log_in(page, base, "berater")
    _open_new_intake(page, base)
    assert not IntakeDraft.objects.exists()  # opening the step made no draft

    page.fill("#id_first_names", "Amina")
    page.click("button[value=next]")
    page.wait_for_selector("[data-error-summary]")

    assert page.title().startswith("Fehler: ")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    summary = page.locator("[data-error-summary]")
    assert summary.locator("h2").inner_text() == "Bitte korrigieren Sie Folgendes"
    links = summary.locator("a")
    assert links.first.inner_text() == "Nachname: Dieses Feld ist ein Pflichtfeld."
    # A link leads to its field.
    links.first.click()
    assert page.evaluate("document.activeElement.id") == "id_last_name"
    # A group's message stands below its legend, not run into it.
    # Both measured at once: the link's jump may still be scrolling the page.
    legend_bottom, error_top = page.locator("fieldset:has(#id_gender_0)").evaluate(
        "f => [f.querySelector('legend').getBoundingClientRect().bottom,"
        " f.querySelector('.kern-error').getBoundingClientRect().top]"
    )
    assert error_top >= legend_bottom
    # The first save made the draft; the corrected step goes on from it.
    (draft,) = IntakeDraft.objects.all()
    page.fill("#id_last_name", "Haidari")
    page.check("input[name=birth_date_precision][value=year]")
    page.fill("#id_birth_year", "2001")
    page.check("input[name=gender][value=female]")
    page.select_option("#id_nationality", "AF")
    page.click("button[value=next]")
    page.wait_for_url(f"{base}/participants/intake/{draft.pk}/contact/")
    assert IntakeDraft.objects.count() == 1


def test_the_first_intake_step_warns_of_a_person_already_registered(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    _log_in(page, base, "kollegin")
    _open_new_intake(page, base)

    page.fill("#id_first_names", "Muhammad")
    page.fill("#id_last_name", "Almasri")
    page.fill("#id_birth_date", "1999-04-01")
    page.check("input[name=gender][value=male]")
    page.select_option("#id_nationality", "SY")
    page.click("button[value=next]")

    warning = page.locator("#duplicates")
    warning.wait_for()
    assert "person" in page.url or "/new/" in page.url
    text = " ".join(warning.inner_text().split())
    assert net.participant.file_number in text
    assert f"Berater*in: {net.counsellor.get_full_name()}" in text
    # Seen: "Continue" goes on to the next step.
    page.click("button[value=next]")
    page.wait_for_url("**/contact/")


def test_a_profile_entry_saved_in_place_says_so(page: Any, live_server: Any, net: Network) -> None:
    base = live_server.url
    pk = net.participant.pk
    _log_in(page, base, "berater")
    page.goto(f"{base}/participants/{pk}/")

    page.click(f"a[href='/profiles/participants/{pk}/languages/add/']")
    page.select_option("#id_language", "de")
    page.select_option("#id_level", "B1")
    page.click("#profile-languages button[type=submit]")

    notice = page.locator("#profile-languages .kern-alert--success")
    notice.wait_for()
    assert notice.inner_text().strip() == "Sprachen: gespeichert."
    # htmx moves the focus once the confirmation is in place (after it shows).
    page.wait_for_function("document.activeElement.hasAttribute('data-focus')")
    assert page.url == f"{base}/participants/{pk}/"


def test_a_saved_edit_returns_to_its_section_with_the_confirmation(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    pk = net.participant.pk
    _log_in(page, base, "berater")
    page.goto(f"{base}/participants/{pk}/edit/")

    page.fill("#id_children_birth_years", "2016, 2021")
    page.click("main form button[type=submit]")

    page.wait_for_url(f"{base}/participants/{pk}/#h-person")
    placed = page.evaluate(
        "[document.querySelector('.lotse-messages').nextElementSibling.id,"
        " document.querySelector('.lotse-messages').innerText.trim()]"
    )
    # Before the section, so that a section htmx replaces (the timeline) does not take it along.
    assert placed == ["person", "Die Änderungen wurden gespeichert."]
    assert "2016, 2021" in page.inner_text("section[aria-labelledby=h-person]")


def test_a_recorded_contact_returns_to_the_timeline_with_the_confirmation_in_view(
    page: Any, live_server: Any, net: Network
) -> None:
    # The timeline is loaded on demand and the sections above it arrive after the page: the
    # page landed in the personal data, the confirmation far below, the timeline never loaded.
    base = live_server.url
    pk = net.participant.pk
    page.set_viewport_size({"width": 1280, "height": 720})
    _log_in(page, base, "berater")
    page.goto(f"{base}/participants/{pk}/contacts/new/")
    page.check("input[name=form][value=phone]")
    page.check("input[name=topics][value=language]")
    page.fill("textarea[name=note]", "Sprachkurs besprochen.")
    page.click("main form button[type=submit]")

    page.wait_for_url(f"{base}/participants/{pk}/#h-timeline")
    page.wait_for_selector("#timeline .lotse-timeline li")
    page.wait_for_load_state("networkidle")
    confirmation = page.locator(".lotse-messages")
    assert confirmation.inner_text().strip() == "Der Kontakt wurde gespeichert."
    assert page.evaluate("document.querySelector('.lotse-messages').nextElementSibling.id") == (
        "timeline"
    )
    box = confirmation.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 720
    assert page.locator("#h-timeline").bounding_box()["y"] < 720
