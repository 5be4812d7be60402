"""Indicators: definitions over plain rows, grouped into indicator sets.

Pure Python (no Django), like `lotse.legal`: a report is `compute(indicator_set, rows, period)`
over `PersonRow`s that a selector builds from the database, so every indicator is tested on
hand-made rows in milliseconds and the definitions carry a version a stored report can name.

The ESF Plus rules (Regulation (EU) 2021/1057, Art. 17 and Annex I; see
/shared/domain/esf-reporting.md):
- A person who leaves and comes back is one participation: first entry, last exit.
- Output indicators count the participants who entered in the period, by gender.
- Only participants with every item of Annex I point 1.1 are counted (Art. 17(5)); the others
  are listed as not reportable yet, with what is missing.
- Immediate results count the participants who left in the period, by their situation within
  four weeks (28 days) after leaving. Of job searching (EECR01) and employment (EECR04) only the
  last event counts, so the two exclude each other; education or training (EECR02) and a
  qualification gained (EECR03) count whenever they happen in the window. A leaver whose
  situation was not recorded is listed as incomplete, never guessed.
- Longer-term results count the leavers of the period whose six-month follow-up was answered.
- The exit outcome the counsellor records on leaving (employment, vocational training, school,
  a qualification course, job searching) is the situation on the day of the exit: it counts
  unless a later event within the 28 days says otherwise (the last-event rule). Dropped out and
  "other" say nothing about the situation, so such an exit stays incomplete until recorded.

Conditions are data (`Is`, `In`, `Between`, `AllOf`, `AnyOf`, `Not`) over the facts of a
participation (`facts()`: one flat mapping per person, the columns of the reporting fact
table). This module evaluates them and is the reference; `reporting.facts` compiles the very
same conditions to SQL, so the database counts what this module counts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

DEFINITIONS_VERSION = "2026-12-2"
RESULT_WINDOW = datetime.timedelta(days=28)

# EU member states (ISO 3166-1 alpha-2): a person of any other nationality, stateless or of
# undetermined nationality is a third-country national (Art. 2 ESF+ Regulation).
EU_MEMBER_STATES = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    }
)


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"


class LabourStatus(StrEnum):
    UNEMPLOYED = "unemployed"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    INACTIVE = "inactive"
    EMPLOYED = "employed"  # self-employed included


class Situation(StrEnum):
    """A labour-market event after leaving."""

    JOB_SEARCHING = "job_searching"
    EMPLOYED = "employed"
    EDUCATION = "education"
    QUALIFICATION = "qualification"


class Basis(StrEnum):
    """Which participants an indicator counts in a period."""

    ENTRIES = "entries"  # entered in the period
    ACTIVE = "active"  # in the project at any time of the period
    EXITS = "exits"  # left in the period
    RESULTS = "results"  # left in the period, situation within 28 days known
    FOLLOW_UPS = "follow_ups"  # left in the period, six-month follow-up answered


class Missing(StrEnum):
    """Items of Annex I point 1.1 without which a participant is not reported."""

    GENDER = "gender"
    AGE = "age"
    LABOUR_STATUS = "labour_status"
    EDUCATION = "education"


@dataclass(frozen=True, slots=True)
class SituationEvent:
    day: datetime.date
    situation: Situation


# The exit outcomes that say where the person went: the situation on the day of the exit.
EXIT_SITUATIONS: Mapping[str, Situation] = {
    "employment": Situation.EMPLOYED,
    "vocational_training": Situation.EDUCATION,
    "school": Situation.EDUCATION,
    "qualification": Situation.EDUCATION,
    "job_searching": Situation.JOB_SEARCHING,
}


@dataclass(frozen=True, slots=True)
class Stay:
    """One stretch from entry to exit (open while `exit` is None)."""

    entry: datetime.date
    exit: datetime.date | None = None
    exit_outcome: str = ""
    situation_recorded: bool = False
    situations: tuple[SituationEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    answered_on: datetime.date
    employed: bool
    improved: bool


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: int
    gender: Gender | None
    birth_date: datetime.date | None
    labour_status: LabourStatus | None
    isced: int | None
    nationality: str = ""  # ISO 3166-1 alpha-2, "stateless" or "unknown", as recorded
    residence: str = ""  # the current residence document's kind
    disability: bool | None = None
    foreign_background: bool | None = None
    homeless: bool | None = None
    rural: bool | None = None
    stays: tuple[Stay, ...] = ()
    follow_up: FollowUp | None = None


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("The period ends before it starts.")

    def holds(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Participation:
    """A person's stays joined: first entry, last exit, every situation recorded."""

    row: PersonRow
    entry: datetime.date
    exit: datetime.date | None
    exit_outcome: str
    situation_recorded: bool
    situations: tuple[SituationEvent, ...]

    @property
    def age_at_entry(self) -> int | None:
        born = self.row.birth_date
        if born is None:
            return None
        return (
            self.entry.year
            - born.year
            - ((self.entry.month, self.entry.day) < (born.month, born.day))
        )

    @property
    def third_country(self) -> bool:
        return bool(self.row.nationality) and self.row.nationality not in EU_MEMBER_STATES

    @property
    def result_known(self) -> bool:
        """Whether the situation within 28 days after leaving was recorded (an event in the
        window, or the counsellor's note that there was none to record)."""
        return self.situation_recorded or bool(self.situations_after_exit())

    def situations_after_exit(self) -> list[SituationEvent]:
        """The events within 28 days after leaving, the exit outcome's first: on the same day
        a recorded event comes after it and so has the last word."""
        if self.exit is None:
            return []
        last_day = self.exit + RESULT_WINDOW
        implied = EXIT_SITUATIONS.get(self.exit_outcome)
        events = [SituationEvent(self.exit, implied)] if implied is not None else []
        events += [event for event in self.situations if self.exit <= event.day <= last_day]
        return events

    def labour_market_situation(self) -> Situation | None:
        """Job searching or employed, whichever came last within the 28 days."""
        events = [
            event
            for event in self.situations_after_exit()
            if event.situation in (Situation.JOB_SEARCHING, Situation.EMPLOYED)
        ]
        # max() keeps the first of equal days; the list is in order, so take the last.
        return sorted(events, key=lambda event: event.day)[-1].situation if events else None

    def had(self, situation: Situation) -> bool:
        return any(event.situation == situation for event in self.situations_after_exit())


def participation(row: PersonRow) -> Participation | None:
    if not row.stays:
        return None
    stays = sorted(row.stays, key=lambda stay: stay.entry)
    last = stays[-1]
    return Participation(
        row=row,
        entry=stays[0].entry,
        exit=last.exit,
        exit_outcome=last.exit_outcome,
        situation_recorded=last.situation_recorded,
        situations=tuple(event for stay in stays for event in stay.situations),
    )


def missing_items(row: PersonRow) -> list[Missing]:
    missing = []
    if row.gender is None:
        missing.append(Missing.GENDER)
    if row.birth_date is None:
        missing.append(Missing.AGE)
    if row.labour_status is None:
        missing.append(Missing.LABOUR_STATUS)
    if row.isced is None:
        missing.append(Missing.EDUCATION)
    return missing


# --- conditions as data ---------------------------------------------------------------------------

Facts = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Is:
    """The fact equals the value (None: the fact is not known)."""

    field: str
    value: Any

    def holds(self, facts: Facts) -> bool:
        found = facts[self.field]
        return found is None if self.value is None else found == self.value


@dataclass(frozen=True, slots=True)
class In:
    field: str
    values: frozenset[Any]

    def holds(self, facts: Facts) -> bool:
        return facts[self.field] in self.values


@dataclass(frozen=True, slots=True)
class Between:
    """low <= fact <= high, both inclusive; a bound of None is open. An unknown fact is in no
    range."""

    field: str
    low: Any = None
    high: Any = None

    def holds(self, facts: Facts) -> bool:
        found = facts[self.field]
        return (
            found is not None
            and (self.low is None or found >= self.low)
            and (self.high is None or found <= self.high)
        )


@dataclass(frozen=True, slots=True, init=False)
class AllOf:
    """Every term holds (no term: always)."""

    terms: tuple[Condition, ...]

    def __init__(self, *terms: Condition) -> None:
        object.__setattr__(self, "terms", terms)

    def holds(self, facts: Facts) -> bool:
        return all(term.holds(facts) for term in self.terms)


@dataclass(frozen=True, slots=True, init=False)
class AnyOf:
    """Some term holds (no term: never)."""

    terms: tuple[Condition, ...]

    def __init__(self, *terms: Condition) -> None:
        object.__setattr__(self, "terms", terms)

    def holds(self, facts: Facts) -> bool:
        return any(term.holds(facts) for term in self.terms)


@dataclass(frozen=True, slots=True)
class Not:
    term: Condition

    def holds(self, facts: Facts) -> bool:
        return not self.term.holds(facts)


Condition = Is | In | Between | AllOf | AnyOf | Not
EVERYONE: Condition = AllOf()

# The facts of a participation: the names are the fact table's columns.
FACT_FIELDS = (
    "entry",  # first entry
    "exit",  # last exit, None while in the project
    "gender",  # Gender value or "" (not known)
    "age",  # age at entry, None if unknown
    "labour_status",  # LabourStatus value or ""
    "isced",
    "third_country",
    "disability",
    "foreign_background",
    "homeless",
    "rural",
    "residence",  # the current residence document's kind
    "exit_outcome",
    "situation",  # the last labour-market event within 28 days after exit, or ""
    "education",  # in education or training within 28 days after exit
    "qualification",  # gained a qualification within 28 days after exit
    "result_known",
    "follow_up",  # the six-month follow-up of the last exit was answered
    "follow_up_employed",
    "follow_up_improved",
    "missing",  # the Annex I items missing, comma-separated ("" = reportable)
)


def facts(item: Participation) -> dict[str, Any]:
    """The flat facts of a participation, the ones every condition reads."""
    row = item.row
    situation = item.labour_market_situation()
    follow_up = row.follow_up
    return {
        "entry": item.entry,
        "exit": item.exit,
        "gender": str(row.gender) if row.gender is not None else "",
        "age": item.age_at_entry,
        "labour_status": str(row.labour_status) if row.labour_status is not None else "",
        "isced": row.isced,
        "third_country": item.third_country,
        "disability": row.disability,
        "foreign_background": row.foreign_background,
        "homeless": row.homeless,
        "rural": row.rural,
        "residence": row.residence,
        "exit_outcome": item.exit_outcome,
        "situation": str(situation) if situation is not None else "",
        "education": item.had(Situation.EDUCATION),
        "qualification": item.had(Situation.QUALIFICATION),
        "result_known": item.result_known,
        "follow_up": follow_up is not None,
        "follow_up_employed": follow_up is not None and follow_up.employed,
        "follow_up_improved": follow_up is not None and follow_up.improved,
        "missing": ",".join(missing_items(row)),
    }


REPORTABLE: Condition = Is("missing", "")


def basis_parts(basis: Basis, period: Period) -> tuple[Condition, Condition]:
    """Which participations a basis takes in the period, in two parts: the range of dates
    (what an index finds) and the rest."""
    exits = Between("exit", period.start, period.end)
    if basis is Basis.ENTRIES:
        return Between("entry", period.start, period.end), EVERYONE
    if basis is Basis.ACTIVE:
        active = AllOf(
            Between("entry", None, period.end),
            AnyOf(Is("exit", None), Between("exit", period.start, None)),
        )
        return active, EVERYONE
    if basis is Basis.EXITS:
        return exits, EVERYONE
    if basis is Basis.RESULTS:
        return exits, Is("result_known", True)
    return exits, Is("follow_up", True)


def basis_condition(basis: Basis, period: Period) -> Condition:
    """Which participations a basis takes in the period, as a condition on their facts."""
    return AllOf(*basis_parts(basis, period))


def incomplete_parts(period: Period) -> tuple[Condition, Condition]:
    """Left in the period, and the situation after leaving is not recorded."""
    return Between("exit", period.start, period.end), Is("result_known", False)


def incomplete_condition(period: Period) -> Condition:
    return AllOf(*incomplete_parts(period))


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    label_de: str
    label_en: str
    basis: Basis
    counts: Condition
    definition_de: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorSet:
    key: str
    title_de: str
    title_en: str
    indicators: tuple[Indicator, ...]
    # The set's target group; everyone else is left out of every indicator of the set.
    population: Condition = EVERYONE
    # Whether Art. 17(5) applies: only participants with all mandatory items are counted.
    needs_mandatory_items: bool = False
    version: str = DEFINITIONS_VERSION


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    indicator: Indicator
    by_gender: dict[Gender, int]
    total: int
    people: tuple[int, ...]  # the persons behind the number, for a permitted drill-down


@dataclass(frozen=True, slots=True)
class Report:
    indicator_set: IndicatorSet
    period: Period
    values: tuple[IndicatorValue, ...]
    not_reportable: dict[int, list[Missing]] = field(default_factory=dict)
    incomplete_exits: tuple[int, ...] = ()
    # The counts of the two lists; a report counted by the database knows only these.
    not_reportable_total: int | None = None
    incomplete_total: int | None = None

    def __post_init__(self) -> None:
        if self.not_reportable_total is None:
            object.__setattr__(self, "not_reportable_total", len(self.not_reportable))
        if self.incomplete_total is None:
            object.__setattr__(self, "incomplete_total", len(self.incomplete_exits))

    def value(self, code: str) -> IndicatorValue:
        return next(v for v in self.values if v.indicator.code == code)


def compute(indicator_set: IndicatorSet, rows: Iterable[PersonRow], period: Period) -> Report:
    """The reference: every condition evaluated over each participation's facts."""
    people: list[tuple[PersonRow, dict[str, Any]]] = []
    not_reportable: dict[int, list[Missing]] = {}
    incomplete: list[int] = []
    active = basis_condition(Basis.ACTIVE, period)
    open_exit = incomplete_condition(period)
    for row in rows:
        item = participation(row)
        if item is None:
            continue
        found = facts(item)
        if not indicator_set.population.holds(found):
            continue
        if indicator_set.needs_mandatory_items and not REPORTABLE.holds(found):
            if active.holds(found):
                not_reportable[row.person] = missing_items(row)
            continue
        if open_exit.holds(found):
            incomplete.append(row.person)
        people.append((row, found))

    # Who is in each basis, once per basis rather than once per indicator.
    in_basis = {
        basis: [(row, found) for row, found in people if condition.holds(found)]
        for basis in {indicator.basis for indicator in indicator_set.indicators}
        for condition in (basis_condition(basis, period),)
    }
    values = []
    for indicator in indicator_set.indicators:
        counted = [
            (row, found)
            for row, found in in_basis[indicator.basis]
            if indicator.counts.holds(found)
        ]
        by_gender = dict.fromkeys(Gender, 0)
        for row, _found in counted:
            if row.gender is not None:
                by_gender[row.gender] += 1
        values.append(
            IndicatorValue(
                indicator=indicator,
                by_gender=by_gender,
                total=len(counted),
                people=tuple(sorted(row.person for row, _found in counted)),
            )
        )
    return Report(
        indicator_set=indicator_set,
        period=period,
        values=tuple(values),
        not_reportable=not_reportable,
        incomplete_exits=tuple(sorted(incomplete)),
    )


# --- the sets ------------------------------------------------------------------------------------


def _age(low: int | None = None, high: int | None = None) -> Condition:
    return Between("age", low, high)


def _status(*statuses: LabourStatus) -> Condition:
    return In("labour_status", frozenset(str(status) for status in statuses))


def _isced(low: int, high: int) -> Condition:
    return Between("isced", low, high)


ESF = IndicatorSet(
    key="esf",
    title_de="ESF Plus: gemeinsame Indikatoren",
    title_en="ESF Plus common indicators",
    needs_mandatory_items=True,
    indicators=(
        Indicator(
            "EECO01", "Teilnehmende insgesamt", "Total participants", Basis.ENTRIES, EVERYONE
        ),
        Indicator(
            "EECO02",
            "Arbeitslose, auch Langzeitarbeitslose",
            "Unemployed, including long-term unemployed",
            Basis.ENTRIES,
            _status(LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED),
        ),
        Indicator(
            "EECO03",
            "Langzeitarbeitslose",
            "Long-term unemployed",
            Basis.ENTRIES,
            _status(LabourStatus.LONG_TERM_UNEMPLOYED),
            "mindestens 12 Monate arbeitslos gemeldet (§ 18 SGB III)",
        ),
        Indicator(
            "EECO04",
            "Nichterwerbstätige",
            "Inactive",
            Basis.ENTRIES,
            _status(LabourStatus.INACTIVE),
        ),
        Indicator(
            "EECO05",
            "Erwerbstätige, auch Selbstständige",
            "Employed, including self-employed",
            Basis.ENTRIES,
            _status(LabourStatus.EMPLOYED),
        ),
        Indicator(
            "EECO06", "Kinder unter 18 Jahren", "Children below 18", Basis.ENTRIES, _age(high=17)
        ),
        Indicator(
            "EECO07",
            "Junge Menschen von 18 bis 29 Jahren",
            "Young people aged 18–29",
            Basis.ENTRIES,
            _age(18, 29),
        ),
        Indicator(
            "EECO08",
            "Teilnehmende ab 55 Jahren",
            "Participants aged 55 and above",
            Basis.ENTRIES,
            _age(low=55),
        ),
        Indicator(
            "EECO09",
            "Sekundarbildung Unterstufe oder weniger (ISCED 0–2)",
            "ISCED 0–2",
            Basis.ENTRIES,
            _isced(0, 2),
        ),
        Indicator(
            "EECO10",
            "Sekundarbildung Oberstufe oder postsekundär (ISCED 3–4)",
            "ISCED 3–4",
            Basis.ENTRIES,
            _isced(3, 4),
        ),
        Indicator(
            "EECO11", "Tertiäre Bildung (ISCED 5–8)", "ISCED 5–8", Basis.ENTRIES, _isced(5, 8)
        ),
        Indicator(
            "EECO12",
            "Teilnehmende mit Behinderungen",
            "Participants with disabilities",
            Basis.ENTRIES,
            Is("disability", True),
        ),
        Indicator(
            "EECO13",
            "Drittstaatsangehörige",
            "Third-country nationals",
            Basis.ENTRIES,
            Is("third_country", True),
            "nicht EU-Staatsangehörige, auch Staatenlose und Personen ungeklärter"
            " Staatsangehörigkeit",
        ),
        Indicator(
            "EECO14",
            "Teilnehmende ausländischer Herkunft",
            "Participants with a foreign background",
            Basis.ENTRIES,
            Is("foreign_background", True),
        ),
        Indicator(
            "EECO16",
            "Obdachlose oder von Ausgrenzung auf dem Wohnungsmarkt Betroffene",
            "Homeless or affected by housing exclusion",
            Basis.ENTRIES,
            Is("homeless", True),
        ),
        Indicator(
            "EECO17",
            "Personen, die in ländlichen Gebieten leben",
            "Participants from rural areas",
            Basis.ENTRIES,
            Is("rural", True),
        ),
        Indicator(
            "EECR01",
            "Bei Austritt arbeitsuchend",
            "Engaged in job searching upon leaving",
            Basis.RESULTS,
            Is("situation", str(Situation.JOB_SEARCHING)),
            "letztes Arbeitsmarktereignis binnen 4 Wochen nach Austritt: arbeitsuchend",
        ),
        Indicator(
            "EECR02",
            "Bei Austritt in schulischer oder beruflicher Bildung",
            "In education or training upon leaving",
            Basis.RESULTS,
            Is("education", True),
            "binnen 4 Wochen nach Austritt",
        ),
        Indicator(
            "EECR03",
            "Bei Austritt mit erlangter Qualifizierung",
            "Gaining a qualification upon leaving",
            Basis.RESULTS,
            Is("qualification", True),
            "binnen 4 Wochen nach Austritt",
        ),
        Indicator(
            "EECR04",
            "Bei Austritt erwerbstätig, auch selbstständig",
            "In employment, including self-employment, upon leaving",
            Basis.RESULTS,
            Is("situation", str(Situation.EMPLOYED)),
            "letztes Arbeitsmarktereignis binnen 4 Wochen nach Austritt: erwerbstätig",
        ),
        Indicator(
            "EECR05",
            "Sechs Monate nach Austritt erwerbstätig",
            "In employment six months after leaving",
            Basis.FOLLOW_UPS,
            Is("follow_up_employed", True),
        ),
        Indicator(
            "EECR06",
            "Sechs Monate nach Austritt mit verbesserter Arbeitsmarktsituation",
            "With an improved labour-market situation six months after leaving",
            Basis.FOLLOW_UPS,
            Is("follow_up_improved", True),
        ),
    ),
)

PLACED_OUTCOMES = frozenset({"employment", "vocational_training"})


def _exit_outcome(outcome: str) -> Condition:
    return Is("exit_outcome", outcome)


NETWORK = IndicatorSet(
    key="network",
    title_de="Jahreszahlen des Netzwerks",
    title_en="The network's yearly figures",
    indicators=(
        Indicator(
            "N-ACTIVE",
            "Teilnehmende im Zeitraum",
            "Participants in the period",
            Basis.ACTIVE,
            EVERYONE,
        ),
        Indicator("N-ENTRIES", "Eintritte", "Entries", Basis.ENTRIES, EVERYONE),
        Indicator(
            "N-PLACED",
            "In Ausbildung oder Arbeit vermittelt",
            "Placed into training or work",
            Basis.EXITS,
            In("exit_outcome", PLACED_OUTCOMES),
            "Austritt im Zeitraum in Beschäftigung oder Berufsausbildung",
        ),
        *(
            Indicator(f"N-EXIT-{outcome}", label_de, label_en, Basis.EXITS, _exit_outcome(outcome))
            for outcome, label_de, label_en in (
                ("employment", "Austritte in Beschäftigung", "Exits into employment"),
                (
                    "vocational_training",
                    "Austritte in Berufsausbildung",
                    "Exits into vocational training",
                ),
                ("school", "Austritte in Schule", "Exits into school"),
                (
                    "qualification",
                    "Austritte in Qualifizierung",
                    "Exits into a qualification or course",
                ),
                ("job_searching", "Austritte arbeitsuchend", "Exits job searching"),
                ("dropped_out", "Abbrüche", "Dropped out"),
                ("other", "Austritte, sonstige", "Exits, other"),
            )
        ),
    ),
)

TOLERATED_OR_PERMITTED_STAY = frozenset(
    {"duldung", "duldung_60b", "ausbildungsduldung", "beschaeftigungsduldung", "gestattung"}
)

GEMEINSAM_KLAPPTS = IndicatorSet(
    key="gemeinsam-klappts",
    title_de="„Gemeinsam klappt's“: 18 bis 27 Jahre, Duldung oder Gestattung",
    title_en="“Gemeinsam klappt's”: aged 18–27, Duldung or Gestattung",
    population=AllOf(_age(18, 27), In("residence", TOLERATED_OR_PERMITTED_STAY)),
    indicators=NETWORK.indicators,
)

INDICATOR_SETS: dict[str, IndicatorSet] = {s.key: s for s in (ESF, NETWORK, GEMEINSAM_KLAPPTS)}


def indicator_set(key: str) -> IndicatorSet:
    try:
        return INDICATOR_SETS[key]
    except KeyError:
        raise ValueError(f"There is no indicator set {key!r}.") from None


def codes(indicator_set: IndicatorSet) -> Sequence[str]:
    return [indicator.code for indicator in indicator_set.indicators]
