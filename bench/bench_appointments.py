"""Appointments at scale: a site's week, queueing a day's reminders, a counsellor's feed.

    .venv/bin/python bench/bench_appointments.py [--database-url URL] [--reminders 100000]

Without `--database-url` it runs on a fresh SQLite file in a temporary folder. It seeds one
network with one organisation and site, a counsellor and a team lead, 5,000 participants with
an e-mail address, and with bulk_create (services bypassed): 2,000 appointments at the site in
one week (the front desk's week), 1,000 appointments of the counsellor (the calendar feed) and
`--reminders` appointments on one day (the reminders queued at once). Prints figures, asserts
nothing. Goals (issue 15): week p95 <= 50 ms; queueing 100,000 reminders <= 10 s; the feed of
1,000 appointments <= 100 ms.

The site's week is measured as the server answers it, through Django's test client (session,
middleware, view, queries, audit events, template), after the seeding lists are freed and the
application is warmed up and its heap frozen as `lotse/wsgi.py` does (a server process
carries neither the seeder's 100,000 objects nor its heap in every full collection):

- the week page's first response (GOAL: p95 <= 50 ms): each day's counts from one aggregate
  query and the rows of one day (400 appointments), with the audit of those 400;
- one further day's rows as the desk loads them when that day is opened (a request of its own);
- for reference, the old page's part that grew with the week: all 2,000 rows read as values,
  made display strings and placed by the Jinja2 partial (no request around it).

The three run in rounds, one of each per round, so that the shared machine's noise hits them
alike; each is printed with its ratio to the reference measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PARTICIPANTS = 5_000
WEEK = 2_000  # the site's week: 400 a working day


def setup(url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ["LOTSE_DATABASE_URL"] = url
    # The front-desk page is requested through Django's test client: no second factor, no
    # HTTPS redirect (as bench/run.py).
    os.environ.update(
        {
            "LOTSE_REQUIRE_OTP": "false",
            "LOTSE_SSL_REDIRECT": "false",
            "LOTSE_ALLOWED_HOSTS": "testserver",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def _machine_reference() -> float:
    """Seconds for 10^7 additions in a Python loop (~0.4 s on an idle core): shared machines
    slow every figure down by the same factor."""
    begin = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--reminders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="lotse-bench-appointments-")
    setup(args.database_url or f"sqlite:///{folder}/bench.sqlite3")

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scope, scopes_disabled

    from lotse.appointments import ical, selectors
    from lotse.appointments.models import Appointment
    from lotse.appointments.services import reminders_queue_for_day
    from lotse.network.enums import Role
    from lotse.network.models import Membership, Network, Organisation, Site
    from lotse.participants.models import Participant

    zone = timezone.get_current_timezone()
    started = time.perf_counter()
    with scopes_disabled():
        network = Network.objects.create(name="Termine-Bench")
        organisation = Organisation.objects.create(
            network=network, name="Termin-Träger", kind="welfare", file_number_prefix="TB"
        )
        site = Site.objects.create(
            organisation=organisation,
            name="Hauptstelle",
            street="Weg 1",
            postcode="00100",
            city="Benchstadt",
        )
        users = get_user_model().objects
        counsellor = users.create_user("bench.beratung", password=None)
        lead = users.create_user("bench.leitung", password=None)
        Membership.objects.create(user=counsellor, organisation=organisation, role=Role.COUNSELLOR)
        Membership.objects.create(user=lead, organisation=organisation, role=Role.TEAM_LEAD)
        Participant.objects.bulk_create(
            Participant(
                network=network,
                organisation=organisation,
                file_number=f"TB-2026-{i:05d}",
                first_names="Test",
                last_name=f"Person {i}",
                gender="female",
                nationality="SY",
                email=f"person{i}@mail.example",
                preferred_language=("ar", "fa", "uk", "de")[i % 4],
                site=site,
                counsellor=counsellor,
            )
            for i in range(PARTICIPANTS)
        )
        ids = list(Participant.objects.values_list("pk", flat=True))
        today = timezone.localdate()
        monday = today + datetime.timedelta(days=7 - today.weekday())
        reminder_day = monday + datetime.timedelta(days=14)

        def row(i: int, start: datetime.datetime, **extra: object) -> Appointment:
            values: dict[str, object] = {
                "network": network,
                "participant_id": ids[i % len(ids)],
                "organisation": organisation,
                "kind": "counselling",
                "starts_at": start,
                "ends_at": start + datetime.timedelta(minutes=20),
                "place": "site",
                "site": site,
                "interpreter_language": "ar" if i % 3 == 0 else "",
            }
            return Appointment(**{**values, **extra})

        week = [
            row(
                i,
                datetime.datetime.combine(
                    monday + datetime.timedelta(days=i % 5), datetime.time(8), tzinfo=zone
                )
                + datetime.timedelta(minutes=(i // 5) % 400),
            )
            for i in range(WEEK)
        ]
        feed = [
            row(
                i,
                datetime.datetime.combine(
                    today + datetime.timedelta(days=1 + i // 8),
                    datetime.time(9 + i % 8),
                    tzinfo=zone,
                ),
                counsellor=counsellor,
                site=None,
                place="address",
                address="Amt, Zimmer 1",
            )
            for i in range(1_000)
        ]
        day = [
            row(
                i,
                datetime.datetime.combine(reminder_day, datetime.time(7), tzinfo=zone)
                + datetime.timedelta(seconds=i % 36_000),
                site=None,
                place="online",
            )
            for i in range(args.reminders)
        ]
        Appointment.objects.bulk_create([*week, *feed, *day], batch_size=5_000)
    print(
        f"{connection.vendor}: seeded {PARTICIPANTS:,} participants and "
        f"{3_000 + args.reminders:,} appointments in {time.perf_counter() - started:.1f} s"
    )

    # The seeder's objects (100,000 appointments with their states) are garbage to a server:
    # freed, then the application warmed up and its heap frozen as lotse/wsgi.py does.
    del week, feed, day
    from lotse.core.startup import warm_up_and_freeze

    warm_up_and_freeze()
    # Fresh tables have no planner statistics until autovacuum comes by (a minute or so):
    # without them PostgreSQL plans the week's queries as if the tables were empty, and the
    # figures measured the missing statistics. A database in use has them.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"machine reference: 10^7 loop additions in {_machine_reference():.2f} s")

    from django.template import engines
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lotse.appointments import presentation

    partial = engines["jinja2"].get_template("appointments/desk_rows.html")

    def all_rows_rendered() -> str:
        with scope(network=network.pk):
            rows = selectors.site_rows(lead, site, monday, days=7)
            shown = presentation.desk_rows(rows, now=timezone.now(), yes="ja")
        return partial.render(
            {
                "rows": shown,
                "csrf_token": "x",
                "back": "/",
                "attended": "wahrgenommen",
                "missed": "nicht erschienen",
                "empty": "",
            }
        )

    client = Client()
    client.force_login(lead)
    week_page = f"/appointments/desk/?site={site.pk}&view=week&date={monday:%Y-%m-%d}"
    tuesday = monday + datetime.timedelta(days=1)
    day_rows = f"/appointments/desk/day/?site={site.pk}&date={tuesday:%Y-%m-%d}"

    def ok(response: Any) -> Any:
        assert response.status_code == 200, response.status_code
        return response

    first = ok(client.get(week_page)).content.decode()
    fragment = ok(client.get(day_rows, headers={"HX-Request": "true"})).content.decode()
    with CaptureQueriesContext(connection) as week_queries:
        client.get(week_page)
    with CaptureQueriesContext(connection) as day_queries:
        client.get(day_rows, headers={"HX-Request": "true"})
    cases: list[tuple[str, Callable[[], object], str]] = [
        (
            f"week page, first response ({first.count('<time ')} rows of one day + 7 days' "
            f"counts, {len(week_queries)} queries, whole request with audit)",
            lambda: ok(client.get(week_page)),
            "  <- GOAL figure: p95 <= 50 ms",
        ),
        (
            f"one further day opened ({fragment.count('<time ')} rows, {len(day_queries)} "
            "queries, whole request with audit)",
            lambda: ok(client.get(day_rows, headers={"HX-Request": "true"})),
            "",
        ),
        (
            f"reference: old all {all_rows_rendered().count('<time ')} rows rendered "
            "(values, strings, Jinja2; no request)",
            all_rows_rendered,
            "  (what the week page grew with before)",
        ),
    ]
    for _label, work, _goal in cases:
        work()  # warm-up: connection, templates, translations
    timings: dict[str, list[float]] = {label: [] for label, _work, _goal in cases}
    for _ in range(args.runs):
        for label, work, _goal in cases:
            begin = time.perf_counter()
            work()
            timings[label].append((time.perf_counter() - begin) * 1000)
    reference = timings[cases[-1][0]]
    print(f"site week of {WEEK:,} appointments, {args.runs} rounds:")
    for label, _work, goal in cases:
        t = timings[label]
        print(
            f"  {label}: median {statistics.median(t):.1f} ms, p95 {_p95(t):.1f} ms; "
            f"x reference: median {statistics.median(t) / statistics.median(reference):.2f}, "
            f"p95 {_p95(t) / _p95(reference):.2f}{goal}"
        )

    def measure(label: str, work: Callable[[], object], goal: str) -> None:
        work()
        t = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            work()
            t.append((time.perf_counter() - begin) * 1000)
        print(f"{label}: median {statistics.median(t):.1f} ms, p95 {_p95(t):.1f} ms{goal}")

    with scope(network=network.pk):
        body = ical.feed(selectors.feed_appointments(counsellor), name="Lotse")
        measure(
            f"iCal feed ({body.count(b'BEGIN:VEVENT'):,} events, {len(body) // 1024} KiB)",
            lambda: ical.feed(selectors.feed_appointments(counsellor), name="Lotse"),
            " (written each time)",
        )
        measure(
            "iCal feed as served (kept until an appointment changes)",
            lambda: ical.cached_feed(counsellor, name="Lotse"),
            " (goal 100)",
        )

    begin = time.perf_counter()
    queued = reminders_queue_for_day(network=network, day=reminder_day)
    seconds = time.perf_counter() - begin
    from django_tasks_db.models import DBTaskResult

    print(
        f"queueing {queued:,} reminders ({DBTaskResult.objects.count():,} tasks): "
        f"{seconds:.2f} s (goal 10)"
    )


if __name__ == "__main__":
    main()
