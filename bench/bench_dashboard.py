"""Dashboards at scale: the page as the coordinator (network), a team lead (organisation) and a
counsellor (caseload) open it, end to end through Django's test client, with the panels'
cache cleared before each request (cold: the figure the goal is about) and left (warm).

    .venv/bin/python bench/bench_dashboard.py --database-url sqlite:////tmp/dash.sqlite3 \
        --participants 10000 [--n 50]
    .venv/bin/python bench/bench_dashboard.py --database-url postgres://…/lotse_bench_dash

Seeds with `bench/seed.py` (one network per 25,000 participants; the first network is the
one measured, so the network's dashboard counts 25,000 cases and the rest of the table is
noise beside them) when the database has no bench network yet, and adds a coordinator.
Prints figures; asserts nothing. Goal (issue 16): p95 ≤ 300 ms at 100,000 participants on
PostgreSQL. Beside each page, the floor: `COUNT(*)` of the same scope's participants.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH_DIR))

from seed import BENCH_NETWORK, seed, setup_django  # noqa: E402

COORDINATOR = "bench.koordination"
PATH = "/reports/dashboard/?start={year}-01-01&end={year}-12-31"


def _coordinator() -> Any:
    from django.contrib.auth import get_user_model

    from lotse.network.enums import Role
    from lotse.network.models import Membership, Network, Organisation

    user_model = get_user_model()
    user = user_model.objects.filter(username=COORDINATOR).first()
    if user is None:
        network = Network.objects.get(name=BENCH_NETWORK.format(1))
        organisation = Organisation.objects.filter(network=network).order_by("pk").last()
        user = user_model.objects.create_user(COORDINATOR, password=None)
        Membership.objects.create(user=user, organisation=organisation, role=Role.COORDINATOR)
    return user


def _client(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[94]


def _measure(client: Any, path: str, n: int, *, cold: bool) -> tuple[list[float], int]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for i in range(n):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        if i == 0:
            queries = len(captured)
    return times, queries


def _floor(scope: Any, n: int) -> list[float]:
    from django_scopes import scopes_disabled

    from lotse.participants.models import Participant

    times = []
    with scopes_disabled():
        for _ in range(n):
            started = time.perf_counter()
            Participant.objects.filter(scope.participants()).count()
            times.append((time.perf_counter() - started) * 1000)
    return times


def run(n: int) -> None:
    import datetime

    from django_scopes import scopes_disabled

    from lotse.participants.models import Participant
    from lotse.reporting.dashboard import scope_of

    year = datetime.date.today().year
    path = PATH.format(year=year)
    with scopes_disabled():
        coordinator = _coordinator()
    personas = [
        ("coordinator (network)", coordinator.username),
        ("team lead (organisation)", "bench.leitung"),
        ("counsellor (500 cases)", "bench.gross"),
    ]
    print(
        f"{'page':28} {'cases':>8} {'cold p50':>9} {'cold p95':>9} {'warm p95':>9} "
        f"{'floor p95':>10} {'queries':>8}"
    )
    for label, username in personas:
        client = _client(username)
        from django.contrib.auth import get_user_model

        choice = scope_of(get_user_model().objects.get(username=username))
        assert choice is not None
        with scopes_disabled():
            cases = Participant.objects.filter(choice.scope.participants()).count()
        _measure(client, path, 3, cold=True)  # warm-up: connections, templates
        cold, queries = _measure(client, path, n, cold=True)
        warm, _ = _measure(client, path, n, cold=False)
        floor = _floor(choice.scope, n)
        print(
            f"{label:28} {cases:>8,} {statistics.median(cold):>8.1f}ms {_p95(cold):>8.1f}ms "
            f"{_p95(warm):>8.1f}ms {_p95(floor):>9.1f}ms {queries:>8}"
        )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Dashboard benchmark")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=50, help="requests per page and state")
    args = parser.parse_args(argv)
    os.environ.update(
        {
            "LOTSE_REQUIRE_OTP": "false",
            "LOTSE_DEBUG": "false",
            "LOTSE_SSL_REDIRECT": "false",
            "LOTSE_ALLOWED_HOSTS": "testserver",
            "LOTSE_DB_CONN_MAX_AGE": "600",
        }
    )
    setup_django(args.database_url)
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled

    from lotse.network.models import Network
    from lotse.participants.models import Participant, StatusChange

    call_command("migrate", verbosity=0)
    if not Network.objects.filter(name=BENCH_NETWORK.format(1)).exists():
        print(f"seeding {args.participants:,} participants ({connection.vendor}) …", flush=True)
        seed(participants=args.participants)
    with scopes_disabled():
        participants = Participant.objects.count()
        changes = StatusChange.objects.count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, "
        f"{participants:,} participants, {changes:,} status changes; N={args.n}"
    )
    run(args.n)


if __name__ == "__main__":
    main()
