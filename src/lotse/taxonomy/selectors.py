"""Reads of the taxonomy: occupation search as you type.

Works on SQLite and PostgreSQL alike, without extensions:

1. The query is folded like the labels (``normalise.fold``) and split into words; the last
   word is still being typed, so every query word is matched as a word *prefix*.
2. Candidate labels come from ``OccupationLabelWord`` for the query's longest word (narrowed
   in the database by the second longest, which must then be typed without a typo): words that
   start with it (an index range scan), and — for words of four letters or more — words within
   one or two edits, found through the trigram vocabulary ``SearchWordGram`` (a few thousand
   distinct words, so the gram lists are short) and confirmed with ``prefix_distance``.
   Both lookups are capped and ordered by the label's priority, so the work is bounded; the
   typo lookup runs only when fewer than five occupations match as typed.
3. The candidates (at most a few hundred) are ranked in Python: exact label (or one of its
   slash forms, "Koch/Köchin") > label prefix >
   every query word a word prefix > fuzzy; then preferred over alternative labels, curated and
   5-digit KldB occupations first, fewer edits, shorter labels. One hit per occupation.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q

from lotse.taxonomy.models import Occupation, OccupationLabel, OccupationLabelWord, SearchWordGram
from lotse.taxonomy.normalise import fold, prefix_distance, trigrams

MAX_QUERY_LENGTH = 100
MAX_LIMIT = 50
CANDIDATES = 300
# Look for typos only when fewer occupations than this match as typed.
FUZZY_BELOW = 5
FUZZY_WORDS = 40
GRAM_WORDS = 150


@dataclass(frozen=True)
class OccupationHit:
    occupation: Occupation
    label: str
    language: str
    tier: int  # 0 exact, 1 label prefix, 2 word prefixes, 3 fuzzy
    distance: int


def allowed_edits(word: str) -> int:
    """Typos tolerated in a query word: none below 4 letters, 1 up to 6, 2 from 7."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2


def _fuzzy_words(token: str, languages: Sequence[str] | None) -> dict[str, int]:
    """Vocabulary words whose prefix is within the allowed edits of ``token``."""
    edits = allowed_edits(token)
    if not edits:
        return {}
    grams = trigrams(token)
    # Each edit destroys at most three grams; fewer shared grams cannot be a match.
    needed = max(1, len(grams) - 3 * edits)
    # Typos in the first letter are rare, and requiring it keeps the gram lists short.
    rows = (
        SearchWordGram.objects.filter(gram__in=grams, word__startswith=token[0])
        .values("word")
        .annotate(shared=Count("id"))
        .filter(shared__gte=needed)
        .order_by("-shared", "word")[:GRAM_WORDS]
    )
    found: dict[str, int] = {}
    for row in rows:
        distance = prefix_distance(token, row["word"], edits)
        if distance <= edits:
            found[row["word"]] = distance
    best = sorted(found.items(), key=lambda item: (item[1], len(item[0])))[:FUZZY_WORDS]
    return dict(best)


def _prefix(token: str) -> Q:
    """Words starting with ``token``. SQLite cannot serve ``LIKE … ESCAPE`` from an index, but a
    range in code-point order is exactly a prefix there; PostgreSQL has a pattern-ops index."""
    if connection.vendor == "sqlite":
        return Q(word__gte=token, word__lt=token + "\U0010ffff")
    return Q(word__startswith=token)


LabelRow = tuple[int, int, str, str, str, int]  # id, occupation id, label, language, text, priority


def _label_rows(condition: Q, languages: Sequence[str] | None, also: str = "") -> list[LabelRow]:
    """Labels with a word meeting ``condition``, best priority first, capped. Two queries on
    purpose: joined in one, PostgreSQL hashes the whole label table instead of fetching the
    few hundred labels by key."""
    words = OccupationLabelWord.objects.filter(condition)
    if languages:
        words = words.filter(language__in=languages)
    if also:
        # A second query word narrows the candidates in the database, not after the cap.
        words = words.filter(
            label_id__in=OccupationLabelWord.objects.filter(_prefix(also)).values("label_id")
        )
    ids = list(
        words.order_by("priority", "label_id").values_list("label_id", flat=True)[:CANDIDATES]
    )
    if not ids:
        return []
    return list(
        OccupationLabel.objects.filter(pk__in=set(ids)).values_list(
            "pk", "occupation_id", "label", "language", "search_text", "priority"
        )
    )


def _slash_forms(label: str) -> set[str]:
    """ "Koch/Köchin" is exactly "Koch" and exactly "Köchin"; "Altenpfleger/in" is exactly
    "Altenpfleger" (German labels name both genders with a slash)."""
    if "/" not in label:
        return set()
    return {fold(part) for part in label.split("/")}


class _Ranker:
    """Ranks candidate labels; keeps the best label per occupation."""

    def __init__(self, query: str, tokens: list[str]) -> None:
        self.query = query
        self.tokens = tokens
        self.seen: set[int] = set()
        self.best: dict[int, tuple[tuple[int, ...], LabelRow, int, int]] = {}
        self._distances: dict[tuple[str, str], int] = {}

    def _distance(self, token: str, word: str) -> int:
        key = (token, word)
        if key not in self._distances:
            self._distances[key] = prefix_distance(token, word, allowed_edits(token))
        return self._distances[key]

    def _word_match(self, token: str, label_words: list[str]) -> int | None:
        """0 when ``token`` is a prefix of a label word, else the fewest edits, or None.
        Neighbouring words also count joined, so "Kassiererin" meets "Kassierer/in" and
        "Lkwfahrer" meets "Lkw-Fahrer"."""
        candidates = label_words + [a + b for a, b in itertools.pairwise(label_words)]
        if any(word.startswith(token) for word in candidates):
            return 0
        edits = allowed_edits(token)
        if not edits:
            return None
        best = min(
            (self._distance(token, word) for word in candidates if word[0] == token[0]),
            default=edits + 1,
        )
        return best if best <= edits else None

    def add(self, rows: Iterable[LabelRow]) -> None:
        for row in rows:
            label_id, occupation_id, label, _language, text, priority = row
            if label_id in self.seen:
                continue
            self.seen.add(label_id)
            label_words = text.split()
            distance = 0
            for token in self.tokens:
                match = self._word_match(token, label_words)
                if match is None:
                    break
                distance += match
            else:
                if text == self.query or self.query in _slash_forms(label):
                    tier = 0
                elif text.startswith(self.query):
                    tier = 1
                elif distance == 0:
                    tier = 2
                else:
                    tier = 3
                key = (tier, distance, priority, len(text), label_id)
                current = self.best.get(occupation_id)
                if current is None or key < current[0]:
                    self.best[occupation_id] = (key, row, tier, distance)

    def top(self, limit: int) -> list[tuple[LabelRow, int, int]]:
        ranked = sorted(self.best.values(), key=lambda item: item[0])[:limit]
        return [(row, tier, distance) for _key, row, tier, distance in ranked]


def occupation_search(
    q: str, languages: Sequence[str] | None = None, limit: int = 20
) -> list[OccupationHit]:
    """Occupations whose labels match ``q`` in any (or the given) languages, best first."""
    query = fold(q[: MAX_QUERY_LENGTH * 2])[:MAX_QUERY_LENGTH]
    tokens = query.split()
    if not tokens:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    by_length = sorted(tokens, key=len, reverse=True)
    anchor = by_length[0]
    also = by_length[1] if len(by_length) > 1 and len(by_length[1]) >= 2 else ""
    ranker = _Ranker(query, tokens)
    ranker.add(_label_rows(_prefix(anchor), languages, also))
    # Fuzzy hits always rank below prefix hits, so they are only looked for when the prefix
    # hits are few: typing a correct word rarely pays for typo tolerance.
    if len(ranker.best) < min(limit, FUZZY_BELOW):
        fuzzy = [w for w in _fuzzy_words(anchor, languages) if not w.startswith(anchor)]
        if fuzzy:
            ranker.add(_label_rows(Q(word__in=fuzzy), languages, also))
    ranked = ranker.top(limit)
    occupations = Occupation.objects.in_bulk([row[1] for row, _tier, _distance in ranked])
    return [
        OccupationHit(occupations[row[1]], row[2], row[3], tier, distance)
        for row, tier, distance in ranked
    ]


def german_label(label: str, code: str) -> str:
    """The German name of the occupation a suggestion `label (code)` stands for: the profile is
    kept in German whatever language the counsellor searched in. `label` when it is German
    already, or when no German name is known."""
    picked = OccupationLabel.objects.filter(label=label).filter(
        Q(occupation__kldb_code=code) | Q(occupation__code=code)
    )
    occupation_id = picked.values_list("occupation_id", flat=True).first()
    if occupation_id is None or picked.filter(language="de").exists():
        return label
    german = OccupationLabel.objects.filter(occupation_id=occupation_id, language="de")
    return german.order_by("priority", "pk").values_list("label", flat=True).first() or label


def occupation_by_code(system: str, code: str) -> Occupation | None:
    return Occupation.objects.filter(system=system, code=code).first()
