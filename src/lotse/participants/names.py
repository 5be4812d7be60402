"""Phonetic search keys for participant names across scripts and transliterations.

Pure Python (stdlib only) so it can be used in migrations, management commands and tests
without Django. The database stores ``name_keys()`` of every first name, last name and
alias; a search finds a participant when every ``query_keys()`` token is a prefix of one
of the participant's tokens (``keys_match`` does the same in Python).

Pipeline and the reasons behind each rule:

1. ``transliterate``: NFKC + casefold; Arabic/Persian/Pashto/Urdu and Cyrillic
   (Russian, Ukrainian, some Serbian/Tajik letters) go to rough Latin; Slavic/Turkish
   carons and cedillas become digraphs (š→sh, č→ch, ž→zh, ş→sh, ç→ch) so "Ševčenko" meets
   "Shevchenko"; everything else is NFKD-folded (umlauts lose their dots: "ue"/"ü" then
   meet in step 3). Cyrillic г is h in Ukrainian, g in Russian; a word without a
   telltale letter gets h (most Cyrillic-script participants today are Ukrainian),
   and ``name_keys`` stores both readings.
2. Consonant folding, applied identically to every source so spelling conventions cancel
   out: sch/sh→sh (German "Schewtschenko", English "Shevchenko"); tsch/tch/ch/cz→tsh
   (German "ch" for х/خ, as in "Chalid", is therefore *not* kh - English "ch" is far more
   common in the names we see); ph→f, th→t, dh→d, gh→g, c/q/ck→k, x→ks, w→v, doubled
   consonants→one; zh stays apart from sh (German "Schukow" is not found by "Zhukov").
   Initial j/y/dj/dsch/dzh are one "y" sound (Jusuf/Yusuf, Jana/Yana,
   Djamila/Jamila); y inside a word is a vowel (Hussain/Husayn, Natalya/Natalia); an
   inner j is a glide (vowel) after a consonant before a vowel or at the end after a
   vowel (Natalja, Tanja, Andrij), otherwise the consonant "dj" (Najib = Nadjib).
   Russian writes Arabic ح as х ("Мухаммад"), so Cyrillic queries read х as h and stored
   names with kh also store the h reading (Mykhailo is found by Михайло).
3. Vowels are the least reliable part of any transliteration (Mohammed/Muhammad,
   Youssef/Yusuf, Husein/Hussain), but dropping them entirely makes Mohammad = Mahmoud and
   Hassan = Hussein. The *full key* therefore keeps where vowels are (each vowel run is
   one mark) and the quality of the first run only, in two classes: "u" when it contains
   o/u, "a" otherwise (e/i vary with a in Kurdish, Persian and Turkish spellings:
   Ebrahim/Ibrahim, Ehmed/Ahmed). Later runs become "e". Mohammad → "muhemed",
   Mahmoud → "mahmed", Hussein → "husen", Hassan → "hasen".
4. Arabic script omits short vowels, so محمد only gives m-h-m-d. Arabic-script words yield
   only the *skeleton* (consonants; a leading "a" if the word starts with a vowel).
   Latin/Cyrillic names store full key *and* skeleton, so an Arabic-script query finds
   the Latin spelling. A Latin query only yields full keys; it does not reach a
   participant whose name is stored only in Arabic script (use
   ``query_keys(text, skeleton=True)`` for such a broad search).
5. Particles: a standalone al/el/ul/il/ol or a sun-letter article (ar-Rahman,
   as-Sayed) before another word is dropped from queries and stored both dropped and
   joined ("Al-Hassan" also stores "alhassan"). Arabic ال is split off. "Abd" compounds
   (Abd al-Rahman, Abdul Rahman, Abdulrahman, Abdel Rahman, Abdurrahman, عبد الرحمن)
   store "abd", the rest, and "abd"+rest without the connector; queries use the joined
   form. "Abdelaziz" is ambiguous (al-Aziz or al-Latif with one l), so both rests are
   stored and queries use the shorter one.
6. Queries are partial words: a trailing fragment whose key could still change
   ("Shevc" may become "Shevch"; likewise a final p or j) is cut, an unfinished first vowel
   run is dropped (its class may still change: "Sa" → "Saoud") and a trailing article
   ("Abd al") waits for its word. Multi-letter sounds are spelt so that the key of their
   first letter is a prefix of theirs (d/dj, t/tsh, s/sh, z/zh, k/kh). So for Latin input
   the key of a typed prefix is a prefix of the finished name's key.

Known collisions (deliberate trade-offs): Ali = Alaa (later vowels keep no quality);
Yusuf = Josef; a glued "Alhassan" is found by "Alhassan"/"Elhassan" but not by
"Al Hassan"; a Latin query matches by prefix, so "Ali" finds "Alina" unless
``keys_match(..., prefix=False)`` is used; Arabic-script queries are skeleton-only, so
محمد also finds Mahmoud and حسين also finds Hassan. Deliberately distinct: Oleksandr
(Ukrainian) and Aleksandr (Russian), Olga and Oleg, Fatima and Farid.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["keys_match", "name_keys", "query_keys", "transliterate"]

_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4\u02b9\u2032"))

_LATIN_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "dj",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ə": "a",
        "ħ": "h",
        "š": "sh",
        "ś": "sh",
        "ş": "sh",
        "ș": "sh",
        "č": "ch",
        "ć": "ch",
        "ç": "ch",
        "ž": "zh",
        "ź": "zh",
        "ż": "zh",
        "ğ": "g",
    }
)

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "д": "d",
    "е": "e",
    "ё": "e",  # as in ICAO passports
    "ж": "zh",
    "з": "z",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ґ": "g",
    "є": "ye",
    "і": "i",
    "ї": "yi",
    "ў": "u",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ђ": "dj",
    "ћ": "ch",
    "џ": "dzh",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    "ғ": "gh",
    "қ": "q",
    "ң": "ng",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "ә": "a",
    "ҳ": "h",
    "ҷ": "j",
    "ӣ": "i",
    "ӯ": "u",
}
_CYR_GHE = "г"
_CYR_I = "и"
_CYR_KHA = "х"
_UKRAINIAN_ONLY = frozenset("іїєґ")
_RUSSIAN_ONLY = frozenset("ыэёъ")

_ARABIC = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ٱ": "a",
    "ء": "",
    "ؤ": "u",
    "ئ": "i",
    "ى": "a",
    "ة": "a",
    "ۀ": "a",
    "ە": "a",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "th",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "dh",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    # Latin spellings write ʿayn as a vowel or not at all (Ali, Omar, Saad).
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ڤ": "v",
    "ق": "q",
    "ك": "k",
    "ک": "k",
    "گ": "g",
    "ڨ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ھ": "h",
    "ہ": "h",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
    "ں": "n",
    "ے": "e",
    "ټ": "t",
    "ډ": "d",
    "ړ": "r",
    "ښ": "sh",
    "ږ": "zh",
    "ځ": "dz",
    "څ": "ts",
    "ڼ": "n",
    "ۍ": "i",
    "ې": "e",
}
_AR_WAW = "و"
_AR_YA = "يی"
_AR_JIM = "ج"
_AR_ALIF = "ا"
_AR_ARTICLE = "ال"
# Letters before which waw is a consonant: Marwan, Nawal, Parvin, Navid.
_AR_WAW_CONSONANT_BEFORE = "اةىيی"
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_AR_RUN = re.compile(
    "[\u0621-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]+"
)
_CYR_RUN = re.compile("[\u0400-\u052f]+")
_RAW_WORD = re.compile(
    "(?:[^\\W\\d_]|[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u06d6-\u06ed])+"
)
_ASCII_WORD = re.compile("[a-z]+")


def _arabic_letters(word: str) -> str:
    out: list[str] = []
    last = len(word) - 1
    for i, ch in enumerate(word):
        if ch == _AR_WAW:
            consonant = (
                i == 0
                or (i < last and word[i + 1] in _AR_WAW_CONSONANT_BEFORE)
                or word[i - 1] == _AR_ALIF
            )
            out.append("w" if consonant else "u")
        elif ch in _AR_YA:
            out.append("y" if i == 0 else "i")
        elif ch == _AR_JIM:
            # "dj" keeps an inner jim a consonant under the Latin glide rule for j.
            out.append("j" if i == 0 else "dj")
        else:
            out.append(_ARABIC.get(ch, ""))
    return "".join(out)


def _arabic_word(word: str) -> str:
    word = _AR_MARKS.sub("", word)
    if word.startswith(_AR_ARTICLE) and len(word) > 3:
        return "al-" + _arabic_letters(word[2:])
    return _arabic_letters(word)


@lru_cache(maxsize=16)
def _cyrillic_table(ghe: str, i_letter: str, kha: str) -> dict[int, str]:
    return str.maketrans({**_CYRILLIC, _CYR_GHE: ghe, _CYR_I: i_letter, _CYR_KHA: kha})


def _cyrillic_word(word: str, ambiguous_ghe: str, kha: str) -> str:
    chars = set(word)
    ukrainian = not chars.isdisjoint(_UKRAINIAN_ONLY)
    if ukrainian:
        ghe = "h"
    elif not chars.isdisjoint(_RUSSIAN_ONLY):
        ghe = "g"
    else:
        ghe = ambiguous_ghe
    return word.translate(_cyrillic_table(ghe, "y" if ukrainian else "i", kha))


def _fold(text: str, ambiguous_ghe: str, kha: str = "kh") -> str:
    """Transliterate already NFKC-normalised, casefolded text."""
    if text.isascii():
        return text
    text = _AR_RUN.sub(lambda m: _arabic_word(m.group()), text)
    text = _CYR_RUN.sub(lambda m: _cyrillic_word(m.group(), ambiguous_ghe, kha), text)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_LATIN_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def transliterate(text: str) -> str:
    """Rough, search-oriented Latin rendering of ``text``, casefolded.

    Arabic-script words come out without short vowels ("محمد" → "mhmd"), Arabic ال
    as "al-". Other scripts without a table (Greek, CJK, ...) pass through unchanged.
    """
    return _fold(unicodedata.normalize("NFKC", text).casefold(), "h")


# --- keys -----------------------------------------------------------------------------

_TOKEN = re.compile("tsch|tch|th|dsch|dzh|dj|dh|sch|sh|ch|ck|cz|zh|kh|gh|ph|[a-z]")
_A, _U = "A", "U"  # vowel classes; never valid consonant units
_J_SOUND, _Y, _J = "J", "Y", "j"
# Multi-letter sounds map to strings that start with the single-letter reading of their
# first letter where possible (d/dj, t/tsh, s/sh, z/zh, g/gh), so that a half-typed
# digraph still gives a prefix of the finished key.
_UNITS = {
    "tsch": "tsh",
    "tch": "tsh",
    "ch": "tsh",
    "cz": "tsh",
    "th": "t",
    "dsch": _J_SOUND,
    "dzh": _J_SOUND,
    "dj": _J_SOUND,
    "dh": "d",
    "sch": "sh",
    "gh": "g",
    "ph": "f",
    "ck": "k",
    "c": "k",
    "q": "k",
    "x": "ks",
    "w": "v",
    "a": _A,
    "e": _A,
    "i": _A,
    "o": _U,
    "u": _U,
    "y": _Y,
    "j": _J,
}
_VOWEL_LETTERS = frozenset("aeiou")
_MULTI = [p for p in _TOKEN.pattern.split("|") if len(p) > 1 and p.isalpha()]
_MAX_PATTERN = max(map(len, _MULTI))


def _plain_units(letters: str, initial: bool) -> str:
    units = [_UNITS.get(tok, tok) for tok in _TOKEN.findall(letters)]
    if units and units[0] == _J_SOUND:
        units[0] = "y" if initial else "dj"
    return "".join(u for u in units if u not in (_A, _U, _Y, _J))


def _unstable_tails(initial: bool) -> frozenset[str]:
    """Word endings whose key may change once the next letter is typed (c, k, p, ds, ...)."""
    return frozenset(
        p[:k]
        for p in _MULTI
        for k in range(1, len(p))
        if not _plain_units(p, initial).startswith(_plain_units(p[:k], initial))
    )


_UNSTABLE_INNER = _unstable_tails(initial=False)
_UNSTABLE_INITIAL = _unstable_tails(initial=True)


@lru_cache(maxsize=16384)
def _word_keys(word: str, partial: bool) -> tuple[str, str]:
    """(full key, skeleton) of one lowercase ASCII word."""
    toks = _TOKEN.findall(word)
    n = len(toks)
    units: list[str] = []
    for k, tok in enumerate(toks):
        unit = _UNITS.get(tok, tok)
        if unit == _Y:
            unit = "y" if k == 0 else _A
        elif unit == _J_SOUND:
            unit = "y" if k == 0 else "dj"
        elif unit == _J:
            if k == 0:
                unit = "y"
            else:
                after_vowel = units[-1] in (_A, _U)
                if k + 1 < n:
                    glide = not after_vowel and toks[k + 1] in _VOWEL_LETTERS
                else:
                    glide = after_vowel
                unit = _A if glide else "dj"
        units.append(unit)

    cut = n
    if partial:
        tail = 0
        for k in range(n - 1, -1, -1):
            tail += len(toks[k])
            if tail >= _MAX_PATTERN:
                break
            if word[-tail:] in (_UNSTABLE_INITIAL if k == 0 else _UNSTABLE_INNER):
                cut = k
        if cut == n and n and toks[-1] == "j":
            cut = n - 1  # glide or consonant depends on the next letter
        if cut >= 2:
            last, before = units[cut - 1], units[cut - 2]
            if last != before and before.startswith(last) and last not in (_A, _U):
                cut -= 1  # "dj" + "d" may still become "dj" + "dj", which collapses

    full: list[str] = []
    skeleton: list[str] = []
    runs = 0
    first_mark = -1
    in_run = False
    previous = ""
    for unit in units[:cut]:
        if unit in (_A, _U):
            if in_run:
                if runs == 1 and unit == _U:
                    full[first_mark] = "u"
                continue
            in_run = True
            previous = ""
            runs += 1
            if runs == 1:
                first_mark = len(full)
                full.append("u" if unit == _U else "a")
                if first_mark == 0:
                    skeleton.append("a")
            else:
                full.append("e")
        else:
            in_run = False
            if unit != previous:
                previous = unit
                full.append(unit)
                skeleton.append(unit)
    if partial and in_run and runs == 1 and (cut == n or toks[cut] == "j"):
        del full[first_mark:]  # unfinished first run: its class is not known yet
    return "".join(full), "".join(skeleton)


_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_ABD = re.compile("abd([aeiouy]*)([a-z]*)")
_NAME, _QUERY, _EXACT, _BROAD = 0, 1, 2, 3


def _is_article(word: str, following: str) -> bool:
    if word in _ARTICLES:
        return True
    # Sun-letter assimilation: ar-Rahman, as-Sayed, ash-Shami, ad-Din.
    return (
        2 <= len(word) <= 3
        and word[0] in _VOWEL_LETTERS
        and not _VOWEL_LETTERS.intersection(word[1:])
        and following.startswith(word[1:])
    )


def _words(text: str, ambiguous_ghe: str, kha: str = "kh") -> list[tuple[str, bool]]:
    """Lowercase ASCII words of ``text``, each flagged when it was in Arabic script."""
    if text.isascii():
        return [(w, False) for w in _ASCII_WORD.findall(text.lower().translate(_APOSTROPHES))]
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    out: list[tuple[str, bool]] = []
    for raw in _RAW_WORD.findall(text):
        out.extend(_raw_word(raw, ambiguous_ghe, kha))
    return out


@lru_cache(maxsize=16384)
def _raw_word(raw: str, ambiguous_ghe: str, kha: str) -> tuple[tuple[str, bool], ...]:
    arabic = _AR_RUN.search(raw) is not None
    return tuple((w, arabic) for w in _ASCII_WORD.findall(_fold(raw, ambiguous_ghe, kha)))


def _abd_rests(tail: str) -> list[str]:
    """Possible names after "abd" + connector vowel; [] when only the connector is there."""
    if len(tail) < 2 or _VOWEL_LETTERS.issuperset(tail):
        # abd, abdul, abdur, abdou: the name follows as the next word
        return []
    if tail[0] == "l":
        if tail[1] in _VOWEL_LETTERS:
            # abdelaziz = al-Aziz, abdulatif = al-Latif: stored both ways, queried short
            return [tail, tail[1:]]
        return [tail[1:]]
    if tail[0] == tail[1]:
        return [tail[1:]]  # abdurrahman: the article's consonant assimilated
    return [tail]


def _word_out(word: str, arabic: bool, mode: int, out: list[str]) -> None:
    full, skeleton = _word_keys(word, mode == _QUERY and not arabic)
    if arabic or mode == _BROAD:
        out.append(skeleton)
    elif mode == _NAME:
        out.append(full)
        if full[-1:] in ("a", "e", "u"):
            out.append(full + "h")  # Fatima vs Fatimah, Sara vs Sarah
        elif full.endswith("h") and full[-2:-1] in ("a", "e", "u"):
            out.append(full[:-1])
        out.append(skeleton)
        if "kh" in word:
            # Cyrillic queries read х as h (Мухаммад = Muhammad); Mykhailo must answer too.
            _word_out(word.replace("kh", "h"), arabic, mode, out)
    else:
        out.append(full)


def _keys(words: list[tuple[str, bool]], mode: int) -> list[str]:
    while mode == _QUERY and len(words) > 1:
        last = words[-1][0]
        if not (last in _VOWEL_LETTERS or _is_article(last, last[1:])):
            break
        words = words[:-1]  # "Abd al", "Abd al-A": an article being typed, its word to come
    out: list[str] = []
    i = 0
    n = len(words)
    while i < n:
        word, arabic = words[i]
        if i + 1 < n and _is_article(word, words[i + 1][0]):
            article = word
            i += 1
            word, arabic = words[i]
            _word_out(word, arabic, mode, out)
            if mode == _NAME:
                _word_out("al" + word, arabic, mode, out)
                if article != "al":
                    _word_out(article + word, arabic, mode, out)
            i += 1
            continue
        m = _ABD.fullmatch(word)
        if m is None:
            _word_out(word, arabic, mode, out)
            i += 1
            continue
        rests = _abd_rests(m.group(2))
        i += 1
        if not rests and i < n:
            if i + 1 < n and _is_article(words[i][0], words[i + 1][0]):
                i += 1
            nxt, nxt_arabic = words[i]
            arabic = arabic and nxt_arabic
            rests = [nxt]
            if len(nxt) > 1 and nxt[0] == "l" and nxt[1] in _VOWEL_LETTERS:
                rests.append(nxt[1:])
            i += 1
            if mode != _NAME:
                rests = rests[:1]
        elif mode != _NAME:
            rests = rests[-1:]
        if mode == _NAME:
            _word_out("abd", arabic, mode, out)
            for rest in rests:
                _word_out(rest, arabic, mode, out)
                _word_out("abd" + rest, arabic, mode, out)
        else:
            _word_out("abd" + rests[0] if rests else "abd", arabic, mode, out)
    return out


def _dedupe(keys: list[str]) -> list[str]:
    return [k for k in dict.fromkeys(keys) if k]


def name_keys(text: str) -> list[str]:
    """Search tokens to store for a name (first names, last name or an alias).

    Lowercase ASCII, deduplicated, in order of appearance; empty for text without letters.
    """
    keys = _keys(_words(text, "h"), _NAME)
    if _CYR_GHE in text or _CYR_GHE.upper() in text:
        keys += _keys(_words(text, "g"), _NAME)  # Олег: Ukrainian Oleh, Russian Oleg
    return _dedupe(keys)


def query_keys(text: str, *, skeleton: bool = False) -> list[str]:
    """Tokens for a (possibly half-typed) search; each must prefix some stored token.

    Keys implied by a longer key of the same query are left out. ``skeleton=True`` gives
    consonant skeletons for every word: a broad search that also reaches names stored
    only in Arabic script, at the price of Mohammad = Mahmoud.
    """
    keys = _dedupe(_keys(_words(text, "h", "h"), _BROAD if skeleton else _QUERY))
    return [k for k in keys if not any(o != k and o.startswith(k) for o in keys)]


def keys_match(query: str, name: str, *, prefix: bool = True) -> bool:
    """Whether ``name`` would be found for ``query``.

    With ``prefix=False`` (duplicate check on complete names) every query key must equal a
    name key, so "Ali" no longer matches "Alina". A query without keys matches nothing.
    """
    stored = name_keys(name)
    if prefix:
        wanted = query_keys(query)
        return bool(wanted) and all(any(s.startswith(q) for s in stored) for q in wanted)
    exact = _dedupe(_keys(_words(query, "h", "h"), _EXACT))
    stored_set = set(stored)
    return bool(exact) and all(q in stored_set for q in exact)
