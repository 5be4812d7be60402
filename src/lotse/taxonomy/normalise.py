"""Text folding for occupation and skill search. Pure Python (stdlib only).

``fold`` turns a label or a query into the form that is stored in ``search_text`` and
compared at search time; the same function on both sides makes spelling variants meet:

- NFKC + casefold; Latin diacritics are dropped (é → e, ç → c), ß → ss.
- German umlauts and their spelt-out forms meet: ä/ae → a, ö/oe → o, ü/ue → u, so "Bäcker",
  "Baecker" and "Backer" all fold to "backer". Applied to every Latin word (also English
  "aerospace" → "arospace"): harmless, because both sides are folded the same way.
- Arabic script: short vowels (tashkeel) and tatweel are dropped, alef forms → ا,
  ة → ه, ى/ی (Persian yeh) → ي, ک → ك, so Arabic and Dari/Farsi keyboards meet.
- Cyrillic: ё → е, ґ → г (Ukrainian keyboards without ґ).
- Persian zero-width non-joiners separate words; soft hyphens and other invisible format
  characters are dropped.
- Everything that is not a letter or digit separates words ("Altenpfleger/in" →
  "altenpfleger in").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "prefix_distance", "trigrams", "words"]

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        # Arabic and Persian letter variants
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",
        "ک": "ك",
        "ـ": None,
        # Cyrillic
        "ё": "е",
        "ґ": "г",
        # Persian writes compound parts with a zero-width non-joiner: a word boundary here.
        "\u200c": " ",
    }
)
# Umlauts written out: after the marks are gone, ae/oe/ue (from ä/ö/ü or typed) become one vowel.
_UMLAUT_DIGRAPH = re.compile(r"([aou])e")
_NON_WORD = re.compile(r"[^\w]+|_")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The search form of ``text``: words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
    # Umlauts first become their digraphs, so ä and ae fold alike below.
    text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = _strip_marks(text)
    # Soft hyphens, joiners, direction marks: invisible, never part of a word.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _UMLAUT_DIGRAPH.sub(r"\1", text)
    return " ".join(_NON_WORD.split(text)).strip()


def words(text: str) -> list[str]:
    """The words of an already folded text."""
    return text.split()


def trigrams(word: str) -> set[str]:
    """Trigrams of a word with a start marker (typed words are prefixes, so no end marker)."""
    padded = f"^{word}"
    if len(padded) < 3:
        return {padded}
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def prefix_distance(query: str, word: str, limit: int = 2) -> int:
    """Edit distance between ``query`` and the closest prefix of ``word`` (Levenshtein with
    adjacent transpositions counting one). Returns ``limit + 1`` once it is certain to exceed
    ``limit``, which keeps the re-rank cheap."""
    previous_previous: list[int] = []
    previous = list(range(len(word) + 1))
    for i, qc in enumerate(query, start=1):
        current = [i] + [0] * len(word)
        for j, wc in enumerate(word, start=1):
            cost = 0 if qc == wc else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and qc == word[j - 2] and query[i - 2] == wc and previous_previous:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(min(previous), limit + 1)
