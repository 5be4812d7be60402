"""Appointments in a real browser: a slot of the counsellor's consultation hours is booked from
the case, the front desk's day list shows who comes and who needs an interpreter, and the
reminder reaches the local SMTP server in Arabic."""

import datetime
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from playwright.sync_api import expect

from lotse.appointments.models import Appointment, CounsellorHours
from lotse.appointments.services import reminders_queue
from lotse.participants.models import Participant
from tests.appointments.helpers import next_weekday, site_of
from tests.conftest import Network
from tests.mail import Mailbox

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_booking_a_slot_the_front_desk_and_an_arabic_reminder(
    page: Any,
    live_server: Any,
    net: Network,
    smtp_server: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monday = next_weekday(0)
    CounsellorHours.objects.create(
        network=net.participant.network,
        counsellor=net.counsellor,
        site=site_of(net),
        weekday=0,
        starts_at=datetime.time(12),
        ends_at=datetime.time(15),
    )
    Participant.objects.filter(pk=net.participant.pk).update(
        preferred_language="ar", interpreter_needed=True, interpreter_language="ar"
    )
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")

    page.goto(f"{base}/participants/{net.participant.pk}/")
    # The section loads when scrolled to, as by the page's own navigation.
    page.locator(".lotse-page-nav a[href='#appointments']").click()
    page.get_by_role("link", name="Sprechstunde buchen").click()
    page.wait_for_url(f"{base}/appointments/case/{net.participant.pk}/book/")
    # The page opens on the first day with a free slot; the day field chooses another.
    page.fill("#id_day", monday.isoformat())
    page.get_by_role("button", name="Freie Termine zeigen").click()
    page.wait_for_url(re.compile(r".*day=" + monday.isoformat()))
    day_heading = page.get_by_role("heading", name=monday.strftime("%d.%m.%Y"), exact=False)
    assert day_heading.count() >= 1
    slot = re.compile(r"12:30\W+" + re.escape(f"{monday:%d.%m.%Y}") + r"\W+Hauptstelle")
    # The slot buttons stand side by side, each as wide as its time and site (they were
    # squeezed to a sliver with the site's name spilling out).
    widths = page.eval_on_selector_all(
        "ul.lotse-slots button", "els => els.map(e => [e.scrollWidth, e.clientWidth])"
    )
    assert widths
    assert [scroll <= client for scroll, client in widths] == [True] * len(widths)
    tops = page.eval_on_selector_all(
        "ul.lotse-slots li", "els => els.map(e => e.getBoundingClientRect().top)"
    )
    assert len(set(tops)) < len(tops)
    page.get_by_role("button", name=slot).click()
    page.wait_for_selector("text=Der Termin wurde gebucht.")
    booked = Appointment.objects.get()
    assert booked.interpreter_language == "ar"
    expect(page.locator("#appointments")).to_contain_text("12:30")  # loaded when in view

    page.goto(f"{base}/appointments/desk/?site={site_of(net).pk}&date={monday.isoformat()}")
    row = page.locator("main tbody tr", has_text="Al-Masri")
    assert "12:30" in row.inner_text()
    assert "Arabisch" in row.inner_text()
    assert "braucht Sprachmittlung" in page.locator("main caption").inner_text()
    # The tabs are links, reached by keyboard: "Diese Woche" from "Heute".
    page.get_by_role("link", name="Heute", exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Diese Woche"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*view=week.*"))
    assert (
        page.get_by_role("link", name="Diese Woche", exact=True).get_attribute("aria-current")
        == "page"
    )

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    assert reminders_queue(now=booked.starts_at - datetime.timedelta(hours=3)) == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    [message] = smtp_server.messages
    assert "تذكير" in str(message["Subject"])  # "reminder"
    assert "موعد" in Mailbox.text(message)
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    assert 'dir="rtl"' in html.get_content()


def test_a_counsellor_enters_consultation_hours_and_the_desk_records_who_came(
    page: Any, live_server: Any, net: Network
) -> None:
    from tests.appointments.helpers import at, begun

    started = begun(net, minutes_ago=10)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")

    page.goto(f"{base}/appointments/")
    page.get_by_role("link", name="Meine Sprechzeiten").click()
    page.wait_for_url(f"{base}/appointments/hours/")
    page.locator("#id_site").select_option(str(site_of(net).pk))
    page.locator("#id_weekday").select_option("3")
    page.locator("#id_starts_at").fill("12:00")
    page.locator("#id_ends_at").fill("15:00")
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_selector("text=Die Sprechzeit wurde gespeichert.")
    assert "Donnerstag, 12:00–15:00" in page.locator("main table").inner_text()
    page.get_by_label("Nach Vereinbarung (keine festen Zeiten)").check()
    page.locator("#id_site").select_option(str(site_of(net).pk))
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_selector("text=Die Sprechzeit wurde gespeichert.")
    assert "nach Vereinbarung" in page.locator("main table").inner_text()
    assert CounsellorHours.objects.filter(counsellor=net.counsellor).count() == 2

    page.goto(f"{base}/appointments/desk/")
    row = page.locator("main tbody tr", has_text="Al-Masri")
    row.get_by_role("button", name=re.compile("^nicht erschienen")).click()
    page.wait_for_selector("text=als „nicht erschienen“ erfasst")
    started.refresh_from_db()
    assert started.status == "missed"

    # Last week at the desk: Monday (its first day with appointments) comes open, Wednesday's
    # rows load when it is opened by keyboard; marking one there returns to Wednesday.
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 7)
    wednesday = monday + datetime.timedelta(days=2)
    begun(net, starts_at=at(monday, 9), ends_at=at(monday, 9, 30))
    later = begun(net, starts_at=at(wednesday, 14), ends_at=at(wednesday, 14, 30))
    page.goto(f"{base}/appointments/desk/?site={site_of(net).pk}&view=week&date={monday}")
    assert page.locator(f"#day-{monday}").get_attribute("open") == ""
    assert page.locator(f"#day-{wednesday} tbody").count() == 0
    summary = page.locator(f"#day-{wednesday} summary")
    assert summary.inner_text().endswith("1 Termin")
    summary.focus()
    page.keyboard.press("Enter")
    row = page.locator(f"#day-{wednesday} tbody tr", has_text="Al-Masri")
    assert "14:00" in row.inner_text()
    # The loaded rows keep the table's caption and headers; the focus stays where it was.
    assert "Mittwoch" in page.locator(f"#day-{wednesday} caption").inner_text()
    assert page.locator(f"#day-{wednesday} th").count() == 7
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    row.get_by_role("button", name=re.compile("^wahrgenommen")).click()
    page.wait_for_selector("text=als „wahrgenommen“ erfasst")
    assert page.url.endswith(f"&open={wednesday}#day-{wednesday}")
    assert page.locator(f"#day-{wednesday}").get_attribute("open") == ""
    later.refresh_from_db()
    assert later.status == "done"
