"""Matching at scale: the pure core (`lotse.placements.matching`) over seeded plain rows.

    .venv/bin/python bench/bench_matching.py [--vacancies 100000] [--people 10000]
        [--nightly-vacancies 10000] [--samples 200] [--workers 2] [--naive-sample 100]

What the adapter hands the core is plain rows (one query per table, the engine once per person),
so the core is measured on rows seeded here with a fixed random seed: vacancies and people spread
over districts with coordinates, KldB codes drawn from a few hundred occupations, German levels,
licences, hours, and work-permission answers of every kind (allowed, with a permit, from a later
date, forbidden, unknown). Prints figures; asserts nothing.

1. Top 20 of `--vacancies` open vacancies (spread over Germany's ~400 districts) for one person,
   with explanations: p50/p95 over `--samples` people, beside the plain loop (`rank_naive`).
2. The nightly run: every admissible pair of `--people` × `--nightly-vacancies` that shares an
   occupational group (KldB 3 digits: what "new matches" records) in one network's region
   (40 districts, so each person meets many vacancies), in one process and in `--workers`
   processes, beside a naive Python loop over the same data (every pair through the
   hard filters and the score), timed on `--naive-sample` people and scaled up.
Goals (issue 14): 1. p95 <= 50 ms; 2. <= 5 s on 2 cores.
"""

from __future__ import annotations

import argparse
import datetime
import math
import random
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lotse.legal.model import Activity  # noqa: E402
from lotse.placements.matching import (  # noqa: E402
    CEFR_LEVELS,
    Coded,
    Permission,
    PersonRow,
    VacancyIndex,
    VacancyRow,
    admissible,
    linked,
    points,
    prepare,
    rank_naive,
)

TODAY = datetime.date(2027, 1, 15)
KINDS = ["job"] * 6 + ["mini_job", "eq", "training_dual", "training_school", "internship"]
LICENCES = ["B", "BE", "C", "CE", "C1", "D"]
LANGUAGES = ["en", "ar", "fa", "uk", "ru", "tr", "fr"]


def districts(count: int, rng: random.Random, *, box: tuple[float, float, float, float]):
    """`count` district centres (code, lat, lon) inside the box (south, north, west, east)."""
    south, north, west, east = box
    return [
        (f"{index:05d}", rng.uniform(south, north), rng.uniform(west, east))
        for index in range(count)
    ]


GERMANY = (47.3, 55.0, 5.9, 15.0)
# About a Regierungsbezirk: 40 districts within ~150 × 150 km.
REGION = (50.3, 51.7, 6.0, 8.1)


def occupations(rng: random.Random) -> list[str]:
    groups = [f"{rng.randint(111, 946):03d}" for _ in range(120)]
    return sorted(
        {f"{g}{rng.randint(0, 9)}{rng.choice('1112223')}" for g in groups for _ in range(3)}
    )


def place(rng: random.Random, centres) -> tuple[str, float, float]:
    code, lat, lon = rng.choice(centres)
    return code, lat + rng.gauss(0, 0.08), lon + rng.gauss(0, 0.12)


def seed_vacancies(count: int, rng: random.Random, centres, codes: list[str]) -> list[VacancyRow]:
    rows = []
    for index in range(count):
        district, lat, lon = place(rng, centres)
        has_coordinates = rng.random() < 0.95
        rows.append(
            VacancyRow(
                id=index + 1,
                title=f"Stelle {index + 1}",
                kind=rng.choice(KINDS),
                kldb=rng.choice(codes),
                start=TODAY + datetime.timedelta(days=rng.randint(-30, 300)),
                min_german=rng.choice(["", "", "A2", "B1", "B1", "B2", "C1"]),
                licences=frozenset(rng.sample(LICENCES, 1)) if rng.random() < 0.15 else frozenset(),
                hours=rng.choice([None, 10, 20, 30, 38, 40]),
                shift_work=rng.random() < 0.25,
                district=district,
                lat=lat if has_coordinates else None,
                lon=lon if has_coordinates else None,
                languages={rng.choice(LANGUAGES): rng.choice(["A2", "B1", "B2"])}
                if rng.random() < 0.2
                else {},
                experience_group=rng.choice(["", "", "", rng.choice(codes)[:3]]),
                qualifications=frozenset({rng.choice(codes)})
                if rng.random() < 0.1
                else frozenset(),
            )
        )
    return rows


def _permission(rng: random.Random) -> Permission:
    roll = rng.random()
    if roll < 0.55:
        return Permission(allowed=True, citation="§ 4a Abs. 1 AufenthG")
    if roll < 0.75:
        return Permission(allowed=True, needs_permit=True, citation="§ 61 Abs. 2 AsylG")
    if roll < 0.9:
        later = TODAY + datetime.timedelta(days=rng.randint(1, 200))
        return Permission(allowed=True, available_from=later, citation="§ 61 Abs. 1 AsylG")
    return Permission(allowed=False, citation="§ 60a Abs. 6 AufenthG")


def seed_people(count: int, rng: random.Random, centres, codes: list[str]) -> list[PersonRow]:
    people = []
    for index in range(count):
        district, lat, lon = place(rng, centres)
        permissions = (
            None if rng.random() < 0.05 else {activity: _permission(rng) for activity in Activity}
        )
        people.append(
            PersonRow(
                id=index + 1,
                permissions=permissions,
                german=rng.choice([None, "", "A1", "A2", "A2", "B1", "B1", "B2", "C1"]),
                licences=frozenset(rng.sample(LICENCES, rng.choice([0, 0, 1, 2]))),
                hours=rng.choice([None, None, 20, 30, 40]),
                shift_work=rng.choice([None, True, False]),
                district=district,
                lat=lat,
                lon=lon,
                desired=tuple(
                    Coded(rng.choice(codes), "Wunschberuf") for _ in range(rng.randint(0, 3))
                ),
                experience=tuple(
                    Coded(rng.choice(codes), "Tätigkeit", months=rng.randint(3, 96))
                    for _ in range(rng.randint(0, 3))
                ),
                qualifications=tuple(
                    Coded(rng.choice(codes), "Abschluss", partial=rng.random() < 0.5)
                    for _ in range(rng.choice([0, 0, 0, 1]))
                ),
                languages={rng.choice(LANGUAGES): rng.choice(CEFR_LEVELS)},
            )
        )
    return people


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


# --- the nightly run, split over processes --------------------------------------------------------

_NIGHTLY: tuple[VacancyIndex, list[PersonRow]] | None = None


def _nightly_init(vacancies: list[VacancyRow], people: list[PersonRow]) -> None:
    global _NIGHTLY
    _NIGHTLY = (VacancyIndex(vacancies), people)


def _nightly_part(bounds: tuple[int, int]) -> int:
    assert _NIGHTLY is not None
    index, people = _NIGHTLY
    return sum(len(index.linked_ids(p, today=TODAY)) for p in people[bounds[0] : bounds[1]])


def nightly(
    vacancies: list[VacancyRow], people: list[PersonRow], workers: int
) -> tuple[int, float]:
    start = time.perf_counter()
    if workers <= 1:
        index = VacancyIndex(vacancies)
        pairs = sum(len(index.linked_ids(p, today=TODAY)) for p in people)
        return pairs, time.perf_counter() - start
    step = math.ceil(len(people) / workers)
    parts = [(i, min(i + step, len(people))) for i in range(0, len(people), step)]
    with ProcessPoolExecutor(
        workers, initializer=_nightly_init, initargs=(vacancies, people)
    ) as pool:
        pairs = sum(pool.map(_nightly_part, parts))
    return pairs, time.perf_counter() - start


def naive_nightly(vacancies: list[VacancyRow], people: list[PersonRow]) -> tuple[int, float]:
    """Every pair through the hard filters and the occupational link and, where they pass, the
    score: the same pairs as the indexed run, without an index."""
    start = time.perf_counter()
    pairs = 0
    for person in people:
        prepared = prepare(person, today=TODAY)
        found = [
            (points(prepared, v), v.id)
            for v in vacancies
            if linked(prepared, v) and admissible(prepared, v)
        ]
        found.sort(key=lambda item: (-item[0], item[1]))
        pairs += len(found)
    return pairs, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--nightly-vacancies", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--naive-sample", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(14)
    codes = occupations(rng)

    # 1. One person, top 20 of many vacancies, with explanations.
    germany = districts(400, rng, box=GERMANY)
    vacancies = seed_vacancies(args.vacancies, rng, germany, codes)
    start = time.perf_counter()
    index = VacancyIndex(vacancies)
    built = time.perf_counter() - start
    people = seed_people(args.samples, rng, germany, codes)
    times, considered, found = [], [], []
    for person in people:
        start = time.perf_counter()
        ranking = index.match(person, today=TODAY, limit=20)
        times.append(time.perf_counter() - start)
        considered.append(ranking.considered)
        found.append(len(ranking.matches))
    with_excluded = []
    for person in people:
        start = time.perf_counter()
        index.match(person, today=TODAY, limit=20, excluded_limit=20)
        with_excluded.append(time.perf_counter() - start)
    naive_times = []
    for person in people[: max(3, args.samples // 20)]:
        start = time.perf_counter()
        rank_naive(person, vacancies, today=TODAY, limit=20, excluded_limit=0)
        naive_times.append(time.perf_counter() - start)
    print(f"1. top 20 of {args.vacancies:,} open vacancies (400 districts), {args.samples} people")
    print(f"   index built in {built * 1000:.0f} ms (once per run, not per person)")
    print(
        f"   indexed: p50 {statistics.median(times) * 1000:.2f} ms, "
        f"p95 {percentile(times, 0.95) * 1000:.2f} ms "
        f"(vacancies looked at: median {statistics.median(considered):.0f}; "
        f"matches shown: median {statistics.median(found):.0f})"
    )
    print(
        f"   with 20 excluded and why: p50 {statistics.median(with_excluded) * 1000:.2f} ms, "
        f"p95 {percentile(with_excluded, 0.95) * 1000:.2f} ms"
    )
    print(
        f"   plain loop over all (rank_naive, {len(naive_times)} people): "
        f"p50 {statistics.median(naive_times) * 1000:.0f} ms, "
        f"p95 {percentile(naive_times, 0.95) * 1000:.0f} ms"
    )

    # 2. The nightly run in one network's region.
    region = districts(40, rng, box=REGION)
    vacancies = seed_vacancies(args.nightly_vacancies, rng, region, codes)
    people = seed_people(args.people, rng, region, codes)
    print(
        f"2. nightly: {args.people:,} people x {args.nightly_vacancies:,} vacancies, 40 districts"
    )
    pairs, one = nightly(vacancies, people, 1)
    print(f"   indexed, 1 process: {one:.2f} s, {pairs:,} admissible pairs")
    if args.workers > 1:
        pairs_n, many = nightly(vacancies, people, args.workers)
        assert pairs_n == pairs
        print(f"   indexed, {args.workers} processes: {many:.2f} s")
    sample = people[: args.naive_sample]
    naive_pairs, naive = naive_nightly(vacancies, sample)
    scale = len(people) / len(sample)
    print(
        f"   naive loop over every pair: {naive:.2f} s for {len(sample)} people "
        f"({naive_pairs:,} pairs) -> {naive * scale:.0f} s for {len(people):,} (scaled)"
    )


if __name__ == "__main__":
    main()
