"""Issue 16 QA on the dashboard: the referrals' and events' panels, the period fields filled,
an organisation name ending in a full stop, long category names on a horizontal axis, and the
page's queries."""

import datetime
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from lotse.core.dashboard import Period, Scope
from lotse.events.dashboard import events_panel
from lotse.referrals import services as referral_services
from lotse.referrals.dashboard import referrals_panel
from lotse.reporting import dashboard
from tests.conftest import Network, client_for
from tests.events.helpers import jobcenter_staff, multiplier_training, school_course
from tests.referrals.helpers import refer, referral_consent

pytestmark = pytest.mark.django_db

YEAR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _german(user: Any) -> Any:
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return client


def test_referrals_panel_counts_open_referrals_by_age_and_overdue(net: Network) -> None:
    referral_consent(net)
    fresh = refer(net)
    old = refer(net, request="Zweiter Kurs")
    # Sent 20 days ago and not answered in time.
    type(old).objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=20),
        due_on=timezone.localdate() - datetime.timedelta(days=6),
    )
    accepted = referral_services.referral_accept(
        actor=net.third_counsellor, referral=fresh, expected_version=fresh.version
    )
    assert accepted.status == "accepted"
    with translation.override("de"):
        data = referrals_panel(Scope(net.owner.network_id), YEAR)
        assert [(str(f.label), f.value) for f in data.figures] == [
            ("Offene Weiterleitungen", 2),
            ("Antwortfrist überschritten", 1),
        ]
        assert data.chart is not None
        assert list(data.chart.labels) == [
            "bis 7 Tage",
            "8 bis 14 Tage",
            "15 bis 28 Tage",
            "mehr als 28 Tage",
        ]
        assert [list(s.values) for s in data.chart.series] == [
            [0, 0, 1, 0],
            [1, 0, 0, 0],
            [0, 0, 0, 0],
        ]
    other = referrals_panel(Scope(net.owner.network_id, net.other.pk), YEAR)
    assert other.chart is None
    assert [f.value for f in other.figures] == [0, 0]


def test_events_panel_counts_events_and_people_reached_by_kind(net: Network) -> None:
    training = multiplier_training(net)
    jobcenter_staff(net, training, count=12)
    course = school_course(net, sessions=2)
    jobcenter_staff(net, course, count=20)
    data = events_panel(Scope(net.owner.network_id), YEAR)
    assert [f.value for f in data.figures] == [2, 32, 12]
    assert data.chart is not None
    assert data.chart.horizontal
    assert [list(s.values) for s in data.chart.series] == [[1, 1], [12, 20]]
    before = events_panel(
        Scope(net.owner.network_id), Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    )
    assert [f.value for f in before.figures] == [0, 0, 0]
    assert before.chart is None


def test_the_new_panels_are_registered() -> None:
    keys = [panel.key for panel in dashboard.registered()]
    assert "referrals" in keys
    assert "events" in keys


def test_period_fields_show_the_current_year(net: Network) -> None:
    response = _german(net.coordinator).get("/reports/dashboard/")
    year = timezone.localdate().year
    text = response.content.decode()
    assert (
        f'name="start" value="01.01.{year}"' in text or f'name="start" value="{year}-01-01"' in text
    )
    assert f'name="end" value="31.12.{year}"' in text or f'name="end" value="{year}-12-31"' in text


def test_an_organisation_ending_in_a_full_stop_gets_one(net: Network) -> None:
    net.owner.name = "Caritas Musterstadt e.V."
    net.owner.save()
    response = _german(net.team_lead).get("/reports/dashboard/")
    text = response.content.decode()
    assert (
        "Zahlen von Caritas Musterstadt e.V. " in text
        or "Zahlen von Caritas Musterstadt e.V.\n" in text
    )
    assert "e.V.." not in text


def test_category_charts_lie_on_their_side(net: Network) -> None:
    training = multiplier_training(net)
    jobcenter_staff(net, training, count=3)
    text = _german(net.coordinator).get("/reports/dashboard/").content.decode()
    chart = json.loads(
        text.split('<script id="chart-events" type="application/json">')[1].split("</script>")[0]
    )
    assert chart["horizontal"] is True
    movement = json.loads(
        text.split('<script id="chart-movement" type="application/json">')[1].split("</script>")[0]
    )
    assert movement["horizontal"] is False


def test_dashboard_queries_do_not_grow_with_the_data(net: Network) -> None:
    def count() -> int:
        cache.clear()
        client = _german(net.coordinator)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/reports/dashboard/").status_code == 200
        return len(queries)

    empty = count()
    referral_consent(net)
    refer(net)
    refer(net, request="Zweiter Kurs")
    for _ in range(3):
        jobcenter_staff(net, multiplier_training(net), count=4)
    assert count() == empty


def test_placements_panel_counts_starts_running_and_stability(net: Network) -> None:
    from lotse.placements.placements.dashboard import placements_panel
    from tests.placements.placement_helpers import enrolled, place

    enrolled(net)
    place(net, starts_on=datetime.date(2025, 4, 1))
    year = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    with translation.override("de"):
        data = placements_panel(Scope(net.owner.network_id), year)
        assert [f.value for f in data.figures] == [1, 1, 0, 1]
        assert data.chart is not None
        assert (
            dict(zip(data.chart.labels, data.chart.series[0].values, strict=True))[
                "Sozialversicherungspflichtige Beschäftigung"
            ]
            == 1
        )
    other = placements_panel(Scope(net.owner.network_id), YEAR)
    assert other.chart is None
