"""Occupation search with the full KldB and an ESCO-sized set on PostgreSQL (issue 4).

    .venv/bin/python bench/bench_occupations.py [--database-url URL] [--queries 300]

Loads into a dedicated database `lotse_taxonomy_bench`: the curated set (by `migrate`), the
full KldB 2010 from the BA's file in ../shared/data (all levels), and — because the real ESCO
download is not on this machine — a deterministic synthetic stand-in of ESCO's size: 3,000
occupations and 14,000 skills, each with a preferred and five alternative labels in German and
in English. Then it times `GET /api/v1/occupations?q=…` through Django's test client (the
whole request inside the server: middleware, authentication, search, JSON) for ~300 varied
queries — prefixes as typed, whole words, several words, missing umlauts, typos, Arabic and
Ukrainian — and prints median and p95. Goal: p95 <= 20 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://lotse:lotse@localhost:5432/lotse_taxonomy_bench"
KLDB_FILE = ROOT.parent / "shared" / "data" / "kldb2010-v2020-gliederung.csv"
SEED = 20260415

DE_FIELDS = [
    "Alten",
    "Kranken",
    "Kinder",
    "Bau",
    "Metall",
    "Holz",
    "Lager",
    "Kfz",
    "Elektro",
    "Garten",
    "Lebensmittel",
    "Textil",
    "Maschinen",
    "Anlagen",
    "Büro",
    "Hotel",
    "Küchen",
    "Service",
    "Reinigungs",
    "Sicherheits",
    "Fahrzeug",
    "Transport",
    "Produktions",
    "Verkaufs",
    "Daten",
    "Software",
    "Netzwerk",
    "Gebäude",
    "Straßen",
    "Wasser",
    "Energie",
    "Solar",
    "Kälte",
    "Heizungs",
    "Sanitär",
    "Fenster",
    "Boden",
    "Dach",
    "Glas",
    "Stahl",
    "Beton",
    "Kunststoff",
    "Papier",
    "Druck",
    "Medien",
    "Foto",
    "Musik",
    "Sport",
    "Reise",
    "Immobilien",
    "Versicherungs",
    "Bank",
    "Steuer",
    "Personal",
    "Logistik",
    "Zoll",
    "Labor",
    "Pharma",
    "Chemie",
    "Umwelt",
    "Abfall",
    "Forst",
    "Tier",
    "Pferde",
    "Fisch",
    "Wein",
    "Brau",
    "Back",
    "Fleisch",
    "Milch",
    "Süßwaren",
    "Schuh",
    "Leder",
    "Möbel",
    "Schmuck",
    "Uhren",
    "Optik",
    "Zahn",
    "Pflege",
    "Gesundheits",
    "Sozial",
    "Jugend",
    "Schul",
]
DE_HEADS = [
    "pfleger",
    "helfer",
    "techniker",
    "mechaniker",
    "monteur",
    "fachkraft",
    "kaufmann",
    "berater",
    "leiter",
    "arbeiter",
    "fahrer",
    "meister",
    "assistent",
    "koordinator",
    "planer",
    "prüfer",
    "entwickler",
    "verkäufer",
    "bediener",
    "installateur",
    "gestalter",
    "betreuer",
    "disponent",
    "sachbearbeiter",
    "ingenieur",
    "referent",
    "analyst",
    "verwalter",
    "kontrolleur",
    "vermittler",
    "designer",
    "trainer",
    "lehrer",
]
DE_QUALIFIERS = [
    "im Außendienst",
    "für Sondermaschinen",
    "in der Instandhaltung",
    "im Schichtbetrieb",
    "für Export",
    "in der Qualitätssicherung",
    "im Einzelhandel",
    "im Großhandel",
    "für Anlagenbau",
    "in der Fertigung",
    "im öffentlichen Dienst",
    "für erneuerbare Energien",
    "in Kliniken",
    "im Handwerk",
    "für Logistik",
]
EN_FIELDS = [
    "elderly",
    "hospital",
    "child",
    "construction",
    "metal",
    "wood",
    "warehouse",
    "vehicle",
    "electrical",
    "garden",
    "food",
    "textile",
    "machine",
    "plant",
    "office",
    "hotel",
    "kitchen",
    "service",
    "cleaning",
    "security",
    "transport",
    "production",
    "retail",
    "data",
    "software",
    "network",
    "building",
    "road",
    "water",
    "energy",
    "solar",
    "refrigeration",
    "heating",
    "plumbing",
    "window",
    "floor",
    "roof",
    "glass",
    "steel",
    "concrete",
    "plastics",
    "paper",
    "print",
    "media",
    "photo",
    "music",
    "sports",
    "travel",
    "property",
    "insurance",
    "bank",
    "tax",
    "personnel",
    "logistics",
    "customs",
    "laboratory",
    "pharmaceutical",
    "chemical",
    "environmental",
    "waste",
    "forestry",
    "animal",
    "horse",
    "fish",
    "wine",
    "brewing",
    "bakery",
    "meat",
    "dairy",
    "confectionery",
    "shoe",
    "leather",
    "furniture",
    "jewellery",
    "watch",
    "optical",
    "dental",
]
EN_HEADS = [
    "nurse",
    "helper",
    "technician",
    "mechanic",
    "fitter",
    "specialist",
    "clerk",
    "adviser",
    "manager",
    "worker",
    "driver",
    "master",
    "assistant",
    "coordinator",
    "planner",
    "inspector",
    "developer",
    "salesperson",
    "operator",
    "installer",
    "designer",
    "carer",
    "dispatcher",
    "officer",
    "engineer",
    "consultant",
    "analyst",
    "administrator",
    "controller",
    "agent",
    "trainer",
    "teacher",
]
EN_QUALIFIERS = [
    "field service",
    "special machinery",
    "maintenance",
    "shift work",
    "export",
    "quality assurance",
    "retail",
    "wholesale",
    "plant engineering",
    "manufacturing",
    "public service",
    "renewable energy",
    "clinics",
    "crafts",
    "logistics",
]
SKILL_VERBS_DE = [
    "planen",
    "prüfen",
    "warten",
    "bedienen",
    "reinigen",
    "montieren",
    "beraten",
    "dokumentieren",
]
SKILL_VERBS_EN = [
    "plan",
    "inspect",
    "maintain",
    "operate",
    "clean",
    "assemble",
    "advise",
    "document",
]


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
    os.environ.setdefault("LOTSE_REQUIRE_OTP", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _labels(
    rng: random.Random, fields: list[str], heads: list[str], quals: list[str], *, german: bool
) -> list[str]:
    field, head = rng.choice(fields), rng.choice(heads)
    base = f"{field}{head}" if german else f"{field} {head}"
    labels = [base if german else base.lower()]
    while len(labels) < 6:
        other_field = rng.choice(fields)
        variant = rng.choice(
            [
                f"{other_field}{head}" if german else f"{other_field} {head}",
                f"{base} {rng.choice(quals)}",
                f"{base}/in" if german else f"senior {base}",
                f"{field}-{rng.choice(heads)}" if german else f"{field} {rng.choice(heads)}",
            ]
        )
        if variant not in labels:
            labels.append(variant)
    return labels


def synthetic_esco(rng: random.Random) -> tuple[dict, dict]:
    from lotse.taxonomy.importers.esco import EscoConcept

    occupations: dict[str, list[EscoConcept]] = {"de": [], "en": []}
    for n in range(3_000):
        uri = f"http://data.europa.eu/esco/occupation/bench-{n:05d}"
        isco = f"{rng.randint(1, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}{rng.randint(1, 9)}"
        code = f"{isco}.{rng.randint(1, 9)}" + (f".{rng.randint(1, 9)}" if n % 3 == 0 else "")
        for language, fields, heads, quals in (
            ("de", DE_FIELDS, DE_HEADS, DE_QUALIFIERS),
            ("en", EN_FIELDS, EN_HEADS, EN_QUALIFIERS),
        ):
            labels = _labels(rng, fields, heads, quals, german=language == "de")
            occupations[language].append(
                EscoConcept(uri, labels[0], tuple(labels[1:]), isco_code=isco, code=code)
            )
    skills: dict[str, list[EscoConcept]] = {"de": [], "en": []}
    for n in range(14_000):
        uri = f"http://data.europa.eu/esco/skill/bench-{n:05d}"
        for language, verbs, fields in (
            ("de", SKILL_VERBS_DE, DE_FIELDS),
            ("en", SKILL_VERBS_EN, EN_FIELDS),
        ):
            labels = list(
                dict.fromkeys(f"{rng.choice(fields)} {rng.choice(verbs)} {n}" for _ in range(6))
            )
            skills[language].append(EscoConcept(uri, labels[0], tuple(labels[1:])))
    return occupations, skills


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "replace"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]


def queries(rng: random.Random, count: int) -> list[str]:
    from lotse.taxonomy.models import OccupationLabel

    labels = list(
        OccupationLabel.objects.filter(language__in=["de", "en"]).values_list("label", flat=True)
    )
    rng.shuffle(labels)
    fixed = [
        "altenpfl",
        "Koch",
        "Baecker",
        "Backer",
        "Elektrikr",
        "طباخ",
        "кухар",
        "Pflegefach",
        "Lkw",
        "Kassiererin",
        "Fachinformatiker",
        "Maurer",
        "reinigung",
        "lager",
        "kellner",
        "Erzieherin",
        "Busfahrer",
        "Friseur",
        "Schweisser",
        "Gabelstapler",
    ]
    result = list(fixed)
    while len(result) < count:
        words = [w for w in labels.pop().replace("/", " ").split() if w.isalpha()]
        if not words:
            continue
        word = max(words, key=len)
        kind = len(result) % 5
        if kind == 0:  # typing a prefix
            result.append(word[: rng.randint(2, max(2, min(len(word), 10)))])
        elif kind == 1:  # the whole word
            result.append(word)
        elif kind == 2 and len(word) >= 6:  # a typo
            result.append(_typo(rng, word))
        elif kind == 3 and len(words) >= 2:  # two words, the last one unfinished
            result.append(f"{words[0]} {words[1][:3]}")
        else:  # umlauts typed without dots or spelt out
            result.append(
                word.replace("ä", "ae").replace("ö", "o").replace("ü", "ue").replace("ß", "ss")
            )
    return result[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    if args.database_url.startswith("postgres"):
        ensure_database(args.database_url)
    setup(args.database_url)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from lotse.taxonomy import services
    from lotse.taxonomy.importers.kldb import parse_kldb
    from lotse.taxonomy.models import Occupation, OccupationLabel, SearchWordGram, SkillLabel
    from lotse.taxonomy.selectors import occupation_search

    rng = random.Random(SEED)
    started = time.perf_counter()
    kldb = services.kldb_import(records=parse_kldb(KLDB_FILE))
    print(
        f"KldB import: {kldb.created} new, {kldb.unchanged} unchanged "
        f"({time.perf_counter() - started:.1f} s)"
    )
    started = time.perf_counter()
    occupations, skills = synthetic_esco(rng)
    esco = services.esco_import(occupations=occupations, skills=skills)
    print(
        f"synthetic ESCO import: {esco.created} new, {esco.unchanged} unchanged, "
        f"{esco.labels_created} new labels ({time.perf_counter() - started:.1f} s)"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE") if connection.vendor == "postgresql" else None
    print(
        f"loaded: {Occupation.objects.count():,} occupations, "
        f"{OccupationLabel.objects.count():,} occupation labels, "
        f"{SkillLabel.objects.count():,} skill labels, "
        f"{SearchWordGram.objects.values('word').distinct().count():,} distinct words"
    )

    setup_test_environment()
    user, _ = get_user_model().objects.get_or_create(username="taxonomy.bench")
    client = Client()
    client.force_login(user)
    texts = queries(rng, args.queries)
    for q in texts[:20]:  # warm caches and connections
        client.get("/api/v1/occupations", {"q": q})
    server, search, empty = [], [], 0
    for q in texts:
        t0 = time.perf_counter()
        response = client.get("/api/v1/occupations", {"q": q})
        server.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (q, response.content)
        empty += not response.json()
        t0 = time.perf_counter()
        occupation_search(q)
        search.append((time.perf_counter() - t0) * 1000)

    def figures(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[int(len(values) * 0.95) - 1]
        return (
            f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms"
        )

    print(f"{len(texts)} queries on {connection.vendor}; {empty} without a hit")
    print(f"  GET /api/v1/occupations (server time): {figures(server)}")
    print(f"  occupation_search alone:              {figures(search)}")
    print("  goal: p95 <= 20 ms")


if __name__ == "__main__":
    main()
