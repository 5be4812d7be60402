"""Deadline radar for 100,000 participants on PostgreSQL, end to end from the database.

    .venv/bin/python bench/bench_radar.py [--participants 100000] [--database-url URL]

Creates (once) a dedicated database `lotse_radar_bench` with one organisation holding all
participants, each with a current residence document and, for asylum seekers and people with a
Duldung, residence facts; rows are written with bulk_create (services and history bypassed, the
derived `current_document` set the way the service sets it). Then it times what the radar page
does for a team lead: one query for participants + documents + facts, the mapping to the
engine's `Situation`, and `lotse.legal.radar_batch`. Prints figures; asserts nothing.
Goal (issue 3): <= 5 s on one core.
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
DEFAULT_URL = "postgres://lotse:lotse@localhost:5432/lotse_radar_bench"
CHUNK = 5_000


def ensure_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ["LOTSE_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(count: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from lotse.network.enums import Role
    from lotse.network.models import Membership, Network, Organisation
    from lotse.participants.models import Participant, ResidenceDocument
    from lotse.workpermission.models import ResidenceFacts

    rng = random.Random(20260301)
    today = datetime.date.today()
    network = Network.objects.create(name="Radar-Bench", running_since=datetime.date(2022, 1, 1))
    organisation = Organisation.objects.create(
        network=network, name="Radar-Träger", kind="welfare", file_number_prefix="RB"
    )
    user = get_user_model().objects.create_user("radar.leitung", password=None)
    Membership.objects.create(user=user, organisation=organisation, role=Role.TEAM_LEAD)
    nationalities = ["SY", "AF", "IQ", "ER", "TR", "UA", "GE", "MD", "NG", "unclear"]
    kinds = [
        ("gestattung", "", 30),
        ("duldung", "", 25),
        ("residence_permit", "§ 25 Abs. 2", 20),
        ("residence_permit", "§ 24", 10),
        ("residence_permit", "§ 25a", 3),
        ("ausbildungsduldung", "", 3),
        ("fictional_certificate", "§ 25 Abs. 2", 4),
        ("settlement_permit", "", 5),
    ]
    population = [(k, s) for k, s, w in kinds for _ in range(w)]
    started = time.perf_counter()
    with transaction.atomic():
        for offset in range(0, count, CHUNK):
            n = min(CHUNK, count - offset)
            people = Participant.objects.bulk_create(
                Participant(
                    network=network,
                    organisation=organisation,
                    file_number=f"RB-2025-{offset + i:06d}",
                    first_names=f"Vorname{offset + i}",
                    last_name=f"Nachname{offset + i}",
                    birth_date=datetime.date(1970, 1, 1)
                    + datetime.timedelta(days=rng.randrange(0, 365 * 38)),
                    gender="female" if i % 2 else "male",
                    nationality=rng.choice(nationalities),
                    counsellor=user,
                )
                for i in range(n)
            )
            documents, facts = [], []
            for person in people:
                kind, section = rng.choice(population)
                issued = today - datetime.timedelta(days=rng.randrange(30, 900))
                documents.append(
                    ResidenceDocument(
                        participant=person,
                        network=network,
                        document_type=kind,
                        section=section,
                        issued_on=issued,
                        valid_until=today + datetime.timedelta(days=rng.randrange(-20, 720)),
                    )
                )
                if kind in ("gestattung", "duldung", "ausbildungsduldung"):
                    entry = issued - datetime.timedelta(days=rng.randrange(0, 2000))
                    facts.append(
                        ResidenceFacts(
                            participant=person,
                            entry_date=entry,
                            asylum_request_date=entry + datetime.timedelta(days=3),
                            asylum_application_date=entry + datetime.timedelta(days=20),
                            asylum_decision="pending" if kind == "gestattung" else "rejected",
                            lives_in_reception_centre=rng.random() < 0.3,
                            duldung_since=None if kind == "gestattung" else issued,
                            identity_clarified=rng.choice([True, False, None]),
                            dublin_procedure=False,
                        )
                    )
            ResidenceDocument.objects.bulk_create(documents)
            ResidenceFacts.objects.bulk_create(facts)
        with connection.cursor() as cursor:
            cursor.execute(
                """UPDATE participants_participant p
                   SET current_document_id = d.id, document_valid_until = d.valid_until,
                       document_type = d.document_type
                   FROM participants_residencedocument d
                   WHERE d.participant_id = p.id AND p.organisation_id = %s""",
                [organisation.pk],
            )
        cursor = connection.cursor()
        cursor.execute("ANALYZE")
    print(f"seeded {count:,} participants in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ensure_database(args.database_url)
    setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from lotse.legal import radar_batch
    from lotse.workpermission.selectors import radar_entries, radar_participants

    with scopes_disabled():
        user = get_user_model().objects.filter(username="radar.leitung").first()
        if user is None:
            seed(args.participants)
            user = get_user_model().objects.get(username="radar.leitung")
        participants = radar_participants(user)
        total = participants.count()
        today = timezone.localdate()
        print(f"PostgreSQL {connection.pg_version}, {total:,} participants with a document")
        for horizon in (30, 90):
            runs = []
            for _ in range(args.repeat):
                reset_queries()
                started = time.perf_counter()
                result = radar_entries(radar_participants(user), today, horizon)
                runs.append(time.perf_counter() - started)
            entries = result.entries
            print(
                f"radar {horizon:>2} days, end to end: median {statistics.median(runs):.2f} s "
                f"(min {min(runs):.2f}, max {max(runs):.2f}), {len(entries):,} deadlines for "
                f"{len({e.participant_id for e in entries}):,} participants; "
                f"{len(result.incomplete):,} with missing dates"
            )
        # The parts: the one query alone, and the engine batch alone.
        from lotse.workpermission import selectors

        started = time.perf_counter()
        rows = list(radar_participants(user).values_list(*selectors._ROW_FIELDS).order_by())
        load = time.perf_counter() - started
        print(f"  load {len(rows):,} rows (one query): {load:.2f} s")
        situations = []
        started = time.perf_counter()
        names = [n[len("residence_facts__") :] for n in selectors._ROW_FIELDS[11:]]
        for row in rows:
            facts = dict(zip(names, row[11:], strict=True)) if row[10] is not None else None
            situations.append(
                selectors.build_situation(
                    reference_date=today,
                    document_type=row[6],
                    section=row[7],
                    valid_until=row[8],
                    annotation=row[9],
                    nationality=row[4],
                    birth_date=row[5],
                    facts=facts,
                )
            )
        build = time.perf_counter() - started
        print(f"  map to Situation: {build:.2f} s")
        started = time.perf_counter()
        radar_batch(situations, today, 90)
        print(f"  radar_batch (90 days): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
