"""A new Duldung case in a real browser: its radar shows no deadline until the dates are
entered, and the right one after (issue 12, part 1)."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from lotse.legal.dates import months_completed
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


def _deadline_rows(page: Any, name: str) -> list[str]:
    table = page.locator("main table").first
    return [row.inner_text() for row in table.locator("tbody tr").filter(has_text=name).all()]


def _missing_rows(page: Any, name: str) -> list[str]:
    section = page.locator("section[aria-labelledby=h-radar-missing]")
    return [row.inner_text() for row in section.locator("tbody tr").filter(has_text=name).all()]


def test_new_duldung_case_radar_shows_deadline_only_after_dates_are_entered(
    page: Any, live_server: Any, net: Network
) -> None:
    base = live_server.url
    today = timezone.localdate()
    issued = today - datetime.timedelta(days=20)
    _log_in(page, base, "berater")

    page.click("a[href='/participants/intake/']")
    page.click("a[href='/participants/intake/new/']")
    page.fill("#id_first_names", "Samir")
    page.fill("#id_last_name", "Wartefrist")
    page.check("input[name=birth_date_precision][value=year]")
    page.fill("#id_birth_year", "1995")
    page.check("input[name=gender][value=male]")
    page.select_option("#id_nationality", "SY")
    page.click("button[value=next]")
    page.fill("#id_postcode", "12345")
    page.fill("#id_city", "Musterstadt")
    page.select_option("#id_preferred_language", "ar")
    page.click("button[value=next]")

    # The residence step asks for the dates; "Duldung since" is offered from the issue date.
    page.select_option("#id_document_type", "duldung")
    page.fill("#id_issued_on", issued.isoformat())
    page.click("button[value=next]")
    assert page.input_value("#id_duldung_since") == issued.isoformat()
    assert "Seit wann ist die Person geduldet?" in page.locator("main").inner_text()
    # The counsellor does not know it yet: empties the field and goes on.
    page.fill("#id_duldung_since", "")
    page.click("button[value=next]")
    page.wait_for_url("**/household/")
    page.click("button[value=next]")
    page.wait_for_url("**/esf/")
    page.select_option("#id_labour_status", "unemployed")
    page.click("button[value=next]")
    page.wait_for_url("**/consent/")
    page.click("button[value=next]")
    page.wait_for_url("**/review/")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/participants/*/")
    participant = Participant.objects.get(last_name="Wartefrist")

    # The panel answers "at the latest" and names what is missing.
    panel = page.locator("#work-permission")
    panel.get_by_text("Angabe").first.wait_for()
    assert "spätestens ab dem" in panel.inner_text()
    assert "Duldung seit" in panel.inner_text()

    # The radar invents no deadline, and lists the person among the missing details.
    page.goto(f"{base}/work-permission/deadlines/?days=90")
    assert _deadline_rows(page, "Samir Wartefrist") == []
    [missing] = _missing_rows(page, "Samir Wartefrist")
    assert "Duldung seit" in missing

    page.locator("section[aria-labelledby=h-radar-missing]").get_by_role(
        "link", name="jetzt ergänzen – Samir Wartefrist"
    ).click()
    page.wait_for_url(f"{base}/work-permission/participants/{participant.pk}/facts/**")
    page.fill("#id_entry_date", "2019-04-02")
    page.fill("#id_asylum_request_date", "2019-04-03")
    page.select_option("#id_asylum_decision", "rejected")
    page.fill("#id_duldung_since", issued.isoformat())
    page.click("main form button[type=submit]")
    # Back at the answer, with the confirmation beside it (not the form's "#id_entry_date",
    # which the browser kept across a redirect without a fragment of its own).
    page.wait_for_url(f"{base}/participants/{participant.pk}/#h-work-permission")
    assert (
        page.evaluate("document.querySelector('.lotse-messages').nextElementSibling.id")
        == "work-permission"
    )

    # Now the wait of § 32 Abs. 1 BeschV ends three months after the Duldung began.
    page.goto(f"{base}/work-permission/deadlines/?days=90")
    ends = months_completed(issued, 3)
    rows = [r for r in _deadline_rows(page, "Samir Wartefrist") if "Wartezeit endet" in r]
    assert len(rows) == 1
    assert ends.strftime("%d.%m.%Y") in rows[0]
    assert "Beschäftigung" in rows[0]
    assert _missing_rows(page, "Samir Wartefrist") == []
