"""Open statistics: the tables a network publishes, counted in the database and protected by
`disclosure.protect` with the network's threshold before anything leaves this module.

The population of a year is every participant of the network enrolled on at least one of its
days. Each table is one grouped query (a dimension × gender); the needs analysis counts the
open cases by residence group and the German course they need next, beside the free seats of
the language courses that fit them. What is published is a `PublishedTable`: labels and the
protected grid, never a row of a person.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Case, Count, F, Min, Q, QuerySet, Value, When
from django.db.models.functions import Trim, Upper
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django_scopes import scope

from lotse.core.reference import nationality_name
from lotse.network.models import Network
from lotse.offers.enums import OfferKind, OfferStatus
from lotse.offers.models import Offer
from lotse.offers.selectors import GERMAN
from lotse.participants.enums import DocumentType, ExitOutcome, Gender, ParticipantStatus
from lotse.participants.models import Participant
from lotse.profiles.enums import CefrLevel
from lotse.profiles.models import LanguageSkill
from lotse.reporting.disclosure import DEFAULT_THRESHOLD, ProtectedTable, protect
from lotse.reporting.statistics_models import StatisticsPublication

CACHE_SECONDS = 600
OTHER = "~other"
NOT_RECORDED = "~none"

GENDERS = (Gender.FEMALE, Gender.MALE, Gender.DIVERSE, Gender.UNKNOWN)

AGE_GROUPS: tuple[tuple[str, int | None, int | None], ...] = (
    ("under_18", None, 17),
    ("18_24", 18, 24),
    ("25_34", 25, 34),
    ("35_44", 35, 44),
    ("45_plus", 45, None),
)

# Residence documents in the groups the statistics show.
RESIDENCE_GROUPS: dict[str, tuple[str, ...]] = {
    "gestattung": (DocumentType.GESTATTUNG, DocumentType.ANKUNFTSNACHWEIS),
    "duldung": (
        DocumentType.DULDUNG,
        DocumentType.DULDUNG_60B,
        DocumentType.AUSBILDUNGSDULDUNG,
        DocumentType.BESCHAEFTIGUNGSDULDUNG,
    ),
    "permit": (DocumentType.RESIDENCE_PERMIT, DocumentType.FICTIONAL_CERTIFICATE),
    "settlement": (DocumentType.SETTLEMENT_PERMIT,),
}

# The German course a person needs next, by the level they have; an offer asking for a level
# as its minimum leads to the next one, an offer asking for none is a beginners' course.
LEVELS = (CefrLevel.A1, CefrLevel.A2, CefrLevel.B1, CefrLevel.B2, CefrLevel.C1)
NEXT_COURSE = {
    "": CefrLevel.A1,
    CefrLevel.A1: CefrLevel.A2,
    CefrLevel.A2: CefrLevel.B1,
    CefrLevel.B1: CefrLevel.B2,
    CefrLevel.B2: CefrLevel.C1,
}
LANGUAGE_COURSES = (
    OfferKind.INTEGRATION_COURSE,
    OfferKind.JOB_LANGUAGE_COURSE,
    OfferKind.LANGUAGE_COURSE,
)


@dataclass(frozen=True, slots=True)
class PublishedTable:
    key: str
    title: str | Promise
    row_heading: str | Promise
    rows: Sequence[str]
    columns: Sequence[str]
    protected: ProtectedTable
    total: str | Promise  # the label of the totals' row
    note: str | Promise = ""
    # A chosen short name for an XLSX sheet (Excel allows 31 characters, and a cut title
    # would end mid-word).
    sheet: str | Promise = ""

    def published(self) -> list[tuple[str, list[int | str]]]:
        """Each row's label and its shown cells, the row total last; then the totals."""
        grid = self.protected.published()
        labels = [*self.rows, str(self.total)]
        return list(zip(labels, grid, strict=True))


CAPACITY_TITLE = gettext_lazy("Free seats in the language courses that fit each group")
CAPACITY_ROWS = gettext_lazy("Current residence document")
CAPACITY_SHEET = gettext_lazy("Free seats")


@dataclass(frozen=True, slots=True)
class Capacity:
    """The free seats of the language courses that fit each residence group, by course level:
    offers are network data, published as they are."""

    rows: Sequence[str]
    columns: Sequence[str]
    seats: Sequence[Sequence[int]]
    key: str = "capacity"
    title: str | Promise = CAPACITY_TITLE
    row_heading: str | Promise = CAPACITY_ROWS
    sheet: str | Promise = CAPACITY_SHEET

    def table(self) -> list[tuple[str, Sequence[int]]]:
        return list(zip(self.rows, self.seats, strict=True))


@dataclass(frozen=True, slots=True)
class Statistics:
    year: int
    threshold: int
    tables: Sequence[PublishedTable]
    capacity: Capacity

    def table(self, key: str) -> PublishedTable | None:
        return next((table for table in self.tables if table.key == key), None)


def publication_of(network: Network | int) -> StatisticsPublication:
    network_id = network if isinstance(network, int) else network.pk
    found = StatisticsPublication.objects.filter(network_id=network_id).first()
    return found or StatisticsPublication(network_id=network_id, threshold=DEFAULT_THRESHOLD)


def published_networks() -> QuerySet[Network]:
    return Network.objects.filter(statistics_publication__public=True).order_by("name")


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def population(network_id: int, year: int) -> QuerySet[Participant]:
    start, end = _year(year)
    return Participant.objects.filter(
        Q(network_id=network_id, entry_date__lte=end)
        & (Q(exit_date__isnull=True) | Q(exit_date__gte=start))
    )


def _age_group(end: datetime.date) -> Case:
    """The age group at the year's end, from the date of birth or else the year of birth."""
    whens = []
    for key, low, high in AGE_GROUPS:
        by_date = Q(birth_date__isnull=False)
        by_year = Q(birth_date__isnull=True, birth_year__isnull=False)
        if low is not None:
            by_date &= Q(birth_date__lte=end.replace(year=end.year - low))
            by_year &= Q(birth_year__lte=end.year - low)
        if high is not None:
            by_date &= Q(birth_date__gt=end.replace(year=end.year - high - 1))
            by_year &= Q(birth_year__gte=end.year - high)
        whens.append(When(by_date | by_year, then=Value(key)))
    return Case(*whens, default=Value(NOT_RECORDED))


def _residence_group(prefix: str = "") -> Case:
    field = f"{prefix}current_document__document_type__in"
    return Case(
        *(When(Q(**{field: kinds}), then=Value(key)) for key, kinds in RESIDENCE_GROUPS.items()),
        default=Value(NOT_RECORDED),
    )


def _by_gender(
    queryset: QuerySet[Participant], dimension: Case | Upper | str
) -> dict[str, Counter[str]]:
    rows = (
        queryset.annotate(dimension=F(dimension) if isinstance(dimension, str) else dimension)
        .values("dimension", "gender")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        counts.setdefault(row["dimension"] or NOT_RECORDED, Counter())[row["gender"]] += row["n"]
    return counts


def _grouped_small(counts: dict[str, Counter[str]], threshold: int) -> dict[str, Counter[str]]:
    """Open categories (nationalities, places) with fewer people than the threshold are
    summed into "other": a list of rare countries would name people by itself."""
    kept: dict[str, Counter[str]] = {}
    other: Counter[str] = Counter()
    for key, counter in counts.items():
        if key != NOT_RECORDED and sum(counter.values()) < threshold:
            other.update(counter)
        else:
            kept[key] = counter
    if other:
        kept[OTHER] = other
    return kept


def _table(
    key: str,
    title: str | Promise,
    row_heading: str | Promise,
    counts: dict[str, Counter[str]],
    order: Sequence[str],
    label: Callable[[str], str],
    threshold: int,
    note: str | Promise = "",
    sheet: str | Promise = "",
) -> PublishedTable:
    keys = [k for k in order if k in counts] + sorted(
        (k for k in counts if k not in order and k not in (OTHER, NOT_RECORDED)), key=label
    )
    keys += [k for k in (OTHER, NOT_RECORDED) if k in counts and k not in keys]
    if not keys:  # an empty year still shows its table, as zeros
        keys = [NOT_RECORDED]
    grid = [[counts.get(k, Counter())[gender] for gender in GENDERS] for k in keys]
    return PublishedTable(
        key=key,
        title=title,
        row_heading=row_heading,
        rows=[label(k) for k in keys],
        columns=[*(str(gender.label) for gender in GENDERS), _("Total")],
        protected=protect(grid, threshold),
        note=note,
        total=_("Total"),
        sheet=sheet,
    )


def _special(key: str) -> str | None:
    if key == OTHER:
        return pgettext("statistics", "other")
    if key == NOT_RECORDED:
        return pgettext("statistics", "not recorded")
    return None


def _age_label(key: str) -> str:
    labels = {
        "under_18": _("under 18"),
        "18_24": _("18 to 24"),
        "25_34": _("25 to 34"),
        "35_44": _("35 to 44"),
        "45_plus": _("45 and older"),
    }
    return _special(key) or labels.get(key, key)


def _residence_label(key: str) -> str:
    labels = {
        "gestattung": _("Aufenthaltsgestattung (asylum procedure)"),
        "duldung": _("Duldung"),
        "permit": _("Aufenthaltserlaubnis or Fiktionsbescheinigung"),
        "settlement": _("Niederlassungserlaubnis"),
    }
    return _special(key) or labels.get(key, key)


def _outcome_label(key: str) -> str:
    return _special(key) or str(dict(ExitOutcome.choices).get(key, key))


def _place_label(key: str) -> str:
    # Places are grouped in capitals, so that "Hanau" and "hanau " are one place.
    return _special(key) or key.title()


def _nationality_label(key: str) -> str:
    return _special(key) or nationality_name(key)


def compute(network_id: int, year: int, threshold: int) -> Statistics:
    start, end = _year(year)
    people = population(network_id, year)
    tables = [
        _table(
            "age",
            gettext_lazy("Participants by age group"),
            gettext_lazy("Age at the end of the year"),
            _by_gender(people, _age_group(end)),
            [key for key, _low, _high in AGE_GROUPS],
            _age_label,
            threshold,
            sheet=gettext_lazy("Age groups"),
        ),
        _table(
            "residence",
            gettext_lazy("Participants by residence status"),
            gettext_lazy("Current residence document"),
            _by_gender(people, _residence_group()),
            list(RESIDENCE_GROUPS),
            _residence_label,
            threshold,
            sheet=gettext_lazy("Residence status"),
        ),
        _table(
            "nationality",
            gettext_lazy("Participants by nationality"),
            gettext_lazy("Nationality"),
            _grouped_small(_by_gender(people, "nationality"), threshold),
            [],
            _nationality_label,
            threshold,
            note=gettext_lazy(
                "Nationalities with fewer people than the smallest number shown are counted"
                " under “other”."
            ),
            sheet=gettext_lazy("Nationality"),
        ),
        _table(
            "place",
            gettext_lazy("Participants by place of residence"),
            gettext_lazy("Place of residence"),
            _grouped_small(_by_gender(people, Upper(Trim("city"))), threshold),
            [],
            _place_label,
            threshold,
            note=gettext_lazy(
                "Places with fewer people than the smallest number shown are counted under “other”."
            ),
            sheet=gettext_lazy("Place of residence"),
        ),
        _table(
            "outcome",
            gettext_lazy("Exits by outcome"),
            gettext_lazy("Outcome at exit"),
            _by_gender(
                Participant.objects.filter(network_id=network_id, exit_date__range=(start, end)),
                "exit_outcome",
            ),
            list(ExitOutcome.values),
            _outcome_label,
            threshold,
            sheet=gettext_lazy("Exits"),
        ),
        _needs(network_id, threshold),
    ]
    return Statistics(year, threshold, tables, _capacity(network_id))


def _needs(network_id: int, threshold: int) -> PublishedTable:
    """The open cases by residence group and the German course they need next (from the
    overall level of German in their profile; people without one are not counted)."""
    rows = (
        LanguageSkill.objects.filter(
            participant__network_id=network_id,
            language=GERMAN,
            level__in=[level for level in NEXT_COURSE if level],
            participant__status__in=(ParticipantStatus.REGISTERED, ParticipantStatus.ENROLLED),
        )
        .annotate(group=_residence_group("participant__"))
        .values("group", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        course = NEXT_COURSE[row["level"]]
        counts.setdefault(row["group"], Counter())[course] += row["n"]
    keys = [key for key in [*RESIDENCE_GROUPS, NOT_RECORDED] if key in counts] or [NOT_RECORDED]
    grid = [[counts[key][level] if key in counts else 0 for level in LEVELS] for key in keys]
    return PublishedTable(
        key="needs",
        title=gettext_lazy("Needs: German courses by residence status"),
        row_heading=gettext_lazy("Current residence document"),
        rows=[_residence_label(key) for key in keys],
        columns=[*(_("course to %(level)s") % {"level": level} for level in LEVELS), _("Total")],
        protected=protect(grid, threshold),
        total=_("Total"),
        sheet=gettext_lazy("Needs German courses"),
        note=gettext_lazy(
            "Open cases by the German course they need next, from the level of German recorded"
            " in their profile; people whose level is not recorded, or who have C1 or more,"
            " are not counted."
        ),
    )


def _capacity(network_id: int) -> Capacity:
    """Free seats of the active language courses, for each residence group the offer accepts
    (an offer naming no documents accepts every group) and the level it leads to."""
    offers = Offer.objects.filter(
        network_id=network_id, status=OfferStatus.ACTIVE, kind__in=LANGUAGE_COURSES
    ).values_list("min_german", "documents", "seats_free")
    seats = {group: Counter[str]() for group in RESIDENCE_GROUPS}
    for min_german, documents, free in offers:
        course = NEXT_COURSE.get(min_german or "")
        if course is None or not free:
            continue
        for group, kinds in RESIDENCE_GROUPS.items():
            if not documents or set(documents) & set(kinds):
                seats[group][course] += free
    return Capacity(
        rows=[_residence_label(group) for group in RESIDENCE_GROUPS],
        columns=[_("course to %(level)s") % {"level": level} for level in LEVELS],
        seats=[[seats[group][level] for level in LEVELS] for group in RESIDENCE_GROUPS],
    )


def statistics_years(network_id: int, this_year: int) -> list[int]:
    """The years the statistics can show, newest first: from the network's first entry to this
    year (a year before anyone entered would show only zeros); at least this year."""
    with scope(network=[network_id]):
        first = Participant.objects.filter(
            network_id=network_id, entry_date__isnull=False
        ).aggregate(first=Min("entry_date"))["first"]
    start = first.year if first is not None else this_year
    return list(range(this_year, min(start, this_year) - 1, -1))


def statistics_of(network_id: int, year: int, threshold: int) -> Statistics:
    """The published tables, cached: the public page needs no log-in and may be asked often.
    They are counted inside the network's scope, whoever asks."""
    key = f"reporting.statistics:{network_id}:{year}:{threshold}:{translation.get_language()}"
    found = cache.get(key)
    if isinstance(found, Statistics):
        return found
    with scope(network=[network_id]):
        computed = compute(network_id, year, threshold)
    cache.set(key, computed, CACHE_SECONDS)
    return computed
