"""The inbox of an organisation with 5,000 referrals (issue 13, "Speed"): prints figures,
asserts nothing. Goal: the inbox page p95 <= 50 ms on PostgreSQL.

    .venv/bin/python bench/bench_referrals.py [--referrals 5000] [--n 100]
                                              [--database-url URL] [--clock cpu]

Without --database-url it uses an SQLite file of its own (/tmp/lotse_bench_referrals.sqlite3),
for developing; on PostgreSQL give a database of its own (`lotse_bench_<name>`), which it
creates. It seeds once: one network, a sending organisation (the welfare association) with
`--referrals` participants, each with a consent for referrals and one referral to the
receiving organisation (the education provider) — 40 % requested (a third of them overdue),
20 % accepted, 20 % in progress, 20 % closed. Rows are written with bulk_create (services and
history bypassed). Then it requests, through Django's test Client after a warm-up, N times in
rounds: the recipient counsellor's inbox (/inbox/: incoming to answer first, with the badge),
the sender counsellor's inbox (outgoing), and the badge count alone; prints median and p95 in
ms and the number of queries of each. On a machine other work keeps busy, `--clock cpu`
counts the measuring thread's CPU time (as bench/run.py does): the server's side of the
queries is then left out, and so is waiting for a core.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "sqlite:////tmp/lotse_bench_referrals.sqlite3"
NETWORK = "Weiterleitungs-Bench"


def ensure_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.update(
        {
            "LOTSE_DATABASE_URL": url,
            "LOTSE_REQUIRE_OTP": "false",
            "LOTSE_DEBUG": "false",
            "LOTSE_SSL_REDIRECT": "false",
            "LOTSE_ALLOWED_HOSTS": "testserver",
            "LOTSE_DB_CONN_MAX_AGE": "600",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(count: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from lotse.network.enums import Role
    from lotse.network.models import Membership, Network, Organisation
    from lotse.participants.models import Consent, Participant
    from lotse.referrals.models import Referral

    rng = random.Random(20261204)
    today = datetime.date.today()
    started = time.perf_counter()
    users = get_user_model().objects
    with scopes_disabled(), transaction.atomic():
        network = Network.objects.create(name=NETWORK, running_since=datetime.date(2022, 1, 1))
        sender = Organisation.objects.create(
            network=network, name="Sozialwerk Bench", kind="welfare", file_number_prefix="SB"
        )
        recipient = Organisation.objects.create(
            network=network, name="Lernwerk Bench", kind="education", file_number_prefix="LB"
        )
        sending = users.create_user("ref.sender", password=None)
        receiving = users.create_user("ref.recipient", password=None)
        Membership.objects.create(user=sending, organisation=sender, role=Role.COUNSELLOR)
        Membership.objects.create(user=receiving, organisation=recipient, role=Role.COUNSELLOR)
        people = Participant.objects.bulk_create(
            Participant(
                network=network,
                organisation=sender,
                file_number=f"SB-2026-{i:06d}",
                first_names=f"Vorname{i}",
                last_name=f"Nachname{i}",
                gender="female" if i % 2 else "male",
                nationality="SY",
                counsellor=sending,
            )
            for i in range(count)
        )
        consents = Consent.objects.bulk_create(
            Consent(
                participant=p,
                network=network,
                purpose="referral",
                given_on=today - datetime.timedelta(days=60),
                form="signed_paper",
            )
            for p in people
        )
        Consent.organisations.through.objects.bulk_create(
            Consent.organisations.through(consent_id=c.pk, organisation_id=recipient.pk)
            for c in consents
        )
        states = ["requested"] * 8 + ["accepted"] * 4 + ["in_progress"] * 4
        states += ["completed", "completed", "declined", "cancelled"]
        referrals = []
        for p in people:
            status = rng.choice(states)
            requested = timezone.now() - datetime.timedelta(days=rng.randrange(0, 60))
            due = timezone.localdate(requested) + datetime.timedelta(days=10)
            referrals.append(
                Referral(
                    network=network,
                    participant=p,
                    sender_organisation=sender,
                    sender=sending,
                    target_organisation=recipient,
                    reason="Sprachkurs",
                    request="Aufnahme",
                    disclosed={"name": f"{p.first_names} {p.last_name}", "phone": "", "email": ""},
                    status=status,
                    requested_at=requested,
                    due_on=due,
                    decline_reason="no_capacity" if status == "declined" else "",
                    outcome="finished" if status == "completed" else "",
                    cancel_reason="withdrawn" if status == "cancelled" else "",
                )
            )
        Referral.objects.bulk_create(referrals, batch_size=1000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    print(f"seeded {count:,} referrals in {time.perf_counter() - started:.1f} s")


def reference_account(network: Any) -> Any:
    """A counsellor of an organisation without referrals: the same page, layout and middleware
    with nothing to list, for reading the figures on a busy machine as ratios."""
    from django.contrib.auth import get_user_model
    from django_scopes import scopes_disabled

    from lotse.network.enums import Role
    from lotse.network.models import Membership, Organisation

    users = get_user_model().objects
    with scopes_disabled():
        user = users.filter(username="ref.empty").first()
        if user is None:
            organisation = Organisation.objects.create(
                network=network, name="Leerwerk Bench", kind="other", file_number_prefix="EB"
            )
            user = users.create_user("ref.empty", password=None)
            Membership.objects.create(user=user, organisation=organisation, role=Role.COUNSELLOR)
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--referrals", type=int, default=5_000)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.thread_time
    ensure_database(args.database_url)
    setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django_scopes import scope, scopes_disabled

    from lotse.inbox.selectors import waiting_count
    from lotse.network.models import Network

    with scopes_disabled():
        if not Network.objects.filter(name=NETWORK).exists():
            seed(args.referrals)
        network = Network.objects.get(name=NETWORK)
    setup_test_environment()
    users = get_user_model().objects
    recipient, sender = users.get(username="ref.recipient"), users.get(username="ref.sender")
    empty = reference_account(network)
    clients = {}
    for name, user in (("recipient", recipient), ("sender", sender), ("empty", empty)):
        client = Client()
        client.force_login(user)
        clients[name] = client

    def page(name: str) -> None:
        response = clients[name].get("/inbox/")
        assert response.status_code == 200, response.status_code

    def badge() -> None:
        with scope(network=network.pk):
            waiting_count(users.get(pk=recipient.pk))

    cases = {
        "reference: inbox page of an organisation without any": lambda: page("empty"),
        "inbox page, recipient (incoming to answer first)": lambda: page("recipient"),
        "inbox page, sender (outgoing)": lambda: page("sender"),
        "badge count alone (recipient)": badge,
    }
    for run in cases.values():  # warm-up
        for _ in range(5):
            run()
    timings: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(args.n):
        for label, run in cases.items():
            t0 = clock()
            run()
            timings[label].append((clock() - t0) * 1000)
    print(f"{connection.vendor}, {args.referrals:,} referrals, n={args.n}, {args.clock} time")
    for label, run in cases.items():
        with CaptureQueriesContext(connection) as queries:
            run()
        values = sorted(timings[label])
        p95 = values[int(0.95 * (len(values) - 1))]
        print(
            f"  {label:<50} median {statistics.median(values):6.1f} ms  "
            f"p95 {p95:6.1f} ms  queries {len(queries)}"
        )
    print("goal: the inbox page p95 <= 50 ms on PostgreSQL")
    matches_source(clients, [recipient, sender, empty], network.pk, args.n, clock)


def matches_source(
    clients: dict[str, Any], users: list[Any], network_id: int, n: int, clock: Any
) -> None:
    """The matches source when nothing waits (none of the bench's users has a new match):
    before, it worked out the participants the user sees for its rows and its count; after, one
    probe of the (counsellor, seen_on) index answers "nothing". Alternated in one run."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scope

    from lotse.placements.matches import selectors
    from lotse.placements.matches.inbox import SOURCE

    probe = selectors.any_new_match_waiting

    def without_probe(user: Any) -> bool:
        return True

    def source(user: Any) -> None:
        with scope(network=network_id):
            SOURCE.rows(user)
            SOURCE.count(user)

    cases: dict[str, Any] = {
        f"inbox page ({name})": lambda name=name: clients[name].get("/inbox/")
        for name in ("empty", "recipient", "sender")
    }
    cases["matches source alone, rows and count (recipient)"] = lambda: source(users[0])
    print(f"the matches source, nothing waiting, n={n}: before (no probe) / after")
    for label, run in cases.items():
        times: tuple[list[float], list[float]] = ([], [])
        queries = []
        for checked in (without_probe, probe):
            selectors.any_new_match_waiting = checked
            for _ in range(5):
                run()
            with CaptureQueriesContext(connection) as captured:
                run()
            queries.append(len(captured))
        for _ in range(n):
            for checked, found in ((without_probe, times[0]), (probe, times[1])):
                selectors.any_new_match_waiting = checked
                t0 = clock()
                run()
                found.append((clock() - t0) * 1000)
        selectors.any_new_match_waiting = probe
        shown = []
        for values in times:
            values.sort()
            p95 = values[int(0.95 * (len(values) - 1))]
            shown.append(f"median {statistics.median(values):6.1f} ms  p95 {p95:6.1f} ms")
        print(
            f"  {label:<50} before {shown[0]} ({queries[0]} queries); "
            f"after {shown[1]} ({queries[1]} queries)"
        )


if __name__ == "__main__":
    main()
