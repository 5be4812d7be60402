"""Dashboards: the coordinator counts the network, a team lead the organisation, a counsellor
the own caseload; every number is an aggregate, and other roles have no dashboard."""

import datetime
import importlib.machinery
import json
import sys
import types
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from lotse.core.dashboard import DashboardPanel, PanelData, Period, Scope
from lotse.network.enums import Role
from lotse.participants import services
from lotse.reporting import dashboard
from lotse.reporting.dashboard.selectors import headline, movement, outcomes, residence
from tests.conftest import Network, client_for
from tests.factories import member, participant_for

YEAR = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def _enrolled(
    counsellor: Any, entry: str, exit_on: str | None = None, outcome: str = "", **person: Any
) -> Any:
    participant = participant_for(counsellor, **person)
    services.participant_enrol(
        actor=counsellor, participant=participant, entry_date=datetime.date.fromisoformat(entry)
    )
    if exit_on:
        services.participant_exit(
            actor=counsellor,
            participant=participant,
            exit_date=datetime.date.fromisoformat(exit_on),
            outcome=outcome,
        )
    return participant


@pytest.fixture
def cases(net: Network) -> Network:
    """Five cases of the owner organisation (four the counsellor's, one the colleague's) and one
    of another organisation."""
    _enrolled(net.counsellor, "2025-11-03", first_names="Amal")
    _enrolled(net.counsellor, "2026-02-10", "2026-05-20", "employment", first_names="Bashir")
    _enrolled(
        net.counsellor, "2026-02-15", "2026-08-31", "vocational_training", first_names="Chadi"
    )
    _enrolled(net.counsellor, "2026-03-01", "2026-04-30", "dropped_out", first_names="Dunja")
    _enrolled(net.colleague, "2026-03-05", first_names="Emine")
    _enrolled(net.other_counsellor, "2026-06-01", "2026-07-15", "employment", first_names="Farid")
    return net


def test_headline_counts_participants_of_the_period_and_those_placed(cases: Network) -> None:
    network = Scope(cases.owner.network_id)
    organisation = Scope(cases.owner.network_id, cases.owner.pk)
    caseload = Scope(cases.owner.network_id, cases.owner.pk, cases.counsellor.pk)
    assert headline(network, YEAR).extra == {"participants": 6, "placed": 3}
    assert headline(organisation, YEAR).extra == {"participants": 5, "placed": 2}
    assert headline(caseload, YEAR).extra == {"participants": 4, "placed": 2}
    before = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert headline(network, before).extra == {"participants": 1, "placed": 0}


def test_movement_counts_entries_exits_and_active_cases_per_month(cases: Network) -> None:
    chart = movement(Scope(cases.owner.network_id, cases.owner.pk), YEAR).chart
    assert chart is not None
    entries, exits, active = (list(series.values) for series in chart.series)
    assert entries == [0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert exits == [0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    # Amal entered in November 2025 and is active from the start.
    assert active == [1, 3, 5, 4, 3, 3, 3, 2, 2, 2, 2, 2]
    assert len(chart.labels) == 12


def test_a_re_entry_is_counted_as_an_entry_again(net: Network) -> None:
    person = _enrolled(net.counsellor, "2026-01-05", "2026-02-10", "other")
    services.participant_enrol(
        actor=net.counsellor, participant=person, entry_date=datetime.date(2026, 4, 1)
    )
    chart = movement(Scope(net.owner.network_id), YEAR).chart
    assert chart is not None
    entries, _exits, active = (list(series.values) for series in chart.series)
    assert entries[:4] == [1, 0, 0, 1]
    assert active[:4] == [1, 0, 0, 1]


def test_outcomes_count_exits_of_the_period_by_outcome(cases: Network) -> None:
    data = outcomes(Scope(cases.owner.network_id), YEAR)
    assert data.chart is not None
    assert dict(zip(data.chart.labels, data.chart.series[0].values, strict=True)) == {
        "Beschäftigung": 2,
        "Ausbildung": 1,
        "Abbruch": 1,
    }


def test_residence_counts_documents_of_open_cases_and_upcoming_expiries(net: Network) -> None:
    today = timezone.localdate()
    # The persona's Gestattung runs until 9 January 2027.
    person = participant_for(net.counsellor, first_names="Gül")
    services.residence_document_record(
        actor=net.counsellor,
        participant=person,
        document_type="duldung",
        issued_on=today - datetime.timedelta(days=100),
        valid_until=today + datetime.timedelta(days=30),
    )
    participant_for(net.counsellor, first_names="Hana")
    with translation.override("en"):
        data = residence(Scope(net.owner.network_id, net.owner.pk), YEAR)
    assert data.chart is not None
    rows = {
        label: [series.values[i] for series in data.chart.series]
        for i, label in enumerate(data.chart.labels)
    }
    assert rows == {
        "Aufenthaltsgestattung (§ 55 AsylG)": [
            1,
            int(net.participant.document_valid_until <= today + datetime.timedelta(days=90)),
        ],
        "Duldung (§ 60a AufenthG)": [1, 1],
        "none recorded": [1, 0],
    }
    assert [figure.value for figure in data.figures] == [sum(rows[k][1] for k in rows), 0]


def test_the_kernels_panels_read_two_queries(
    cases: Network, django_assert_num_queries: Any
) -> None:
    scope = Scope(cases.owner.network_id, cases.owner.pk, cases.counsellor.pk)
    # The status changes and the participants, each read once for two panels.
    with django_assert_num_queries(2):
        for compute in (headline, movement, outcomes, residence):
            compute(scope, YEAR)


def _page(client: Client, query: str = "") -> Any:
    return client.get(f"/reports/dashboard/{query}", HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize("persona", ["coordinator", "team_lead", "counsellor"])
def test_the_dashboard_shows_the_roles_scope_without_names(cases: Network, persona: str) -> None:
    response = _page(client_for(getattr(cases, persona)), "?start=2026-01-01&end=2026-12-31")
    assert response.status_code == 200
    expected = {"coordinator": (6, 3), "team_lead": (5, 2), "counsellor": (4, 2)}[persona]
    text = response.content.decode()
    assert f"{expected[0]} participants, of whom {expected[1]} placed" in text
    for name in ("Amal", "Bashir", "Farid", "Al-Masri"):
        assert name not in text


def test_a_funder_sees_the_network(cases: Network) -> None:
    funder = member(cases.municipality, Role.FUNDER, "foerderer")
    response = _page(client_for(funder), "?start=2026-01-01&end=2026-12-31")
    assert "6 participants, of whom 3 placed" in response.content.decode()


@pytest.mark.parametrize("persona", ["volunteer", "data_protection"])
def test_roles_without_a_dashboard_are_refused(net: Network, persona: str) -> None:
    assert _page(client_for(getattr(net, persona))).status_code == 403


def test_charts_come_as_json_with_a_table_behind_them(cases: Network) -> None:
    response = _page(client_for(cases.coordinator), "?start=2026-01-01&end=2026-12-31")
    text = response.content.decode()
    assert '<script id="chart-movement" type="application/json">' in text
    chart = json.loads(
        text.split('<script id="chart-movement" type="application/json">')[1].split("</script>")[0]
    )
    assert chart["datasets"][0] == {
        "label": "Entries",
        "data": [0, 2, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    }
    assert "<details" in text
    assert "as a table" in text
    assert "/static/chartjs/chart.umd.min.js" in text


def test_a_period_that_ends_before_it_starts_is_refused(cases: Network) -> None:
    response = _page(client_for(cases.coordinator), "?start=2026-06-01&end=2026-01-01")
    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()
    # The calendar year stays shown.
    assert response.context["period"].start.month == 1


def test_an_app_adds_its_panel_through_the_registry(cases: Network) -> None:
    seen: list[Scope] = []

    def compute(scope: Scope, period: Period) -> PanelData | None:
        seen.append(scope)
        return None if scope.organisation_id else PanelData(note="Plug-in panel speaking")

    dashboard.register(DashboardPanel(key="plugin", title="Plug-in", compute=compute))
    try:
        assert "Plug-in panel speaking" in _page(client_for(cases.coordinator)).content.decode()
        assert "Plug-in panel speaking" not in _page(client_for(cases.team_lead)).content.decode()
    finally:
        dashboard.unregister("plugin")
    assert seen == [Scope(cases.owner.network_id), Scope(cases.owner.network_id, cases.owner.pk)]


def test_discover_registers_the_panels_of_an_apps_dashboard_module(monkeypatch: Any) -> None:
    module = types.ModuleType("lotse.inbox.dashboard")
    module.__spec__ = importlib.machinery.ModuleSpec("lotse.inbox.dashboard", None)
    module.DASHBOARD_PANELS = (  # type: ignore[attr-defined]
        DashboardPanel(key="waiting", title="Waiting", compute=lambda _scope, _period: None),
    )
    monkeypatch.setitem(sys.modules, "lotse.inbox.dashboard", module)
    try:
        dashboard.discover()
        assert "waiting" in [panel.key for panel in dashboard.registered()]
    finally:
        dashboard.unregister("waiting")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        # Year 9999 overflowed the month arithmetic of the charts (a server error).
        (
            "?start=0001-01-01&end=9999-12-31",
            "start",
            "Wählen Sie einen Tag zwischen 1950 und 2100.",
        ),
        ("?end=9999-12-31", "end", "Wählen Sie einen Tag zwischen 1950 und 2100."),
        # Two centuries drew 2,400 monthly points: a page of megabytes.
        (
            "?start=1950-01-01&end=2100-12-31",
            "end",
            "Wählen Sie einen Zeitraum von höchstens 10 Jahren.",
        ),
    ],
)
def test_a_period_beyond_reason_is_refused_in_german(
    cases: Network, query: str, field: str, message: str
) -> None:
    response = client_for(cases.coordinator).get(
        f"/reports/dashboard/{query}", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    # The calendar year stays shown.
    period = response.context["period"]
    assert (period.start, period.end) == (
        datetime.date(timezone.localdate().year, 1, 1),
        datetime.date(timezone.localdate().year, 12, 31),
    )


def test_ten_years_are_still_a_period(cases: Network) -> None:
    response = client_for(cases.coordinator).get(
        "/reports/dashboard/?start=2017-01-01&end=2026-12-31", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {}
    assert response.context["period"].start == datetime.date(2017, 1, 1)
    assert response.context["period"].end == datetime.date(2026, 12, 31)
