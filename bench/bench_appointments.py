"""Appointments at scale: a site's week, queueing a day's reminders, a counsellor's feed.

    .venv/bin/python bench/bench_appointments.py [--database-url URL] [--reminders 100000]

Without `--database-url` it runs on a fresh SQLite file in a temporary folder. It seeds one
network with one organisation and site, a counsellor and a team lead, 5,000 participants with
an e-mail address, and with bulk_create (services bypassed): 2,000 appointments at the site in
one week (the front desk's week), 1,000 appointments of the counsellor (the calendar feed) and
`--reminders` appointments on one day (the reminders queued at once). Prints figures, asserts
nothing. Goals (issue 15): week p95 <= 50 ms; queueing 100,000 reminders <= 10 s; the feed of
1,000 appointments <= 100 ms.

The site's week is measured three ways: the rows as model instances (`site_day`, what the
page read before), the rows as plain values (`site_rows`, what the front desk reads) and the
rows rendered (values, display strings, the Jinja2 partial: the page's part that grows with
the week); the whole front-desk page (log-in, audit events of 2,000 participants, layout) is
printed for reference. A machine reference figure comes first: on a shared machine every
figure slows by the same factor.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTICIPANTS = 5_000


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
            for i in range(2_000)
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

    print(f"machine reference: 10^7 loop additions in {_machine_reference():.2f} s")

    def measure(label: str, work: Callable[[], object], goal: str) -> None:
        work()  # warm-up: connection, templates, translations
        timings = []
        for _ in range(args.runs):
            begin = time.perf_counter()
            work()
            timings.append((time.perf_counter() - begin) * 1000)
        print(
            f"{label}: median {statistics.median(timings):.1f} ms, p95 {_p95(timings):.1f} ms{goal}"
        )

    from django.template import engines
    from django.test import Client

    from lotse.appointments import presentation

    partial = engines["jinja2"].get_template("appointments/desk_rows.html")

    def rendered_week() -> str:
        rows = selectors.site_rows(lead, site, monday, days=7)
        shown = presentation.desk_rows(rows, now=timezone.now(), yes="ja")
        return partial.render(
            {
                "rows": shown,
                "week": True,
                "csrf_token": "x",
                "back": "/",
                "attended": "wahrgenommen",
                "missed": "nicht erschienen",
                "empty": "",
            }
        )

    with scope(network=network.pk):
        count = len(selectors.site_rows(lead, site, monday, days=7))
        measure(
            f"site week as model instances ({count:,} appointments, before)",
            lambda: list(selectors.site_day(lead, site, monday, days=7)),
            "",
        )
        measure(
            f"site week as plain rows ({count:,}, one query)",
            lambda: selectors.site_rows(lead, site, monday, days=7),
            " (goal 50)",
        )
        measure(f"site week rendered ({count:,} rows, Jinja2)", rendered_week, " (goal 50)")
        # The tail of the rendered week is the cyclic garbage collector walking the whole
        # heap of a Django process (its full collections, triggered by the rows' dicts).
        # A server that freezes its start-up heap (`gc.freeze()` after `django.setup()`, as
        # gunicorn's post-fork hook could) spares that walk: measured here for comparison.
        gc.collect()
        gc.freeze()
        measure(
            f"site week rendered, start-up heap frozen ({count:,} rows)",
            rendered_week,
            " (goal 50)",
        )
        gc.unfreeze()

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

    client = Client()
    client.force_login(lead)
    page = f"/appointments/desk/?site={site.pk}&view=week&date={monday:%Y-%m-%d}"
    measure(
        "front-desk page, week (whole request with audit, for reference)",
        lambda: client.get(page),
        "",
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
