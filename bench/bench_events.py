"""Events of a network's year: the list, an event page's reads, the overview and a certificate.

    .venv/bin/python bench/bench_events.py [--events 600] [--participants 3000]
        [--database-url sqlite:////tmp/lotse_bench_events.sqlite3]

Creates a fresh database (SQLite by default; a PostgreSQL URL of your own works too), seeds one
network with four organisations, `--participants` participants (bulk_create, services
bypassed), `--events` events in one year (a fifth of them 20-session school courses, the rest
one to three sessions), registrations with attendance for every past session and counted
groups. Then times what the pages read: the year's list with its counts, one school course's
registrations with attendance rates (the page of the largest event), the coordinator's overview
(`reach_by_kind_and_organisation` + totals) and one certificate PDF. Prints figures; asserts
nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "sqlite:////tmp/lotse_bench_events.sqlite3"


def setup(url: str) -> None:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["LOTSE_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(events: int, participants: int, year: int) -> dict[str, object]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from lotse.events.enums import EventKind
    from lotse.events.models import Attendance, CountedGroup, Event, Registration, Session
    from lotse.network.enums import Role
    from lotse.network.models import Membership, Network, Organisation
    from lotse.participants.models import Participant

    rng = random.Random(20261204)
    today = datetime.date(year, 12, 31)
    with transaction.atomic():
        network = Network.objects.create(name="Events-Bench")
        organisations = [
            Organisation.objects.create(
                network=network, name=f"Träger {n}", kind="welfare", file_number_prefix=f"T{n}"
            )
            for n in range(4)
        ]
        users = get_user_model()
        lead = users.objects.create_user("bench.leitung", password=None)
        Membership.objects.create(user=lead, organisation=organisations[0], role=Role.TEAM_LEAD)
        coordinator = users.objects.create_user("bench.koordination", password=None)
        Membership.objects.create(
            user=coordinator, organisation=organisations[3], role=Role.COORDINATOR
        )
        people = Participant.objects.bulk_create(
            Participant(
                network=network,
                organisation=organisations[n % 3],
                file_number=f"T{n % 3}-{year}-{n:05d}",
                first_names=f"Vorname{n}",
                last_name=f"Nachname{n}",
                gender="female",
                nationality="SY",
                birth_date=datetime.date(1995, 1, 1),
            )
            for n in range(participants)
        )
        kinds = [k for k in EventKind.values if k != EventKind.SCHOOL_COURSE]
        created = Event.objects.bulk_create(
            Event(
                network=network,
                kind=EventKind.SCHOOL_COURSE if n % 5 == 0 else rng.choice(kinds),
                title=f"Veranstaltung {n}",
                address="Marktplatz 1, Musterstadt",
                capacity=40,
                year=year,
            )
            for n in range(events)
        )
        for n, event in enumerate(created):
            event.organisers.set([organisations[n % 4], organisations[(n + 1) % 4]][: 1 + n % 2])
        sessions = []
        for event in created:
            count = 20 if event.kind == EventKind.SCHOOL_COURSE else rng.randint(1, 3)
            start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 200))
            sessions += [
                Session(
                    event=event,
                    date=start + datetime.timedelta(weeks=w),
                    starts_at=datetime.time(9),
                    ends_at=datetime.time(12),
                )
                for w in range(count)
            ]
        Session.objects.bulk_create(sessions)
        registrations = []
        for event in created:
            size = 30 if event.kind == EventKind.SCHOOL_COURSE else rng.randint(0, 12)
            for person in rng.sample(people, size):
                registrations.append(
                    Registration(
                        network=network,
                        event=event,
                        participant=person,
                        organisation_id=person.organisation_id,
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=2000)
        by_event: dict[int, list[Registration]] = {}
        for r in Registration.objects.all():
            by_event.setdefault(r.event_id, []).append(r)
        marks = [
            Attendance(network=network, session=s, registration=r, present=rng.random() < 0.85)
            for s in Session.objects.filter(date__lt=today)
            for r in by_event.get(s.event_id, [])
        ]
        Attendance.objects.bulk_create(marks, batch_size=5000)
        CountedGroup.objects.bulk_create(
            CountedGroup(
                event=event, organisation_name="Jobcenter Musterkreis", function="AV", count=12
            )
            for event in created
            if event.kind != EventKind.SCHOOL_COURSE
        )
    course = next(e for e in created if e.kind == EventKind.SCHOOL_COURSE)
    return {
        "network": network,
        "lead": lead,
        "coordinator": coordinator,
        "course": course,
        "rows": {
            "participants": participants,
            "events": events,
            "sessions": len(sessions),
            "registrations": len(registrations),
            "attendance": len(marks),
        },
    }


def timed(label: str, function, rounds: int) -> None:  # type: ignore[no-untyped-def]
    function()  # warm: templates compiled, fonts loaded
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{label:<48} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=600)
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    setup(args.database_url)
    year = 2026
    started = time.perf_counter()
    from django_scopes import scopes_disabled

    with scopes_disabled():
        world = seed(args.events, args.participants, year)
    print(f"seeded in {time.perf_counter() - started:.1f} s: {world['rows']}")

    from django.template.loader import render_to_string
    from django_scopes import scope

    from lotse.events import documents, selectors

    lead, coordinator, course = world["lead"], world["coordinator"], world["course"]
    network_id = world["network"].pk  # type: ignore[attr-defined]

    def year_list() -> None:
        events = selectors.with_counts(selectors.network_events(coordinator, year))
        render_to_string(
            "events/list.html",
            {"events": events, "year": year, "years": [year], "can_add": True},
        )

    def course_page() -> None:
        registrations = selectors.registrations_for(lead, course)
        sessions = list(course.sessions.all())
        selectors.attendance_rows(registrations.shown, sessions)

    def overview() -> None:
        selectors.reach_by_kind_and_organisation(network_id, year)
        selectors.reach_totals(network_id, year)

    def certificate() -> None:
        registration = selectors.registrations_for(lead, course).shown[0]
        documents.certificate_pdf(
            course,
            registration.participant,
            selectors.sessions_attended(registration),
            language="ar",
            today=datetime.date(year, 12, 1),
        )

    with scope(network=network_id):
        timed(f"year's list ({args.events} events, rendered)", year_list, args.rounds)
        timed("school course: 30 names, 20 sessions, rates", course_page, args.rounds)
        timed("overview by kind and organiser + totals", overview, args.rounds)
        timed("certificate PDF (de + ar)", certificate, max(3, args.rounds // 5))


if __name__ == "__main__":
    main()
