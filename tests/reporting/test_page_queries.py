"""Issue 16 QA (pages slow on the demo): the reports list, a report, the dashboard and the
open statistics read a fixed number of queries, whatever the amount of data (1 vs 3 items)."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.reporting import services
from lotse.reporting.models import Report
from lotse.reporting.statistics.services import statistics_publication_save
from tests.conftest import Network, client_for
from tests.events.helpers import jobcenter_staff, multiplier_training
from tests.reporting.helpers import YEAR_END, YEAR_START, esf_person

pytestmark = pytest.mark.django_db


def _queries(client: Any, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="de").status_code == 200
    return len(captured)


def _grow(net: Network, n: int) -> None:
    for i in range(n):
        esf_person(
            net.counsellor,
            first_names=f"Person{i}",
            exit_on=datetime.date(2026, 6, 1),
            situation="employed",
        )
        jobcenter_staff(net, multiplier_training(net, title=f"Schulung {i}"), count=3)
        services.report_request(
            actor=net.coordinator,
            network=net.owner.network,
            organisation=[None, net.owner, net.other][i % 3],
            key=["esf", "network", "gemeinsam-klappts"][i % 3],
            start=YEAR_START,
            end=YEAR_END,
        )


def _same_for_one_and_three(net: Network, measure: Callable[[], int]) -> None:
    _grow(net, 1)
    one = measure()
    _grow(net, 2)
    assert measure() == one


def test_reports_list_queries_do_not_grow(net: Network) -> None:
    client = client_for(net.coordinator)
    _same_for_one_and_three(net, lambda: _queries(client, "/reports/"))


def test_report_page_and_files_read_four_queries(net: Network) -> None:
    _grow(net, 3)
    client = client_for(net.coordinator)
    report = Report.objects.filter(indicator_set="network").latest("pk")
    for url in (f"/reports/{report.pk}/", f"/reports/{report.pk}/xlsx/"):
        # Session, user, membership, the report with its network and organisation.
        assert _queries(client, url) == 4


def test_dashboard_queries_do_not_grow(net: Network) -> None:
    client = client_for(net.coordinator)
    _same_for_one_and_three(net, lambda: _queries(client, "/reports/dashboard/"))


def test_statistics_queries_do_not_grow(net: Network) -> None:
    statistics_publication_save(
        actor=net.coordinator,
        network=net.owner.network,
        public=True,
        threshold=3,
        expected_version=None,
    )
    url = f"/reports/statistics/{net.owner.network_id}/?year=2026"
    client = client_for(net.coordinator)
    _same_for_one_and_three(net, lambda: _queries(client, url))
