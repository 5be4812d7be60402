"""Benchmark of the residence-status engine (lotse.legal): prints figures, asserts nothing.

    PYTHONPATH=src python bench/bench_legal.py [--n 20000] [--batch 100000]

Reports the median and p95 of one full evaluation (parse + evaluate + to_json) over varied
situations, the same for `deadlines` alone, and the wall time of `deadlines_batch` for a batch
(default 100,000 situations) on one core.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from typing import Any

from lotse.legal import DECISION_CHOICES, deadlines, deadlines_batch, evaluate, parse_situation

DOCUMENTS = (
    "ankunftsnachweis",
    "gestattung",
    "gestattung",
    "duldung",
    "duldung",
    "duldung_60b",
    "ausbildungsduldung",
    "beschaeftigungsduldung",
    "residence_permit",
    "settlement_permit",
)
NATIONALITIES = ("SY", "AF", "IQ", "ER", "GE", "MD", "AL", "RS", "TR", "unknown", "stateless", "DZ")
SECTIONS = ("24", "25(1)", "25(2)", "25(3)", "25(5)", "25a", "25b", "104c", "16g")


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def situation_data(rng: random.Random, today: date) -> dict[str, Any]:
    reference = _day(rng, date(2020, 3, 1), today) if rng.random() < 0.5 else today
    entry = _day(rng, date(2014, 1, 1), reference)
    request = min(entry + timedelta(days=rng.randrange(0, 30)), reference)
    application = min(request + timedelta(days=rng.randrange(0, 60)), reference)
    data: dict[str, Any] = {
        "reference_date": reference.isoformat(),
        "document": rng.choice(DOCUMENTS),
        "nationality": rng.choice(NATIONALITIES),
        "entry_date": entry.isoformat(),
        "asylum_request_date": request.isoformat(),
        "asylum_application_date": application.isoformat(),
        "asylum_decision": rng.choice(DECISION_CHOICES),
        "lives_in_reception_centre": rng.random() < 0.3,
        "identity_clarified": rng.choice((True, False, None)),
        "birth_date": _day(rng, date(1970, 1, 1), date(2010, 1, 1)).isoformat(),
        "document_valid_until": _day(
            rng, reference - timedelta(days=30), reference + timedelta(days=400)
        ).isoformat(),
        "authority_findings": {
            "removal_measures_imminent": rng.random() < 0.1,
            "entered_to_obtain_benefits": rng.random() < 0.03,
            "removal_obstructed_by_own_fault": rng.random() < 0.05,
        },
    }
    if data["document"].startswith(("duldung", "ausbildungs", "beschaeftigungs")):
        data["duldung_since"] = _day(rng, application, reference).isoformat()
        if rng.random() < 0.5:
            data["employment_since"] = _day(rng, application, reference).isoformat()
            data["weekly_hours"] = rng.choice((15, 20, 30, 40))
    if data["document"] == "residence_permit":
        data["residence_permit_section"] = rng.choice(SECTIONS)
    if rng.random() < 0.3:
        data["prior_stay"] = [
            {
                "from": (entry - timedelta(days=400)).isoformat(),
                "to": (entry - timedelta(days=1)).isoformat(),
                "kind": rng.choice(("permitted", "tolerated", "gestattet")),
            }
        ]
    if rng.random() < 0.3:
        data["document_annotation"] = rng.choice(
            (
                "Beschäftigung nur mit Erlaubnis der Ausländerbehörde",
                "Erwerbstätigkeit erlaubt",
                "Erwerbstätigkeit nicht gestattet",
                "Selbständige Tätigkeit nicht gestattet.",
            )
        )
    return data


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(20260612)
    today = date.today()
    inputs = [situation_data(rng, today) for _ in range(args.n)]
    evaluate(parse_situation(inputs[0])).to_json()  # load the rule data outside the timing

    timings = []
    for data in inputs:
        start = time.perf_counter()
        evaluate(parse_situation(data)).to_json()
        timings.append(time.perf_counter() - start)
    median, p95 = _percentiles(timings)
    print(
        f"evaluation (parse+evaluate+to_json), {args.n} varied inputs: "
        f"median {median * 1e3:.3f} ms, p95 {p95 * 1e3:.3f} ms"
    )

    situations = [parse_situation(data) for data in inputs]
    timings = []
    for situation in situations:
        start = time.perf_counter()
        deadlines(situation, today, 90)
        timings.append(time.perf_counter() - start)
    median, p95 = _percentiles(timings)
    print(
        f"deadlines(horizon 90 days), {args.n} situations: "
        f"median {median * 1e6:.1f} µs, p95 {p95 * 1e6:.1f} µs"
    )

    batch = [situations[i % len(situations)] for i in range(args.batch)]
    start = time.perf_counter()
    results = deadlines_batch(batch, today, 90)
    elapsed = time.perf_counter() - start
    count = sum(len(r) for r in results)
    print(
        f"deadlines_batch for {args.batch} situations: {elapsed:.2f} s "
        f"({elapsed / args.batch * 1e6:.1f} µs each, {count} deadlines)"
    )


if __name__ == "__main__":
    main()
