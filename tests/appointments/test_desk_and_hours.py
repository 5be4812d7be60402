"""The front desk (today / this week, attended or not), booking against consultation hours as
a slot grid, a confirmed time outside the hours, refusals next to their fields, and the page
where counsellors say where and when they counsel."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.appointments import selectors
from lotse.appointments.models import Appointment, CounsellorHours
from lotse.audit.models import AuditEvent
from tests.appointments.helpers import at, begun, book, german, next_weekday, site_of
from tests.conftest import Network

pytestmark = pytest.mark.django_db


def _hours(net: Network, weekday: int = 0, start: int = 12, end: int = 15) -> CounsellorHours:
    return CounsellorHours.objects.create(
        network=net.participant.network,
        counsellor=net.counsellor,
        site=site_of(net),
        weekday=weekday,
        starts_at=datetime.time(start),
        ends_at=datetime.time(end),
    )


def _desk(net: Network, query: str) -> str:
    page = german(net.team_lead).get(reverse("appointments:desk") + query)
    assert page.status_code == 200
    return page.content.decode()


def test_the_desk_tabs_are_links_to_today_and_this_week(net: Network) -> None:
    today = timezone.localdate()
    site = site_of(net).pk
    text = _desk(net, "")
    tabs = re.findall(
        r'<a class="kern-link lotse-tab" href="([^"]+)"( aria-current="page")?>([^<]+)</a>', text
    )
    assert tabs == [
        (f"?site={site}&amp;view=day&amp;date={today:%Y-%m-%d}", ' aria-current="page"', "Heute"),
        (f"?site={site}&amp;view=week&amp;date={today:%Y-%m-%d}", "", "Diese Woche"),
    ]
    week = _desk(net, f"?site={site}&view=week&date={today:%Y-%m-%d}")
    assert 'aria-current="page">Diese Woche</a>' in week
    assert "Alle Zeiten in Ortszeit (Europe/Berlin)." in week


def test_the_desk_s_week_lists_each_day_s_appointments(net: Network) -> None:
    monday = next_weekday(0)
    book(net, interpreter_language="ar")
    book(
        net,
        starts_at=at(monday + datetime.timedelta(days=3), 9),
        ends_at=at(monday + datetime.timedelta(days=3), 9, 30),
    )
    text = _desk(net, f"?site={site_of(net).pk}&view=week&date={monday:%Y-%m-%d}")
    thursday = monday + datetime.timedelta(days=3)
    days = re.findall(r'<h2 class="kern-heading-small" id="h-day-([\d-]+)">', text)
    assert days == [f"{monday + datetime.timedelta(days=n):%Y-%m-%d}" for n in range(7)]
    # Monday, the first day with appointments, is open with its rows; Thursday loads its own.
    assert f'<details class="lotse-box lotse-desk-day" id="day-{monday:%Y-%m-%d}" open>' in text
    assert text.count('<tr class="kern-table__row">\n  <td') == 1
    assert "Arabisch" in text
    assert "1 braucht Sprachmittlung" in text
    assert f'date={thursday:%Y-%m-%d}"\n  hx-trigger="toggle once"' in text


def test_the_desk_records_attended_or_not_once_begun(net: Network) -> None:
    coming = book(net)
    started = begun(net)
    text = _desk(net, f"?site={site_of(net).pk}")
    # Buttons only for the appointment that has begun.
    assert text.count('name="status" value="done"') == 1
    mark = reverse("appointments:mark", args=[net.participant.pk, started.pk])
    assert f'action="{mark}"' in text
    client = german(net.team_lead)
    back = reverse("appointments:desk") + f"?site={site_of(net).pk}"
    answer = client.post(mark, {"status": "missed", "version": started.version, "next": back})
    assert answer.status_code == 302
    assert answer["Location"] == back
    started.refresh_from_db()
    assert started.status == "missed"
    shown = client.get(back)
    assert "<strong>nicht erschienen</strong>" in shown.content.decode()
    # The coming one is refused with a German reason; the page says it, nothing changes.
    early = reverse("appointments:mark", args=[net.participant.pk, coming.pk])
    refused = client.post(
        early, {"status": "done", "version": coming.version, "next": back}, follow=True
    )
    assert "Dieser Termin hat noch nicht begonnen" in refused.content.decode()
    coming.refresh_from_db()
    assert coming.status == "planned"
    assert AuditEvent.objects.filter(action="appointments.appointment.marked").count() == 1


def test_marking_is_for_those_who_work_on_the_case(net: Network) -> None:
    started = begun(net)
    mark = reverse("appointments:mark", args=[net.participant.pk, started.pk])
    for user in (net.third_counsellor, net.volunteer, net.coordinator):
        assert german(user).post(mark, {"status": "done", "version": 1}).status_code == 404
    started.refresh_from_db()
    assert started.status == "planned"


def test_booking_shows_the_day_as_a_grid_and_offers_the_next_free_slots(net: Network) -> None:
    _hours(net, weekday=0, start=12, end=14)
    monday = next_weekday(0)
    book(net, starts_at=at(monday, 12, 30), ends_at=at(monday, 13))
    url = reverse("appointments:book", args=[net.participant.pk])
    client = german(net.counsellor)
    page = client.get(url + f"?counsellor={net.counsellor.pk}&day={monday:%Y-%m-%d}")
    text = page.content.decode()
    grid = re.findall(
        r"(\d\d:\d\d)(?:<span\s+class=\"lotse-button-sr-only\">[^<]*</span>)?"
        r" · (Hauptstelle|nicht frei)",
        text,
    )
    assert grid == [
        ("12:00", "Hauptstelle"),
        ("12:30", "nicht frei"),
        ("13:00", "Hauptstelle"),
        ("13:30", "Hauptstelle"),
    ]
    assert "3 freie Termine." in text
    taken = {
        "counsellor": net.counsellor.pk,
        "starts_at": at(monday, 12, 30).isoformat(),
        "site": site_of(net).pk,
    }
    refused = client.post(url, taken)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Die Berater*in hat zu dieser Zeit einen anderen Termin." in text
    assert "Die nächsten freien Termine:" in text
    alternatives = re.findall(
        r'name="starts_at" value="([^"]+)"',
        text.split('id="refusal"')[1].split("</div>\n</div>")[0],
    )
    assert alternatives[:2] == [at(monday, 13).isoformat(), at(monday, 13, 30).isoformat()]
    outside = client.post(url, {**taken, "starts_at": at(monday, 9).isoformat()})
    assert "Diese Zeit liegt außerhalb der Sprechzeiten der Berater*in." in outside.content.decode()
    assert Appointment.objects.count() == 1


def _form(day: datetime.date, **values: str) -> dict[str, str]:
    return {
        "kind": "counselling",
        "day": day.isoformat(),
        "starts": "10:00",
        "ends": "10:30",
        "place": "site",
        "status": "confirmed",
        **values,
    }


def test_confirming_outside_the_hours_asks_first(net: Network) -> None:
    _hours(net, weekday=0)
    monday = next_weekday(0)
    url = reverse("appointments:add", args=[net.participant.pk])
    client = german(net.counsellor)
    data = _form(monday, site=str(site_of(net).pk), counsellor=str(net.counsellor.pk))
    asked = client.post(url, data)
    assert asked.status_code == 200
    text = asked.content.decode()
    assert 'id="id_confirm_outside_hours"' in text
    assert (
        "Diese Zeit liegt außerhalb der Sprechzeiten der Berater*in. Setzen Sie das Häkchen, "
        "um sie trotzdem zu bestätigen."
    ) in text
    assert not Appointment.objects.exists()
    # Planned (not confirmed), or inside the hours, it does not ask.
    assert 'id="id_confirm_outside_hours"' not in client.get(url).content.decode()
    assert client.post(url, {**data, "confirm_outside_hours": "on"}).status_code == 302
    assert Appointment.objects.get().status == "confirmed"


def test_a_refusal_stands_next_to_its_field(net: Network) -> None:
    book(net)
    monday = next_weekday(0)
    url = reverse("appointments:add", args=[net.participant.pk])
    answer = german(net.counsellor).post(
        url,
        _form(
            monday, site=str(site_of(net).pk), counsellor=str(net.counsellor.pk), status="planned"
        ),
    )
    text = answer.content.decode()
    error = re.search(
        r'<p class="kern-error" id="id_counsellor_error" role="alert">([^<]+)</p>', text
    )
    assert error is not None
    assert error.group(1) == "Die Berater*in hat zu dieser Zeit einen anderen Termin."
    assert Appointment.objects.count() == 1


def test_the_interpreter_choice_has_counsellors_and_team_leads_only(net: Network) -> None:
    page = german(net.counsellor).get(reverse("appointments:add", args=[net.participant.pk]))
    select = page.content.decode().split('id="id_interpreter"')[1].split("</select>")[0]
    values = set(re.findall(r'<option value="(\d+)"', select))
    case_workers = {
        net.counsellor,
        net.colleague,
        net.team_lead,
        net.other_counsellor,
        net.third_counsellor,
    }
    assert values == {str(user.pk) for user in case_workers}


def test_a_counsellor_keeps_their_hours(net: Network) -> None:
    url = reverse("appointments:hours")
    client = german(net.counsellor)
    page = client.get(url)
    assert page.status_code == 200
    state = selectors.hours_state([])
    site = site_of(net).pk
    add = {
        "action": "add",
        "state": state,
        "site": site,
        "by_appointment": "",
        "weekday": "3",
        "starts_at": "12:00",
        "ends_at": "15:00",
    }
    assert client.post(url, add).status_code == 302
    [entry] = selectors.hours_entries(net.counsellor)
    assert (entry.weekday, entry.starts_at, entry.ends_at) == (
        3,
        datetime.time(12),
        datetime.time(15),
    )
    # The page that still shows the old set is refused; the new page's overlap too.
    stale = client.post(url, {**add, "weekday": "1"})
    assert "Jemand anderes hat diese Sprechzeiten geändert" in stale.content.decode()
    fresh = selectors.hours_state(selectors.hours_entries(net.counsellor))
    overlap = client.post(url, {**add, "state": fresh, "starts_at": "14:00", "ends_at": "16:00"})
    assert (
        'id="id_starts_at_error" role="alert">'
        "Diese Zeiten überschneiden sich mit Donnerstag 12:00–15:00 in Hauptstelle.</p>"
    ) in overlap.content.decode()
    by_appointment = client.post(
        url, {"action": "add", "state": fresh, "site": site, "by_appointment": "1"}
    )
    assert by_appointment.status_code == 302
    entries = selectors.hours_entries(net.counsellor)
    assert [h.by_appointment for h in entries] == [False, True]
    text = client.get(url).content.decode()
    assert "nach Vereinbarung" in text
    # Removed again; the free slots follow the hours.
    state = selectors.hours_state(entries)
    assert (
        client.post(url, {"action": "remove", "state": state, "entry": entries[0].pk}).status_code
        == 302
    )
    assert [h.by_appointment for h in selectors.hours_entries(net.counsellor)] == [True]
    assert AuditEvent.objects.filter(action__startswith="appointments.hours.").count() == 3


def test_hours_without_a_weekday_are_refused_next_to_the_field(net: Network) -> None:
    client = german(net.counsellor)
    answer = client.post(
        reverse("appointments:hours"),
        {
            "action": "add",
            "state": selectors.hours_state([]),
            "site": site_of(net).pk,
            "by_appointment": "",
            "starts_at": "15:00",
            "ends_at": "12:00",
        },
    )
    text = answer.content.decode()
    assert 'id="id_weekday_error" role="alert">Wählen Sie den Wochentag.</p>' in text
    assert (
        'id="id_ends_at_error" role="alert">Die Sprechzeit muss nach ihrem Beginn enden.</p>'
        in text
    )
    assert not CounsellorHours.objects.exists()


def test_a_team_lead_keeps_the_hours_of_their_team(net: Network) -> None:
    url = reverse("appointments:hours") + f"?counsellor={net.counsellor.pk}"
    lead = german(net.team_lead)
    assert lead.get(url).status_code == 200
    answer = lead.post(
        url,
        {
            "action": "add",
            "counsellor": net.counsellor.pk,
            "state": selectors.hours_state([]),
            "site": site_of(net).pk,
            "by_appointment": "1",
        },
    )
    assert answer.status_code == 302
    assert CounsellorHours.objects.get().counsellor == net.counsellor
    # A colleague cannot; another organisation's team or a volunteer neither.
    assert german(net.colleague).get(url).status_code == 404
    assert german(net.other_counsellor).get(url).status_code == 404
    assert german(net.volunteer).get(reverse("appointments:hours")).status_code == 403


def test_by_appointment_hours_make_any_time_at_that_site_a_time_in_hours(net: Network) -> None:
    from lotse.appointments import slots

    _hours(net, weekday=0)
    CounsellorHours.objects.create(
        network=net.participant.network,
        counsellor=net.counsellor,
        site=site_of(net),
        by_appointment=True,
    )
    monday = next_weekday(0)
    assert slots.within_hours(net.counsellor, at(monday, 9), at(monday, 9, 30), site=site_of(net))
    assert not slots.within_hours(net.counsellor, at(monday, 9), at(monday, 9, 30))
    assert [
        s.starts_at
        for s in slots.free_slots(net.counsellor, monday, 1, network_id=net.participant.network_id)
    ][:1] == [at(monday, 12)]


def test_the_desk_reads_the_same_queries_for_one_or_three_appointments(net: Network) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monday = next_weekday(0)
    client = german(net.team_lead)
    url = reverse("appointments:desk") + f"?site={site_of(net).pk}&view=week&date={monday}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    book(net, interpreter_language="ar")
    one = queries()
    book(net, starts_at=at(monday, 11), ends_at=at(monday, 11, 30), interpreter=net.colleague)
    tuesday = monday + datetime.timedelta(days=1)
    book(net, starts_at=at(tuesday, 9), ends_at=at(tuesday, 9, 30), counsellor=net.colleague)
    assert queries() == one


def test_my_appointments_have_a_today_button_and_a_date_field(net: Network) -> None:
    started = begun(net, minutes_ago=1)
    today = timezone.localdate()
    page = german(net.counsellor).get(reverse("appointments:mine") + "?date=2026-01-05")
    text = page.content.decode()
    assert '<input class="kern-form-input__input" id="mine-date" type="date" name="date"' in text
    assert re.search(r'href="\?view=day&amp;date=' + today.isoformat() + r'"[^>]*>\s*<span', text)
    assert "Alle Zeiten in Ortszeit (Europe/Berlin)." in text
    shown = german(net.counsellor).get(reverse("appointments:mine")).content.decode()
    assert f"{today:%d.%m.%Y} (heute)" in shown
    assert net.participant.file_number in shown
    assert started.pk
