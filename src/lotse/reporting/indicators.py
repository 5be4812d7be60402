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
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

DEFINITIONS_VERSION = "2026-12-1"
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
        if self.exit is None:
            return []
        last_day = self.exit + RESULT_WINDOW
        return [event for event in self.situations if self.exit <= event.day <= last_day]

    def labour_market_situation(self) -> Situation | None:
        """Job searching or employed, whichever came last within the 28 days."""
        events = [
            event
            for event in self.situations_after_exit()
            if event.situation in (Situation.JOB_SEARCHING, Situation.EMPLOYED)
        ]
        return max(events, key=lambda event: event.day).situation if events else None

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


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    label_de: str
    label_en: str
    basis: Basis
    counts: Callable[[Participation], bool]
    definition_de: str = ""


@dataclass(frozen=True, slots=True)
class IndicatorSet:
    key: str
    title_de: str
    title_en: str
    indicators: tuple[Indicator, ...]
    # The set's target group; everyone else is left out of every indicator of the set.
    population: Callable[[Participation], bool] = lambda _p: True
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

    def value(self, code: str) -> IndicatorValue:
        return next(v for v in self.values if v.indicator.code == code)


def _in_basis(item: Participation, basis: Basis, period: Period) -> bool:
    if basis is Basis.ENTRIES:
        return period.holds(item.entry)
    if basis is Basis.ACTIVE:
        return item.entry <= period.end and (item.exit is None or item.exit >= period.start)
    if basis is Basis.EXITS:
        return period.holds(item.exit)
    if basis is Basis.RESULTS:
        return period.holds(item.exit) and item.result_known
    return period.holds(item.exit) and item.row.follow_up is not None


def compute(indicator_set: IndicatorSet, rows: Iterable[PersonRow], period: Period) -> Report:
    people: list[Participation] = []
    not_reportable: dict[int, list[Missing]] = {}
    incomplete: list[int] = []
    for row in rows:
        item = participation(row)
        if item is None or not indicator_set.population(item):
            continue
        if indicator_set.needs_mandatory_items and (missing := missing_items(row)):
            if _in_basis(item, Basis.ACTIVE, period):
                not_reportable[row.person] = missing
            continue
        if period.holds(item.exit) and not item.result_known:
            incomplete.append(row.person)
        people.append(item)

    # Who is in each basis, once per basis rather than once per indicator.
    in_basis = {
        basis: [item for item in people if _in_basis(item, basis, period)]
        for basis in {indicator.basis for indicator in indicator_set.indicators}
    }
    values = []
    for indicator in indicator_set.indicators:
        counted = [item for item in in_basis[indicator.basis] if indicator.counts(item)]
        by_gender = dict.fromkeys(Gender, 0)
        for item in counted:
            if item.row.gender is not None:
                by_gender[item.row.gender] += 1
        values.append(
            IndicatorValue(
                indicator=indicator,
                by_gender=by_gender,
                total=len(counted),
                people=tuple(sorted(item.row.person for item in counted)),
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


def _age(low: int | None = None, high: int | None = None) -> Callable[[Participation], bool]:
    def counts(item: Participation) -> bool:
        age = item.age_at_entry
        return age is not None and (low is None or age >= low) and (high is None or age <= high)

    return counts


def _status(*statuses: LabourStatus) -> Callable[[Participation], bool]:
    return lambda item: item.row.labour_status in statuses


def _isced(low: int, high: int) -> Callable[[Participation], bool]:
    return lambda item: item.row.isced is not None and low <= item.row.isced <= high


def _everyone(_item: Participation) -> bool:
    return True


ESF = IndicatorSet(
    key="esf",
    title_de="ESF Plus: gemeinsame Indikatoren",
    title_en="ESF Plus common indicators",
    needs_mandatory_items=True,
    indicators=(
        Indicator(
            "EECO01", "Teilnehmende insgesamt", "Total participants", Basis.ENTRIES, _everyone
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
            lambda item: item.row.disability is True,
        ),
        Indicator(
            "EECO13",
            "Drittstaatsangehörige",
            "Third-country nationals",
            Basis.ENTRIES,
            lambda item: item.third_country,
            "nicht EU-Staatsangehörige, auch Staatenlose und Personen ungeklärter"
            " Staatsangehörigkeit",
        ),
        Indicator(
            "EECO14",
            "Teilnehmende ausländischer Herkunft",
            "Participants with a foreign background",
            Basis.ENTRIES,
            lambda item: item.row.foreign_background is True,
        ),
        Indicator(
            "EECO16",
            "Obdachlose oder von Ausgrenzung auf dem Wohnungsmarkt Betroffene",
            "Homeless or affected by housing exclusion",
            Basis.ENTRIES,
            lambda item: item.row.homeless is True,
        ),
        Indicator(
            "EECO17",
            "Personen, die in ländlichen Gebieten leben",
            "Participants from rural areas",
            Basis.ENTRIES,
            lambda item: item.row.rural is True,
        ),
        Indicator(
            "EECR01",
            "Bei Austritt arbeitsuchend",
            "Engaged in job searching upon leaving",
            Basis.RESULTS,
            lambda item: item.labour_market_situation() is Situation.JOB_SEARCHING,
            "letztes Arbeitsmarktereignis binnen 4 Wochen nach Austritt: arbeitsuchend",
        ),
        Indicator(
            "EECR02",
            "Bei Austritt in schulischer oder beruflicher Bildung",
            "In education or training upon leaving",
            Basis.RESULTS,
            lambda item: item.had(Situation.EDUCATION),
            "binnen 4 Wochen nach Austritt",
        ),
        Indicator(
            "EECR03",
            "Bei Austritt mit erlangter Qualifizierung",
            "Gaining a qualification upon leaving",
            Basis.RESULTS,
            lambda item: item.had(Situation.QUALIFICATION),
            "binnen 4 Wochen nach Austritt",
        ),
        Indicator(
            "EECR04",
            "Bei Austritt erwerbstätig, auch selbstständig",
            "In employment, including self-employment, upon leaving",
            Basis.RESULTS,
            lambda item: item.labour_market_situation() is Situation.EMPLOYED,
            "letztes Arbeitsmarktereignis binnen 4 Wochen nach Austritt: erwerbstätig",
        ),
        Indicator(
            "EECR05",
            "Sechs Monate nach Austritt erwerbstätig",
            "In employment six months after leaving",
            Basis.FOLLOW_UPS,
            lambda item: item.row.follow_up is not None and item.row.follow_up.employed,
        ),
        Indicator(
            "EECR06",
            "Sechs Monate nach Austritt mit verbesserter Arbeitsmarktsituation",
            "With an improved labour-market situation six months after leaving",
            Basis.FOLLOW_UPS,
            lambda item: item.row.follow_up is not None and item.row.follow_up.improved,
        ),
    ),
)

PLACED_OUTCOMES = frozenset({"employment", "vocational_training"})


def _exit_outcome(outcome: str) -> Callable[[Participation], bool]:
    return lambda item: item.exit_outcome == outcome


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
            _everyone,
        ),
        Indicator("N-ENTRIES", "Eintritte", "Entries", Basis.ENTRIES, _everyone),
        Indicator(
            "N-PLACED",
            "In Ausbildung oder Arbeit vermittelt",
            "Placed into training or work",
            Basis.EXITS,
            lambda item: item.exit_outcome in PLACED_OUTCOMES,
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
    population=lambda item: (
        _age(18, 27)(item) and item.row.residence in TOLERATED_OR_PERMITTED_STAY
    ),
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
