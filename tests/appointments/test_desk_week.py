"""The front desk's week: each day's counts from one query, the rows of one day on the page,
the other days' rows loaded when opened (`appointments:desk_day`), audited as they are sent,
and only for a site of the own organisation."""

import datetime
import re

import pytest
from django.urls import reverse

from lotse.appointments import selectors
from lotse.appointments.models import Appointment
from lotse.audit.models import AuditEvent
from lotse.network.models import Site
from tests.appointments.helpers import at, begun, book, german, next_weekday, site_of
from tests.audit.helpers import listed
from tests.conftest import Network
from tests.factories import SiteFactory, participant_for

pytestmark = pytest.mark.django_db


def _week(net: Network, monday: datetime.date, extra: str = "") -> str:
    url = reverse("appointments:desk") + f"?site={site_of(net).pk}&view=week&date={monday}{extra}"
    page = german(net.team_lead).get(url)
    assert page.status_code == 200
    return page.content.decode()


def _day(net: Network, day: datetime.date, user: object = None, site: Site | None = None) -> str:
    site = site or site_of(net)
    url = reverse("appointments:desk_day") + f"?site={site.pk}&date={day}"
    page = german(user or net.team_lead).get(url, headers={"HX-Request": "true"})
    assert page.status_code == 200
    return page.content.decode()


def _summaries(text: str) -> list[tuple[str, str]]:
    """Each day's heading and what its summary line says."""
    return [
        (heading, " ".join(counts.split()))
        for heading, counts in re.findall(
            r'id="h-day-[\d-]+">([^<]+)</h2>\s*<span class="kern-body">([^<]+)</span>', text
        )
    ]


def _last_event() -> int:
    """The log is append-only: a test reads the events written after this one."""
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _listed(since: int) -> list[int]:
    return sorted(listed("appointments.appointment.listed", pk__gt=since))


def test_the_week_counts_each_day_and_who_needs_an_interpreter(net: Network) -> None:
    monday = next_weekday(0)
    thursday = monday + datetime.timedelta(days=3)
    book(net, interpreter_language="ar")
    book(net, starts_at=at(monday, 11), ends_at=at(monday, 11, 30))
    book(net, starts_at=at(thursday, 9), ends_at=at(thursday, 9, 30), interpreter_name="Frau B.")
    # Cancelled appointments do not come: not counted.
    book(net, starts_at=at(thursday, 10), ends_at=at(thursday, 10, 30), status="cancelled")
    text = _week(net, monday)
    day = [f"{monday + datetime.timedelta(days=n):%d.%m.%Y}" for n in range(7)]
    assert _summaries(text) == [
        (f"Montag, {day[0]}", "2 Termine, davon 1 mit Sprachmittlung"),
        (f"Dienstag, {day[1]}", "Keine Termine."),
        (f"Mittwoch, {day[2]}", "Keine Termine."),
        (f"Donnerstag, {day[3]}", "1 Termin, davon 1 mit Sprachmittlung"),
        (f"Freitag, {day[4]}", "Keine Termine."),
        (f"Samstag, {day[5]}", "Keine Termine."),
        (f"Sonntag, {day[6]}", "Keine Termine."),
    ]
    assert "3 Termine, davon 2 mit Sprachmittlung" in " ".join(text.split())
    # Monday is open with its two rows; Thursday's rows are not sent, its link leads to the
    # day's own list without JavaScript.
    assert len(re.findall(r'<time datetime="', text)) == 2
    assert f'href="?site={site_of(net).pk}&amp;view=day&amp;date={thursday}"' in text
    assert "Frau B." not in text


def test_a_day_runs_from_midnight_to_midnight_berlin_time(net: Network) -> None:
    monday = next_weekday(0)
    tuesday = monday + datetime.timedelta(days=1)
    # 23:30 and 00:30 in Berlin are both Monday in UTC (22:30 and 23:30, or an hour earlier
    # in summer); the desk counts them on their local days.
    book(net, starts_at=at(monday, 23, 30), ends_at=at(tuesday, 0))
    book(net, starts_at=at(tuesday, 0, 30), ends_at=at(tuesday, 1), interpreter_language="fa")
    book(net, starts_at=at(tuesday, 23, 59), ends_at=at(tuesday + datetime.timedelta(1), 0, 29))
    counts = selectors.site_day_counts(net.team_lead, site_of(net), monday)
    assert counts == {
        monday: selectors.DayCount(1, 0),
        tuesday: selectors.DayCount(2, 1),
    }
    summaries = _summaries(_week(net, monday))
    assert summaries[:3] == [
        (f"Montag, {monday:%d.%m.%Y}", "1 Termin"),
        (f"Dienstag, {tuesday:%d.%m.%Y}", "2 Termine, davon 1 mit Sprachmittlung"),
        (f"Mittwoch, {tuesday + datetime.timedelta(1):%d.%m.%Y}", "Keine Termine."),
    ]
    times = re.findall(r'<time datetime="[^"]+">([^<]+)</time>', _day(net, tuesday))
    assert times == ["00:30–01:00", "23:59–00:29"]


def test_a_day_s_rows_load_on_their_own_with_the_table_s_caption_and_headers(
    net: Network,
) -> None:
    monday = next_weekday(0)
    thursday = monday + datetime.timedelta(days=3)
    book(net, starts_at=at(thursday, 9), ends_at=at(thursday, 9, 30), interpreter_language="uk")
    text = _day(net, thursday)
    caption = re.search(r'<caption class="kern-title">(.*?)</caption>', text, re.S)
    assert caption is not None
    assert " ".join(caption.group(1).split()) == (
        f"Hauptstelle, Donnerstag, {thursday:%d.%m.%Y} – 1 braucht Sprachmittlung"
    )
    assert re.findall(r'<th class="kern-table__header" scope="col">([^<]+)</th>', text) == [
        "Zeitpunkt",
        "Teilnehmende*r",
        "Art",
        "Berater*in",
        "Sprachmittlung",
        "Status",
        "Gekommen?",
    ]
    assert "Al-Masri" in text
    assert "Ukrainisch" in text
    assert "<html" not in text


def test_marking_from_a_loaded_day_returns_to_the_week_with_that_day_open(net: Network) -> None:
    started = begun(net)
    day = started.starts_at.astimezone().date()
    monday = day - datetime.timedelta(days=day.weekday())
    text = _day(net, day)
    back = (
        reverse("appointments:desk")
        + f"?site={site_of(net).pk}&view=week&date={monday}&open={day}#day-{day}"
    )
    assert f'name="next" value="{back.replace("&", "&amp;")}"' in text
    client = german(net.team_lead)
    mark = reverse("appointments:mark", args=[net.participant.pk, started.pk])
    answer = client.post(mark, {"status": "done", "version": started.version, "next": back})
    assert answer["Location"] == back
    week = client.get(back).content.decode()
    assert f'<details class="lotse-box lotse-desk-day" id="day-{day}" open>' in week
    assert "als „wahrgenommen“ erfasst" in week
    started.refresh_from_db()
    assert started.status == "done"


def test_the_open_parameter_opens_that_day_of_the_week(net: Network) -> None:
    monday = next_weekday(0)
    thursday = monday + datetime.timedelta(days=3)
    book(net)
    book(net, starts_at=at(thursday, 9), ends_at=at(thursday, 9, 30))
    text = _week(net, monday, f"&open={thursday}")
    assert f'id="day-{thursday}" open>' in text
    assert f'id="day-{monday}" open>' not in text
    # A day outside the week (or no date at all) is ignored: the first day with appointments.
    assert f'id="day-{monday}" open>' in _week(net, monday, "&open=2001-01-01")
    assert f'id="day-{monday}" open>' in _week(net, monday, "&open=2026-02-30")


def test_only_the_rows_sent_are_audited(net: Network) -> None:
    monday = next_weekday(0)
    thursday = monday + datetime.timedelta(days=3)
    later = participant_for(net.counsellor, first_names="Olena", last_name="Koval")
    book(net)
    Appointment.objects.create(
        network=later.network,
        participant=later,
        organisation=net.owner,
        kind="counselling",
        starts_at=at(thursday, 9),
        ends_at=at(thursday, 9, 30),
        site=site_of(net),
        counsellor=net.counsellor,
    )
    since = _last_event()
    text = _week(net, monday)
    assert "Koval" not in text
    assert _listed(since) == [net.participant.pk]
    assert "Koval" in _day(net, thursday)
    assert _listed(since) == sorted([net.participant.pk, later.pk])


def test_a_day_of_another_organisation_s_site_is_not_found(net: Network) -> None:
    monday = next_weekday(0)
    book(net)
    foreign = SiteFactory(organisation=net.other, name="Jobcenter Mitte")
    since = _last_event()
    day = reverse("appointments:desk_day")
    # The other organisation's counsellor asks for this organisation's site, and the
    # site's team lead for the other organisation's: neither exists for them.
    for user, site in ((net.other_counsellor, site_of(net)), (net.team_lead, foreign)):
        url = f"{day}?site={site.pk}&date={monday}"
        assert german(user).get(url).status_code == 404
    for query in (f"?site={site_of(net).pk}", f"?site=x&date={monday}", "?date=2026-02-30"):
        assert german(net.team_lead).get(day + query).status_code == 404
    # Those without the desk are refused before any site is looked at.
    for user in (net.volunteer, net.coordinator):
        url = f"{day}?site={site_of(net).pk}&date={monday}"
        assert german(user).get(url).status_code == 403
    assert _listed(since) == []


def test_a_shared_participant_of_another_organisation_is_not_on_its_desk(net: Network) -> None:
    """The fragment reads through `visible_filter` like the page: a participant the team
    lead's organisation does not see is not on the desk, even at its own site."""
    monday = next_weekday(0)
    stranger = participant_for(net.other_counsellor, first_names="Amir", last_name="Fremd")
    Appointment.objects.create(
        network=stranger.network,
        participant=stranger,
        organisation=net.other,
        kind="counselling",
        starts_at=at(monday, 9),
        ends_at=at(monday, 9, 30),
        site=site_of(net),
        counsellor=net.other_counsellor,
    )
    assert "Fremd" not in _day(net, monday)
    assert selectors.site_day_counts(net.team_lead, site_of(net), monday) == {}
