"""Page benchmark (issues 2 and 11, "Speed"): prints figures, asserts nothing.

    make bench                      # = .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py [--database-url URL] [--participants 100000] [--n 200]
                                  [--explain] [--pages-only] [--clock cpu]

Without --database-url it starts the local PostgreSQL (.ci/postgres-start), uses a database of
its own (`lotse_bench`), migrates it and seeds it once (bench/seed.py). Then, in one run and
in one process, it requests the pages through Django's test Client (in-process, so the time is
server time: middleware, view, queries, template) after a warm-up, N times each, in rounds
that request every case once (so machine noise hits all of them alike):

- floor: one indexed query shown in the base layout every page has, behind the same middleware
  (bench/floor_urls.py); the page goals are "≤ 3× the floor" (issue 11 restated them against
  this page, so that no page gains by rendering no template)
- a bare view doing the same query without a template, as a reference for reading the ratios
- the caseload of a counsellor with 500 and one with 50 participants, and of a team lead
- the participant page
- the search: part of a name, a transliteration variant, a date of birth, a file number

and prints median and p95 in ms, the number of queries, p95 / floor p95, and the goals.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

from seed import BENCH_NETWORK, seed, setup_django  # noqa: E402

BENCH_DATABASE = "lotse_bench"
PAGE_GOAL_MS, PAGE_FLOOR_FACTOR, SEARCH_GOAL_MS = 50.0, 3.0, 100.0


def _postgres_url() -> str:
    """Start the local PostgreSQL and make sure the benchmark's own database exists."""
    import psycopg

    base = (
        subprocess.run(
            [str(ROOT / ".ci" / "postgres-start")], check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return base.rsplit("/", 1)[0] + "/" + BENCH_DATABASE


@dataclass
class Result:
    name: str
    # "floor" (the layout-only page the goals are measured against), "reference" (a bare view
    # without template, for reading the ratios), "page", "filter" (a page's choice) or "search"
    kind: str
    median: float
    p95: float
    queries: int
    slowest: list[tuple[float, str]]


Case = tuple[str, str, Any, Callable[[int], str]]  # name, kind, client, path for request i


# Wall time by default. On a machine that other work keeps busy, `--clock cpu` counts the CPU
# time of the measuring thread instead (SQLite runs in it, so its queries count; PostgreSQL's
# work in the server does not): waiting for a core then leaves the figures alone.
CLOCKS = {"wall": time.perf_counter, "cpu": time.thread_time}
clock = CLOCKS["wall"]


def _get(client: Any, path: str) -> float:
    started = clock()
    response = client.get(path)
    elapsed = (clock() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def _measure_interleaved(plan: list[Case], n: int, warmup: int) -> list[Result]:
    """Round i requests every case once, so a busy moment of the machine hits the floor and
    the pages alike and the ratios stay comparable (measured one after the other, a floor
    p95 varied between 4 and 6 ms from run to run)."""
    for i in range(warmup):
        for _name, _kind, client, paths in plan:
            _get(client, paths(i))
    times: list[list[float]] = [[] for _ in plan]
    for i in range(n):
        for case_times, (_name, _kind, client, paths) in zip(times, plan, strict=True):
            case_times.append(_get(client, paths(i)))
    results = []
    for case_times, (name, kind, client, paths) in zip(times, plan, strict=True):
        count, slowest = _queries(client, paths(0))
        p95 = statistics.quantiles(case_times, n=100, method="inclusive")[94]
        results.append(Result(name, kind, statistics.median(case_times), p95, count, slowest))
    return results


def _queries(client: Any, path: str) -> tuple[int, list[tuple[float, str]]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    slowest = sorted(
        ((float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries), reverse=True
    )
    return len(captured), slowest[:3]


def _verdict(met: bool) -> str:
    return "ok" if met else "MISSED"


def _client_for(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def run(n: int, warmup: int, explain: bool, pages_only: bool = False) -> list[Result]:
    from django.db.models import Count
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from lotse.participants.access import shared_participant_ids
    from lotse.participants.models import Participant

    with scopes_disabled():
        big = list(
            Participant.objects.filter(counsellor__username="bench.gross")
            .annotate(contacts_n=Count("contacts"))
            .order_by("-contacts_n", "pk")
            .values_list("pk", "contacts_n", "organisation_id", "file_number")
        )
        organisation_id = big[0][2]
        born = (
            Participant.objects.filter(organisation_id=organisation_id, birth_date__isnull=False)
            .order_by("pk")
            .values_list("birth_date", flat=True)[1234]
        )
        file_number = (
            Participant.objects.filter(organisation_id=organisation_id)
            .order_by("pk")
            .values_list("file_number", flat=True)[4321]
        )
        rare_name, rare_count = (
            Participant.objects.filter(organisation_id=organisation_id)
            .values_list("last_name")
            .annotate(n=Count("pk"))
            .order_by("n", "last_name")
            .first()
        )
        shared_in = shared_participant_ids(organisation_id, timezone.localdate()).count()
    ids = [row[0] for row in big]
    counsellor, small, lead = (
        _client_for(u) for u in ("bench.gross", "bench.klein", "bench.leitung")
    )

    def each(pattern: str) -> Callable[[int], str]:
        return lambda i: pattern.format(ids[i % len(ids)])

    def same(path: str) -> Callable[[int], str]:
        return lambda _i: path

    plan: list[Case] = [
        ("bare view, 1 indexed query", "reference", counsellor, each("/bench/floor/{}/")),
        ("floor: base layout, same query", "floor", counsellor, each("/bench/layout/{}/")),
        ("caseload, counsellor (500)", "page", counsellor, same("/participants/")),
        ("caseload, counsellor (50)", "page", small, same("/participants/")),
        ("caseload, team lead (whole org.)", "page", lead, same("/participants/")),
        ("caseload, team lead, page 40", "page", lead, same("/participants/?page=40")),
        (
            f"filter: team lead, all incl. {shared_in} shared",
            "filter",
            lead,
            same("/participants/?counsellor="),
        ),
        ("participant page", "page", counsellor, each("/participants/{}/")),
        ("search 'Muham' (team lead)", "search", lead, same("/participants/?q=Muham")),
        (
            "search 'Mohamed Alhasan' (variant)",
            "search",
            lead,
            same("/participants/?q=Mohamed+Alhasan"),
        ),
        ("search 'Ahmadi' (counsellor)", "search", counsellor, same("/participants/?q=Ahmadi")),
        (
            f"search date of birth {born:%d.%m.%Y}",
            "search",
            lead,
            same(f"/participants/?q={born:%d.%m.%Y}"),
        ),
        (
            f"search file number {file_number}",
            "search",
            lead,
            same(f"/participants/?q={file_number}"),
        ),
    ]
    if pages_only:
        plan = [case for case in plan if case[1] in ("reference", "floor", "page")]
    print(f"  measuring {len(plan)} cases, {n} rounds after {warmup} warm-up rounds", flush=True)
    results = _measure_interleaved(plan, n, warmup)

    floor = next(r for r in results if r.kind == "floor")
    print()
    print(f"{'':38} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'p95/floor':>10}  goal")
    for r in results:
        ratio = r.p95 / floor.p95
        if r.kind == "page":
            goal = (
                f"≤ {PAGE_GOAL_MS:.0f} ms {_verdict(r.p95 <= PAGE_GOAL_MS)}, "
                f"≤ {PAGE_FLOOR_FACTOR:.0f}× floor {_verdict(ratio <= PAGE_FLOOR_FACTOR)}"
            )
        elif r.kind == "filter":
            goal = f"≤ {PAGE_GOAL_MS:.0f} ms {_verdict(r.p95 <= PAGE_GOAL_MS)} (a filter's choice)"
        elif r.kind == "search":
            goal = f"≤ {SEARCH_GOAL_MS:.0f} ms {_verdict(r.p95 <= SEARCH_GOAL_MS)}"
        else:
            goal = ""
        print(f"{r.name:38} {r.median:10.1f} {r.p95:8.1f} {r.queries:8d} {ratio:9.1f}×  {goal}")

    # Query counts must not grow with the rows behind a page.
    most, fewest = big[0], big[-1]
    detail_most = _queries(counsellor, f"/participants/{most[0]}/")[0]
    detail_fewest = _queries(counsellor, f"/participants/{fewest[0]}/")[0]
    by_name = {r.name: r for r in results}
    print()
    print("query counts independent of rows:")
    checks = [
        (
            "caseload 500 vs 50 participants",
            by_name["caseload, counsellor (500)"].queries,
            by_name["caseload, counsellor (50)"].queries,
        ),
        (
            "caseload team lead page 1 vs 40",
            by_name["caseload, team lead (whole org.)"].queries,
            by_name["caseload, team lead, page 40"].queries,
        ),
        (f"participant page {most[1]} vs {fewest[1]} contacts", detail_most, detail_fewest),
    ]
    if not pages_only:
        checks.append(
            (
                f"search 'Muham' vs '{rare_name}' ({rare_count}×), team lead",
                by_name["search 'Muham' (team lead)"].queries,
                _queries(lead, "/participants/?" + urlencode({"q": rare_name}))[0],
            )
        )
    for label, a, b in checks:
        print(f"  {label:42} {a:3d} vs {b:3d}  {'ok' if a == b else 'DIFFERENT'}")

    print()
    print("slowest queries per page (one request, ms):")
    for r in results:
        top = r.slowest[0] if r.slowest else (0.0, "")
        print(f"  {r.name:38} {top[0]:6.1f}  {top[1][:110]}")
    if explain:
        from django.db import connection

        if connection.vendor == "postgresql":
            for r in results[1:]:
                if r.slowest and r.slowest[0][1].lstrip().upper().startswith("SELECT"):
                    print(f"\nEXPLAIN ANALYZE, slowest query of {r.name}:")
                    print(_explain(r.slowest[0][1]))
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Lotse page benchmark")
    parser.add_argument("--database-url", help="default: local PostgreSQL, database lotse_bench")
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=200, help="requests per page")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE slow queries")
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="floor, caseloads and participant page only (SQLite has no index for the searches)",
    )
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="cpu: the measuring thread's CPU time, for a machine that other work keeps busy",
    )
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]

    url = args.database_url or os.environ.get("LOTSE_BENCH_DATABASE_URL") or _postgres_url()
    os.environ.update(
        {
            "LOTSE_REQUIRE_OTP": "false",
            "LOTSE_DEBUG": "false",
            "LOTSE_SSL_REDIRECT": "false",
            "LOTSE_ALLOWED_HOSTS": "testserver",
            "LOTSE_DB_CONN_MAX_AGE": "600",
        }
    )
    setup_django(url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled

    from lotse.network.models import Network
    from lotse.participants.models import CounsellingContact, Participant

    settings.ROOT_URLCONF = "floor_urls"
    call_command("migrate", verbosity=0)
    if not Network.objects.filter(name=BENCH_NETWORK.format(1)).exists():
        print(f"seeding {args.participants:,} participants ({connection.vendor}) …", flush=True)
        seed(participants=args.participants)
    with scopes_disabled():
        participants = Participant.objects.count()
        contacts = CounsellingContact.objects.count()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, "
        f"{participants:,} participants, {contacts:,} contacts; N={args.n}, "
        f"warm-up {args.warmup}, {args.clock} time"
    )
    run(args.n, args.warmup, args.explain, args.pages_only)


if __name__ == "__main__":
    main()
