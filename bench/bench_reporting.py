"""The ESF report for a year and the whole network, beside a COUNT(*) scan of the same rows.

    .venv/bin/python bench/bench_reporting.py [--participants 10000] [--database-url URL]
                                              [--runs 5] [--reuse] [--seed-only] [--rebuild]

Seeds (into a fresh database: SQLite file by default, or the PostgreSQL URL given) one network
with one organisation holding every participant: each enrolled in the last two years, 40 % left
again (status history as the services write it), 95 % with their ESF entry items, 80 % of the
leavers with a situation after leaving and half of the others with a follow-up. Rows are
written with COPY on PostgreSQL and bulk_create elsewhere (`bench.seed.Writer`). The seed
bypasses the models, so the fact table is then built with `services.esf_facts_rebuild` (timed).
`--reuse` keeps a database seeded before (seed 1,000,000 once, measure many times; the 2 cores
are shared).

Then, in one run, alternating: the ESF report for the current year over the whole network
(`reporting.selectors.compute_report`, what the report page, the worker and the API call) and
the floor: `COUNT(*)` over the fact rows the report reads (`selectors.report_rows`: entered,
left or active in the year). Prints median, p95 and best of `--runs` and the ratio; asserts
nothing. Goal (issue 16): <= 2 s at 1,000,000 participants on PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.seed import Writer, setup_django  # noqa: E402

CHUNK = 20_000
PARTICIPANT_COLUMNS = (
    "id", "network_id", "organisation_id", "file_number", "first_names", "last_name",
    "aliases", "birth_date", "birth_year", "birth_date_precision", "gender", "nationality",
    "street", "postcode", "city", "phone", "email", "preferred_language",
    "interpreter_needed", "interpreter_language", "wishes", "status", "entry_date",
    "exit_date", "exit_outcome", "version", "created_at", "updated_at",
)  # fmt: skip
STATUS_COLUMNS = ("id", "participant_id", "network_id", "status", "effective_on", "exit_outcome",
                  "recorded_at")  # fmt: skip
RECORD_COLUMNS = ("id", "participant_id", "network_id", "labour_status", "isced_level",
                  "disability", "foreign_background", "homeless", "rural",
                  "no_situation_after_exit_on", "version", "updated_at")  # fmt: skip
EVENT_COLUMNS = ("id", "participant_id", "network_id", "day", "situation", "recorded_at")
FOLLOW_UP_COLUMNS = ("id", "participant_id", "network_id", "exit_on", "answered_on", "employed",
                     "improved", "version", "updated_at")  # fmt: skip
OUTCOMES = ("employment", "vocational_training", "school", "job_searching", "other")
SITUATIONS = {
    "employment": "employed",
    "vocational_training": "education",
    "school": "education",
    "job_searching": "job_searching",
}
STATUSES = ("unemployed", "long_term_unemployed", "inactive", "employed", "self_employed")


def seed(participants: int, today: datetime.date) -> int:
    from django.db import transaction
    from django_scopes import scopes_disabled

    from lotse.network.models import Network, Organisation
    from lotse.participants.models import Participant, StatusChange
    from lotse.reporting.models import EsfFollowUp, EsfRecord, EsfSituationEvent

    rng = random.Random(16)
    writer = Writer()
    now = datetime.datetime.now(datetime.UTC)
    with scopes_disabled(), transaction.atomic():
        network = Network.objects.create(name="Berichts-Bench")
        organisation = Organisation.objects.create(
            network=network, name="Berichts-Träger", kind="welfare", file_number_prefix="BB"
        )
    ids = {"status": 1, "record": 1, "event": 1, "follow_up": 1}
    for start in range(1, participants + 1, CHUNK):
        rows: dict[str, list[tuple[Any, ...]]] = {k: [] for k in ids} | {"participant": []}
        for pk in range(start, min(start + CHUNK, participants + 1)):
            entry = today - datetime.timedelta(days=rng.randint(0, 700))
            exited = rng.random() < 0.4
            exit_on = entry + datetime.timedelta(days=rng.randint(30, 300)) if exited else None
            if exit_on is not None and exit_on > today:
                exit_on = today
            outcome = rng.choice(OUTCOMES) if exit_on else ""
            gender = rng.choice(("female", "male", "male", "diverse"))
            born = datetime.date(rng.randint(1960, 2008), rng.randint(1, 12), rng.randint(1, 28))
            rows["participant"].append((
                pk, network.pk, organisation.pk, f"BB-{pk:07d}", "Testa", "Bench", "", born,
                None, "day", gender, rng.choice(("SY", "AF", "UA", "IQ", "PL")), "", "", "", "",
                "", "", False, "", "", "exited" if exit_on else "enrolled", entry, exit_on,
                outcome, 1, now, now,
            ))  # fmt: skip
            rows["status"].append((ids["status"], pk, network.pk, "enrolled", entry, "", now))
            ids["status"] += 1
            if exit_on:
                rows["status"].append(
                    (ids["status"], pk, network.pk, "exited", exit_on, outcome, now)
                )
                ids["status"] += 1
            if rng.random() < 0.95:
                rows["record"].append((
                    ids["record"], pk, network.pk, rng.choice(STATUSES), rng.randint(0, 8), None,
                    rng.random() < 0.8, rng.random() < 0.05, rng.random() < 0.3,
                    exit_on if exit_on and outcome not in SITUATIONS else None, 1, now,
                ))  # fmt: skip
                ids["record"] += 1
            if exit_on and outcome in SITUATIONS and rng.random() < 0.8:
                day = min(today, exit_on + datetime.timedelta(days=rng.randint(0, 20)))
                rows["event"].append((ids["event"], pk, network.pk, day, SITUATIONS[outcome], now))
                ids["event"] += 1
            if exit_on:
                answered = exit_on + datetime.timedelta(days=183)
                done = answered <= today and rng.random() < 0.5
                rows["follow_up"].append((
                    ids["follow_up"], pk, network.pk, exit_on, answered if done else None,
                    rng.random() < 0.4 if done else None, rng.random() < 0.2 if done else None,
                    1, now,
                ))  # fmt: skip
                ids["follow_up"] += 1
        with transaction.atomic():
            writer.write(Participant, PARTICIPANT_COLUMNS, rows["participant"])
            writer.write(StatusChange, STATUS_COLUMNS, rows["status"])
            writer.write(EsfRecord, RECORD_COLUMNS, rows["record"])
            writer.write(EsfSituationEvent, EVENT_COLUMNS, rows["event"])
            writer.write(EsfFollowUp, FOLLOW_UP_COLUMNS, rows["follow_up"])
        print(f"  seeded {min(start + CHUNK - 1, participants):,}", flush=True)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return network.pk


def seeded() -> int | None:
    """The network a run before seeded, if any."""
    from django_scopes import scopes_disabled

    from lotse.network.models import Network

    with scopes_disabled():
        return Network.objects.filter(name="Berichts-Bench").values_list("pk", flat=True).first()


def floor(network_id: int, period: Any) -> int:
    """COUNT(*) over the fact rows the report reads, in the same scope and period."""
    from lotse.reporting import indicators as ind
    from lotse.reporting import selectors

    return selectors.report_rows(network_id, None, ind.ESF, period).count()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file in /tmp")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database seeded before (PostgreSQL: seed once)"
    )
    parser.add_argument("--seed-only", action="store_true", help="seed, then stop")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the fact table")
    args = parser.parse_args()
    url = args.database_url
    if url is None:
        path = Path(tempfile.gettempdir()) / f"lotse-bench-reporting-{args.participants}.sqlite3"
        path.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scope

    from lotse.reporting import indicators as ind
    from lotse.reporting import selectors

    call_command("migrate", verbosity=0)
    today = datetime.date.today()
    network_id = seeded() if args.reuse else None
    if network_id is None:
        started = time.perf_counter()
        network_id = seed(args.participants, today)
        print(f"seeded {args.participants:,} participants in {time.perf_counter() - started:.1f} s "
              f"({connection.vendor})")  # fmt: skip
    from lotse.reporting import services
    from lotse.reporting.models import EsfFact

    with scope(network=network_id):
        have_facts = EsfFact.objects.filter(network_id=network_id).exists()
    if not have_facts or args.rebuild:
        started = time.perf_counter()
        written = services.esf_facts_rebuild(network_id=network_id)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE reporting_esffact")
        print(f"fact table rebuilt: {written:,} rows in {time.perf_counter() - started:.1f} s")
    if args.seed_only:
        return
    period = ind.Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    report_times, floor_times = [], []
    with scope(network=network_id):
        for _ in range(args.runs):
            began = time.perf_counter()
            rows = floor(network_id, period)
            floor_times.append(time.perf_counter() - began)
            began = time.perf_counter()
            report = selectors.compute_report(
                network_id=network_id, organisation_id=None, indicator_set=ind.ESF, period=period
            )
            report_times.append(time.perf_counter() - began)
    print(f"fact rows read: {rows:,}; EECO01 {report.value('EECO01').total:,}, "
          f"EECR04 {report.value('EECR04').total:,}, "
          f"not reportable {report.not_reportable_total:,}, "
          f"incomplete exits {report.incomplete_total:,}")  # fmt: skip
    report_median, floor_median = statistics.median(report_times), statistics.median(floor_times)
    report_p95 = percentile(report_times, 0.95)
    print(f"ESF report, year, whole network: median {report_median:.3f} s, "
          f"p95 {report_p95:.3f} s, best {min(report_times):.3f} s")  # fmt: skip
    print(f"COUNT(*) floor of the same rows:  median {floor_median:.3f} s, "
          f"p95 {percentile(floor_times, 0.95):.3f} s, best {min(floor_times):.3f} s")  # fmt: skip
    print(f"ratio (median): {report_median / floor_median:.1f}x")


if __name__ == "__main__":
    main()
