"""Matching people and vacancies: hard filters that are never broken, a score that explains itself.

Pure Python (no Django; import-linter holds it), like `lotse.legal`, whose answer it reads: the
adapter (`match_rows`) computes the work-permission answer once per participant and hands in plain
rows, so matching one person against 100,000 vacancies runs no engine and no query.

**Hard filters** (a vacancy that fails one is *excluded*, with every reason): the activity of the
vacancy's kind is possible on its start date, the minimum German level, the required driving
licences, the hours against the person's stated availability (and shift work), and the region
(same district, or within the radius when both places have coordinates). What is not known of a
person excludes where the law or the employer sets a condition (no work-permission answer, no
German level), and excludes nothing where the person simply stated no limit (hours, shift work).

**Soft score** in integer points (so the fast path and the explaining path agree exactly):
occupation (the same KldB 5-digit code, else the 4-digit Berufsuntergruppe, else the 3-digit
Berufsgruppe, from the desired occupations, the coded work experience and recognised
qualifications), level fit, experience in the vacancy's group, languages, the start date, the
qualification the vacancy asks for; a permit of the foreigners authority still to obtain costs a
few points. Every factor that gave or cost points is said in words, for and against.

Speed without numpy (not in the stack): vacancies are indexed by grid cell (about the radius
wide) and activity, so a person meets only the vacancies near them whose activity the law allows;
the filters then run as plain comparisons on prepared tuples, and only the top N are explained.
`assess` is the one scalar truth (the naive loop, the tests); `VacancyIndex.match` must agree with
it, which a property-based test checks.
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from lotse.legal.model import Activity, Text

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
KM_PER_DEGREE = 111.2
DEFAULT_RADIUS_KM = 25
# A place known only by its town (no postcode file imported): the "district" is the town.
TOWN_PREFIX = "town:"
SMALL_INDEX = 2_000  # up to this many vacancies, the excluded list may look beyond the region

LANGUAGE_NAMES: Mapping[str, Text] = {
    "en": Text("Englisch", "English"),
    "fr": Text("Französisch", "French"),
    "ar": Text("Arabisch", "Arabic"),
    "fa": Text("Persisch", "Persian"),
    "ps": Text("Paschtu", "Pashto"),
    "uk": Text("Ukrainisch", "Ukrainian"),
    "ru": Text("Russisch", "Russian"),
    "tr": Text("Türkisch", "Turkish"),
    "ku": Text("Kurdisch", "Kurdish"),
    "ti": Text("Tigrinya", "Tigrinya"),
    "so": Text("Somali", "Somali"),
    "es": Text("Spanisch", "Spanish"),
    "pl": Text("Polnisch", "Polish"),
    "it": Text("Italienisch", "Italian"),
}

LEVEL_NAMES = {
    1: Text("Helfer", "helper"),
    2: Text("Fachkraft", "skilled worker"),
    3: Text("Spezialist", "specialist"),
    4: Text("Experte", "expert"),
}

ACTIVITY_NAMES = {
    Activity.EMPLOYMENT: Text("Beschäftigung", "employment"),
    Activity.VOCATIONAL_TRAINING: Text("Berufsausbildung", "vocational training"),
    Activity.INTERNSHIP: Text("Praktikum", "internship"),
    Activity.SELF_EMPLOYMENT: Text("Selbstständigkeit", "self-employment"),
}

# Which activity of the work-permission engine a kind of vacancy is. An Einstiegsqualifizierung
# (§ 54a SGB III) is paid work in a company under a contract: the permit asked is the one for
# employment. A mini job is employment too.
ACTIVITY_OF_KIND: Mapping[str, Activity] = {
    "job": Activity.EMPLOYMENT,
    "mini_job": Activity.EMPLOYMENT,
    "eq": Activity.EMPLOYMENT,
    "training": Activity.VOCATIONAL_TRAINING,
    "training_dual": Activity.VOCATIONAL_TRAINING,
    "training_school": Activity.VOCATIONAL_TRAINING,
    "vocational_training": Activity.VOCATIONAL_TRAINING,
    "internship": Activity.INTERNSHIP,
    "self_employment": Activity.SELF_EMPLOYMENT,
}

# A licence class covers the classes it includes (Fahrerlaubnis-Verordnung § 6 Abs. 3).
LICENCE_COVERS: Mapping[str, frozenset[str]] = {
    "A": frozenset({"A2", "A1", "AM"}),
    "A2": frozenset({"A1", "AM"}),
    "A1": frozenset({"AM"}),
    "B": frozenset({"AM"}),
    "BE": frozenset({"B", "AM"}),
    "C": frozenset({"C1"}),
    "CE": frozenset({"C", "C1", "C1E", "BE", "D1E"}),
    "C1E": frozenset({"C1", "BE", "D1E"}),
    "D": frozenset({"D1"}),
    "DE": frozenset({"D", "D1", "D1E", "BE"}),
    "D1E": frozenset({"D1", "BE"}),
}

# Points of the soft score.
OCCUPATION_POINTS = {5: 40, 4: 30, 3: 20}  # same code / Berufsuntergruppe / Berufsgruppe
LEVEL_POINTS = 10
LEVEL_ONE_BELOW_POINTS = 4
EXPERIENCE_POINTS_PER_YEAR = 5
EXPERIENCE_YEARS_COUNTED = 3
LANGUAGE_POINTS = 5
LANGUAGES_COUNTED = 2
START_POINTS = ((30, 10), (90, 6), (180, 3))  # days until the start → points
QUALIFICATION_POINTS = 10
PERMIT_PENALTY = 3
MAX_POINTS = (
    OCCUPATION_POINTS[5]
    + LEVEL_POINTS
    + EXPERIENCE_POINTS_PER_YEAR * EXPERIENCE_YEARS_COUNTED
    + LANGUAGE_POINTS * LANGUAGES_COUNTED
    + START_POINTS[0][1]
    + QUALIFICATION_POINTS
)


class Source(StrEnum):
    DESIRED = "desired"
    EXPERIENCE = "experience"
    QUALIFICATION = "qualification"


class Filter(StrEnum):
    """The hard filters, in the order they are checked and listed."""

    WORK_PERMISSION = "work_permission"
    GERMAN = "german"
    LICENCE = "licence"
    HOURS = "hours"
    SHIFT = "shift"
    REGION = "region"


# --- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Permission:
    """The engine's answer for one activity, reduced to what matching needs."""

    allowed: bool  # False: forbidden whatever the date
    available_from: datetime.date | None = None  # None: from any date
    needs_permit: bool = False  # the foreigners authority must permit it first
    citation: str = ""


@dataclass(frozen=True, slots=True)
class Coded:
    """An occupation of the person: KldB 2010 5-digit code and its label."""

    kldb: str
    label: str
    months: int = 0  # work experience only
    partial: bool = False  # recognised qualification: partial equivalence only


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRow:
    id: int
    # None: no answer (no residence document or no facts); an activity missing: no answer for it.
    permissions: Mapping[Activity, Permission] | None = None
    german: str | None = None  # CEFR level; "" none at all; None unknown
    licences: frozenset[str] = frozenset()
    hours: int | None = None  # available per week; None: no limit stated
    shift_work: bool | None = None  # False: cannot work shifts
    district: str = ""  # code of the Kreis (GeoNames admin code 3)
    lat: float | None = None
    lon: float | None = None
    desired: tuple[Coded, ...] = ()
    experience: tuple[Coded, ...] = ()
    qualifications: tuple[Coded, ...] = ()  # recognised (fully or partly)
    languages: Mapping[str, str] = field(default_factory=dict)  # ISO 639-1 → CEFR


@dataclass(frozen=True, slots=True, kw_only=True)
class VacancyRow:
    id: int
    title: str
    kind: str
    kldb: str  # 5 digits
    start: datetime.date
    min_german: str = ""  # CEFR level, "" none
    licences: frozenset[str] = frozenset()
    hours: int | None = None  # per week
    shift_work: bool = False
    district: str = ""
    lat: float | None = None
    lon: float | None = None
    languages: Mapping[str, str] = field(default_factory=dict)  # other languages asked
    experience_group: str = ""  # KldB prefix (3–5 digits) experience is asked in
    qualifications: frozenset[str] = frozenset()  # KldB codes of recognised occupations asked

    @property
    def activity(self) -> Activity:
        return ACTIVITY_OF_KIND.get(self.kind, Activity.EMPLOYMENT)

    @property
    def level(self) -> int:
        return int(self.kldb[4]) if len(self.kldb) == 5 and self.kldb[4] in "1234" else 1


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # occupation, level, experience, language, start, qualification, permit, …
    text: Text

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "de": self.text.de, "en": self.text.en}


@dataclass(frozen=True, slots=True)
class Match:
    vacancy_id: int
    person_id: int
    points: int
    reasons_for: tuple[Reason, ...]
    reasons_against: tuple[Reason, ...]

    @property
    def score(self) -> int:
        """0–100."""
        return max(0, round(100 * self.points / MAX_POINTS))


@dataclass(frozen=True, slots=True)
class Exclusion:
    vacancy_id: int
    person_id: int
    reasons: tuple[Reason, ...]  # one per hard filter not met


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: tuple[Match, ...]
    excluded: tuple[Exclusion, ...]
    considered: int  # vacancies (or people) looked at


# --- prepared person ----------------------------------------------------------------------------


_CEFR_RANK = {level: rank for rank, level in enumerate(CEFR_LEVELS, start=1)}


def cefr_rank(level: str | None) -> int:
    """0 for none or unknown, 1–6 for A1–C2."""
    return _CEFR_RANK.get(level, 0) if level else 0


def expand_licences(held: Iterable[str]) -> frozenset[str]:
    covered = set(held)
    for licence in list(covered):
        covered |= LICENCE_COVERS.get(licence, frozenset())
    return frozenset(covered)


class Prepared:
    """A person made ready for many comparisons: done once, read per vacancy."""

    __slots__ = (
        "best_code",
        "coslat",
        "german",
        "groups",
        "held",
        "level",
        "months_by_prefix",
        "open_from",
        "person",
        "radius_deg2",
        "recognised",
        "today",
    )

    def __init__(self, person: PersonRow, *, today: datetime.date, radius_km: float) -> None:
        self.person = person
        self.today = today
        self.german = cefr_rank(person.german)
        self.held = expand_licences(person.licences)
        self.coslat = math.cos(math.radians(person.lat)) if person.lat is not None else 0.0
        self.radius_deg2 = (radius_km / KM_PER_DEGREE) ** 2
        # Ordinal of the first day each activity is open; absent: never (or not known).
        self.open_from: dict[Activity, int] = {}
        for activity, answer in (person.permissions or {}).items():
            if answer.allowed:
                day = answer.available_from
                self.open_from[activity] = day.toordinal() if day else 0
        # Best occupation per prefix: (digits, source order) decides; the first entry wins ties.
        self.best_code: dict[str, tuple[int, Source, Coded]] = {}
        for source, entries in (
            (Source.QUALIFICATION, person.qualifications),
            (Source.EXPERIENCE, person.experience),
            (Source.DESIRED, person.desired),
        ):
            for entry in entries:
                if len(entry.kldb) != 5:
                    continue
                for digits in (5, 4, 3):
                    self.best_code.setdefault(entry.kldb[:digits], (digits, source, entry))
        self.groups = frozenset(prefix for prefix in self.best_code if len(prefix) == 3)
        self.months_by_prefix: dict[str, int] = defaultdict(int)
        for entry in person.experience:
            for digits in (3, 4, 5):
                self.months_by_prefix[entry.kldb[:digits]] += entry.months
        levels = [_level_of(e.kldb) for e in person.experience if e.months >= 12]
        levels += [_level_of(q.kldb) - (1 if q.partial else 0) for q in person.qualifications]
        self.level = max([1, *levels])
        self.recognised = {q.kldb: q for q in person.qualifications if not q.partial}


def _level_of(kldb: str) -> int:
    return int(kldb[4]) if len(kldb) == 5 and kldb[4] in "1234" else 1


def prepare(
    person: PersonRow, *, today: datetime.date, radius_km: float = DEFAULT_RADIUS_KM
) -> Prepared:
    return Prepared(person, today=today, radius_km=radius_km)


# --- the hard filters ---------------------------------------------------------------------------


def _within(p: Prepared, v: VacancyRow) -> bool:
    person = p.person
    if person.district and person.district == v.district:
        return True
    if person.lat is None or person.lon is None or v.lat is None or v.lon is None:
        return False
    dx = (v.lon - person.lon) * p.coslat
    dy = v.lat - person.lat
    return dx * dx + dy * dy <= p.radius_deg2


def admissible(p: Prepared, v: VacancyRow) -> bool:
    """Every hard filter met; the fast path of `failures(...) == []`."""
    opens = p.open_from.get(v.activity)
    if opens is None or opens > v.start.toordinal():
        return False
    if v.min_german and p.german < cefr_rank(v.min_german):
        return False
    if v.licences and not v.licences <= p.held:
        return False
    person = p.person
    if person.hours is not None and v.hours is not None and v.hours > person.hours:
        return False
    if v.shift_work and person.shift_work is False:
        return False
    return _within(p, v)


def failures(p: Prepared, v: VacancyRow) -> list[Reason]:
    """Every hard filter the vacancy fails for the person, in words."""
    person = p.person
    reasons: list[Reason] = []
    activity = v.activity
    name = ACTIVITY_NAMES[activity]
    answer = (person.permissions or {}).get(activity)
    if answer is None:
        reasons.append(
            _reason(
                Filter.WORK_PERMISSION,
                f"{name.de}: Arbeitsmarktzugang unbekannt (Aufenthaltspapier oder Angaben fehlen)",
                f"{name.en}: labour-market access unknown (residence document or facts missing)",
            )
        )
    elif not answer.allowed:
        basis, basis_en = _basis(answer.citation)
        reasons.append(
            _reason(
                Filter.WORK_PERMISSION,
                f"{name.de} nicht erlaubt{basis}",
                f"{name.en} not allowed{basis_en}",
            )
        )
    elif answer.available_from is not None and answer.available_from > v.start:
        basis, basis_en = _basis(answer.citation)
        day = answer.available_from
        reasons.append(
            _reason(
                Filter.WORK_PERMISSION,
                f"{name.de} erst ab {_de(day)} möglich, Beginn {_de(v.start)}{basis}",
                f"{name.en} possible only from {_en(day)}, start {_en(v.start)}{basis_en}",
            )
        )
    if v.min_german and p.german < cefr_rank(v.min_german):
        if person.german is None:
            reasons.append(
                _reason(
                    Filter.GERMAN,
                    f"Deutsch {v.min_german} verlangt, Niveau unbekannt",
                    f"German {v.min_german} asked, level unknown",
                )
            )
        else:
            have = person.german if person.german in CEFR_LEVELS else "—"
            reasons.append(
                _reason(
                    Filter.GERMAN,
                    f"Deutsch {v.min_german} verlangt, vorhanden {have}",
                    f"German {v.min_german} asked, has {have}",
                )
            )
    missing = sorted(v.licences - p.held)
    if missing:
        classes = ", ".join(missing)
        reasons.append(
            _reason(
                Filter.LICENCE,
                f"Führerschein {classes} fehlt",
                f"driving licence {classes} missing",
            )
        )
    if person.hours is not None and v.hours is not None and v.hours > person.hours:
        reasons.append(
            _reason(
                Filter.HOURS,
                f"{v.hours} Stunden pro Woche, verfügbar {person.hours}",
                f"{v.hours} hours a week, available {person.hours}",
            )
        )
    if v.shift_work and person.shift_work is False:
        reasons.append(
            _reason(Filter.SHIFT, "Schichtarbeit, nicht möglich", "shift work, not possible")
        )
    if not _within(p, v):
        reasons.append(_region_reason(p, v))
    return reasons


def _region_reason(p: Prepared, v: VacancyRow) -> Reason:
    km = distance_km(p, v)
    limit = round(math.sqrt(p.radius_deg2) * KM_PER_DEGREE)
    if km is not None:
        return _reason(
            Filter.REGION,
            f"{km} km entfernt, anderer Kreis (Umkreis {limit} km)",
            f"{km} km away, another district (radius {limit} km)",
        )
    if not p.person.district and p.person.lat is None:
        return _reason(Filter.REGION, "Wohnort unbekannt", "place of residence unknown")
    if not v.district and v.lat is None:
        return _reason(Filter.REGION, "Ort der Stelle unbekannt", "the vacancy's place unknown")
    if v.lat is None and p.person.lat is not None:
        # The person's postcode is in the imported file, the vacancy's place is not.
        return _reason(
            Filter.REGION,
            "Ort der Stelle nicht im Postleitzahlenverzeichnis",
            "the vacancy's place is not in the postcode file",
        )
    return _reason(Filter.REGION, "anderer Kreis", "another district")


def distance_km(p: Prepared, v: VacancyRow) -> int | None:
    person = p.person
    if person.lat is None or person.lon is None or v.lat is None or v.lon is None:
        return None
    dx = (v.lon - person.lon) * p.coslat
    dy = v.lat - person.lat
    return round(math.sqrt(dx * dx + dy * dy) * KM_PER_DEGREE)


# --- the soft score -----------------------------------------------------------------------------


def points(p: Prepared, v: VacancyRow) -> int:
    """The soft score of an admissible vacancy; the same sum `explain` puts in words."""
    total = 0
    kldb = v.kldb
    best = p.best_code
    hit = best.get(kldb) or best.get(kldb[:4]) or best.get(kldb[:3])
    if hit is not None:
        total += OCCUPATION_POINTS[hit[0]]
    level = v.level
    if level <= p.level:
        total += LEVEL_POINTS
    elif level == p.level + 1:
        total += LEVEL_ONE_BELOW_POINTS
    months = p.months_by_prefix.get(v.experience_group or kldb[:3], 0)
    if months:
        total += EXPERIENCE_POINTS_PER_YEAR * min(months // 12, EXPERIENCE_YEARS_COUNTED)
    if v.languages:
        have = p.person.languages
        met = sum(
            1
            for code, needed in v.languages.items()
            if cefr_rank(have.get(code)) >= cefr_rank(needed)
        )
        total += LANGUAGE_POINTS * min(met, LANGUAGES_COUNTED)
    total += _start_points(p.today, v.start)
    if v.qualifications and not v.qualifications.isdisjoint(p.recognised):
        total += QUALIFICATION_POINTS
    answer = (p.person.permissions or {}).get(v.activity)
    if answer is not None and answer.needs_permit:
        total -= PERMIT_PENALTY
    return total


def _start_points(today: datetime.date, start: datetime.date) -> int:
    days = (start - today).days
    for within, given in START_POINTS:
        if days <= within:
            return given
    return 0


def explain(p: Prepared, v: VacancyRow) -> tuple[tuple[Reason, ...], tuple[Reason, ...]]:
    """The factors for and against an admissible vacancy, in the order of their weight."""
    pro: list[Reason] = []
    con: list[Reason] = []
    kldb = v.kldb
    best = p.best_code
    hit = best.get(kldb) or best.get(kldb[:4]) or best.get(kldb[:3])
    if hit is None:
        con.append(
            _reason(
                "occupation",
                f"kein Bezug zum Beruf (KldB {kldb}) in Wunsch, Erfahrung oder Abschluss",
                f"no link to the occupation (KldB {kldb}) in wishes, experience or qualifications",
            )
        )
    else:
        pro.append(_occupation_reason(hit, kldb))
    level = v.level
    name = LEVEL_NAMES.get(level, LEVEL_NAMES[1])
    held = LEVEL_NAMES.get(p.level, LEVEL_NAMES[1])
    if level <= p.level:
        if level > 1:
            pro.append(
                _reason(
                    "level",
                    f"Anforderungsniveau {name.de} belegt",
                    f"requirement level {name.en} shown",
                )
            )
    else:
        con.append(
            _reason(
                "level",
                f"Anforderungsniveau {name.de} verlangt, belegt ist {held.de}",
                f"requirement level {name.en} asked, shown is {held.en}",
            )
        )
    group = v.experience_group or kldb[:3]
    months = p.months_by_prefix.get(group, 0)
    if months:
        pro.append(_experience_reason(p, group, months))
    elif v.experience_group:
        con.append(
            _reason(
                "experience",
                f"Erfahrung in KldB {group} verlangt, keine belegt",
                f"experience in KldB {group} asked, none shown",
            )
        )
    have = p.person.languages
    for code, needed in sorted(v.languages.items()):
        level_had = have.get(code)
        language = LANGUAGE_NAMES.get(code, Text(code, code))
        if cefr_rank(level_had) >= cefr_rank(needed):
            pro.append(
                _reason(
                    "language",
                    f"{language.de} {needed} verlangt, vorhanden {level_had}",
                    f"{language.en} {needed} asked, has {level_had}",
                )
            )
        else:
            con.append(
                _reason(
                    "language",
                    f"{language.de} {needed} verlangt, vorhanden {level_had or '—'}",
                    f"{language.en} {needed} asked, has {level_had or '—'}",
                )
            )
    if _start_points(p.today, v.start):
        pro.append(_reason("start", f"Beginn {_de(v.start)}", f"starts {_en(v.start)}"))
    else:
        con.append(
            _reason("start", f"Beginn erst am {_de(v.start)}", f"starts only on {_en(v.start)}")
        )
    if v.qualifications:
        matched = sorted(v.qualifications & p.recognised.keys())
        if matched:
            q = p.recognised[matched[0]]
            pro.append(
                _reason(
                    "qualification",
                    f"anerkannter Abschluss als {q.label} (KldB {q.kldb})",
                    f"recognised qualification as {q.label} (KldB {q.kldb})",
                )
            )
        else:
            asked = ", ".join(sorted(v.qualifications))
            con.append(
                _reason(
                    "qualification",
                    f"anerkannter Abschluss verlangt (KldB {asked}), keiner belegt",
                    f"recognised qualification asked (KldB {asked}), none shown",
                )
            )
    answer = (p.person.permissions or {}).get(v.activity)
    if answer is not None:
        activity = ACTIVITY_NAMES[v.activity]
        basis, basis_en = _basis(answer.citation)
        if answer.needs_permit:
            con.append(
                _reason(
                    "permit",
                    f"{activity.de} nur mit Erlaubnis der Ausländerbehörde{basis}",
                    f"{activity.en} only with the foreigners authority's permission{basis_en}",
                )
            )
        else:
            pro.append(
                _reason(
                    "permit",
                    f"{activity.de} zum Beginn erlaubt{basis}",
                    f"{activity.en} allowed at the start{basis_en}",
                )
            )
    km = distance_km(p, v)
    if km is not None:
        pro.append(_reason("region", f"{km} km entfernt", f"{km} km away"))
    elif p.person.district and p.person.district == v.district:
        if v.district.startswith(TOWN_PREFIX):
            pro.append(_reason("region", "am selben Ort", "in the same town"))
        else:
            pro.append(_reason("region", "im selben Kreis", "in the same district"))
    return tuple(pro), tuple(con)


_SOURCE_WORDS = {
    Source.DESIRED: Text("Wunschberuf", "desired occupation"),
    Source.EXPERIENCE: Text("Erfahrung als", "experience as"),
    Source.QUALIFICATION: Text("Abschluss als", "qualification as"),
}


def _occupation_reason(hit: tuple[int, Source, Coded], kldb: str) -> Reason:
    digits, source, entry = hit
    words = _SOURCE_WORDS[source]
    if digits == 5:
        return _reason(
            "occupation",
            f"{words.de} {entry.label} (KldB {entry.kldb}): derselbe Beruf",
            f"{words.en} {entry.label} (KldB {entry.kldb}): the same occupation",
        )
    group = kldb[:digits]
    kind = (
        Text("Berufsuntergruppe", "occupational subgroup")
        if digits == 4
        else Text("Berufsgruppe", "occupational group")
    )
    return _reason(
        "occupation",
        f"{words.de} {entry.label} (KldB {entry.kldb}): dieselbe {kind.de} {group}",
        f"{words.en} {entry.label} (KldB {entry.kldb}): the same {kind.en} {group}",
    )


def _experience_reason(p: Prepared, group: str, months: int) -> Reason:
    entries = [e for e in p.person.experience if e.kldb.startswith(group) and e.months]
    entry = max(entries, key=lambda e: e.months)
    years = months // 12
    if years:
        de = f"{years} {'Jahr' if years == 1 else 'Jahre'}"
        en = f"{years} {'year' if years == 1 else 'years'}"
    else:
        de = f"{months} {'Monat' if months == 1 else 'Monate'}"
        en = f"{months} {'month' if months == 1 else 'months'}"
    return _reason(
        "experience",
        f"{de} Erfahrung als {entry.label} (KldB {entry.kldb})",
        f"{en} of experience as {entry.label} (KldB {entry.kldb})",
    )


def _reason(code: str, de: str, en: str) -> Reason:
    return Reason(code, Text(de, en))


def _basis(citation: str) -> tuple[str, str]:
    return (f" ({citation})", f" ({citation})") if citation else ("", "")


def _de(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


def _en(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


# --- one pair, many pairs ------------------------------------------------------------------------


def assess(p: Prepared, v: VacancyRow) -> Match | Exclusion:
    """The scalar truth for one pair: excluded with every reason, or matched and explained."""
    failed = failures(p, v)
    if failed:
        return Exclusion(v.id, p.person.id, tuple(failed))
    pro, con = explain(p, v)
    return Match(v.id, p.person.id, points(p, v), pro, con)


def _order(item: tuple[int, int]) -> tuple[int, int]:
    return (-item[0], item[1])


def rank_naive(
    person: PersonRow,
    vacancies: Sequence[VacancyRow],
    *,
    today: datetime.date,
    radius_km: float = DEFAULT_RADIUS_KM,
    limit: int = 20,
    excluded_limit: int = 20,
) -> Ranking:
    """Every vacancy through `assess`: the reference the index must agree with."""
    p = prepare(person, today=today, radius_km=radius_km)
    matches: list[Match] = []
    excluded: list[Exclusion] = []
    for v in vacancies:
        result = assess(p, v)
        if isinstance(result, Match):
            matches.append(result)
        else:
            excluded.append(result)
    matches.sort(key=lambda m: (-m.points, m.vacancy_id))
    return Ranking(tuple(matches[:limit]), tuple(excluded[:excluded_limit]), len(vacancies))


class VacancyIndex:
    """Open vacancies grouped by grid cell and activity (and, for the nightly run, by KldB
    occupational group as well), built once for many people."""

    def __init__(self, vacancies: Iterable[VacancyRow], *, radius_km: float = DEFAULT_RADIUS_KM):
        self.radius_km = radius_km
        # Half the radius: the cells a circle touches cover less ground than with whole ones.
        self.cell = radius_km / KM_PER_DEGREE / 2  # degrees of latitude per cell
        self.by_id: dict[int, VacancyRow] = {}
        # (group, activity) → cell → vacancies; (group, district, activity) → vacancies.
        self.cells: dict[tuple[str, Activity], dict[tuple[int, int], list[VacancyRow]]] = {}
        self.districts: dict[tuple[str, str, Activity], list[VacancyRow]] = defaultdict(list)
        for v in vacancies:
            self.by_id[v.id] = v
            activity = v.activity
            # Each vacancy is filed twice: under every group ("") and under its own.
            for group in ("", v.kldb[:3]):
                if v.lat is not None and v.lon is not None:
                    cells = self.cells.setdefault((group, activity), {})
                    cells.setdefault(self._cell_of(v.lat, v.lon), []).append(v)
                if v.district:
                    self.districts[(group, v.district, activity)].append(v)

    def _cell_of(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / self.cell), math.floor(lon / self.cell))

    def __len__(self) -> int:
        return len(self.by_id)

    def near(
        self,
        p: Prepared,
        activities: Iterable[Activity] | None = None,
        groups: Iterable[str] = ("",),
    ) -> Iterable[VacancyRow]:
        """Each vacancy in the person's district or the cells within the radius once (a superset
        of the admissible), by default only of the activities the law opens to the person at
        some date, and of every occupational group ("") or of the given ones."""
        person = p.person
        activities = list(p.open_from if activities is None else activities)
        district = person.district
        if district:
            for group in groups:
                for activity in activities:
                    yield from self.districts.get((group, district, activity), ())
        if person.lat is None or person.lon is None:
            return
        reach = math.sqrt(p.radius_deg2)
        reach_lon = reach / max(p.coslat, 0.1)
        rows = range(
            math.floor((person.lat - reach) / self.cell),
            math.floor((person.lat + reach) / self.cell) + 1,
        )
        cols = range(
            math.floor((person.lon - reach_lon) / self.cell),
            math.floor((person.lon + reach_lon) / self.cell) + 1,
        )
        area = len(rows) * len(cols)
        for group in groups:
            for activity in activities:
                cells = self.cells.get((group, activity))
                if not cells:
                    continue
                if len(cells) < area:  # fewer filled cells than the radius covers: walk those
                    found = [vs for (r, c), vs in cells.items() if r in rows and c in cols]
                else:
                    found = [vs for r in rows for c in cols if (vs := cells.get((r, c)))]
                for vs in found:
                    for v in vs:
                        # The district's vacancies came above, each once.
                        if not district or v.district != district:
                            yield v

    def match(
        self,
        person: PersonRow,
        *,
        today: datetime.date,
        limit: int = 20,
        excluded_limit: int = 0,
    ) -> Ranking:
        """The top `limit` vacancies for one person, explained; with `excluded_limit`, that many
        excluded vacancies near the person (the ones they would score best on) with why."""
        p = prepare(person, today=today, radius_km=self.radius_km)
        scored: list[tuple[int, int]] = []
        near_excluded: list[tuple[int, int]] = []
        considered = 0
        for v in self.near(p):
            considered += 1
            if admissible(p, v):
                scored.append((points(p, v), v.id))
            elif excluded_limit:
                near_excluded.append((points(p, v), v.id))
        top = heapq.nsmallest(limit, scored, key=_order)
        matches = tuple(
            Match(vid, person.id, pts, *explain(p, self.by_id[vid])) for pts, vid in top
        )
        excluded: tuple[Exclusion, ...] = ()
        if excluded_limit:
            known = {vid for _, vid in near_excluded} | {vid for _, vid in scored}
            # Near but closed by the law: what a counsellor most needs to know about.
            closed = [a for a in Activity if a not in p.open_from]
            near_excluded += [(points(p, v), v.id) for v in self.near(p, closed)]
            known |= {vid for _, vid in near_excluded}
            if len(near_excluded) < excluded_limit and len(self.by_id) <= SMALL_INDEX:
                # A small network: the region rules out the rest; show the best of them too.
                near_excluded += [
                    (points(p, v), v.id) for v in self.by_id.values() if v.id not in known
                ]
            picked = heapq.nsmallest(excluded_limit, near_excluded, key=_order)
            excluded = tuple(
                Exclusion(vid, person.id, tuple(failures(p, self.by_id[vid]))) for _, vid in picked
            )
        return Ranking(matches, excluded, considered)

    def admissible_ids(self, person: PersonRow, *, today: datetime.date) -> list[tuple[int, int]]:
        """(points, vacancy id) of every admissible vacancy, best first."""
        p = prepare(person, today=today, radius_km=self.radius_km)
        found = [(points(p, v), v.id) for v in self.near(p) if admissible(p, v)]
        found.sort(key=_order)
        return found

    def linked_ids(self, person: PersonRow, *, today: datetime.date) -> list[tuple[int, int]]:
        """(points, vacancy id) of every admissible vacancy in an occupational group of the
        person's wishes, experience or qualifications, best first: the nightly "new matches"."""
        p = prepare(person, today=today, radius_km=self.radius_km)
        groups = sorted(p.groups)
        found = [(points(p, v), v.id) for v in self.near(p, groups=groups) if admissible(p, v)]
        found.sort(key=_order)
        return found


def linked(p: Prepared, v: VacancyRow) -> bool:
    """The vacancy's occupational group (KldB 3 digits) is one of the person's."""
    return v.kldb[:3] in p.groups


def candidates(
    vacancy: VacancyRow,
    people: Iterable[PersonRow],
    *,
    today: datetime.date,
    radius_km: float = DEFAULT_RADIUS_KM,
) -> tuple[list[Match], list[Exclusion]]:
    """Everyone for one vacancy: the admissible ranked and explained, the rest with why."""
    matches: list[Match] = []
    excluded: list[Exclusion] = []
    for person in people:
        result = assess(prepare(person, today=today, radius_km=radius_km), vacancy)
        if isinstance(result, Match):
            matches.append(result)
        else:
            excluded.append(result)
    matches.sort(key=lambda m: (-m.points, m.person_id))
    return matches, excluded
