"""Reads of the reporting app: the ESF data of one case, and what keeps people out of a report."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.reporting import indicators as ind
from lotse.reporting import sources
from lotse.reporting.enums import ACTIVE_REPORT_STATUSES
from lotse.reporting.facts import to_q
from lotse.reporting.models import (
    RECORD_FIELDS,
    EsfFact,
    EsfFollowUp,
    EsfRecord,
    EsfSituationEvent,
    Report,
)


def esf_record_of(participant: Participant) -> EsfRecord | None:
    return EsfRecord.objects.filter(participant=participant).first()


def situations_of(participant: Participant) -> list[EsfSituationEvent]:
    return list(EsfSituationEvent.objects.filter(participant=participant))


def follow_ups_of(participant: Participant) -> list[EsfFollowUp]:
    return list(EsfFollowUp.objects.filter(participant=participant))


def follow_up_of(participant: Participant, pk: int) -> EsfFollowUp | None:
    return EsfFollowUp.objects.filter(participant=participant, pk=pk).first()


@dataclass(frozen=True)
class EsfState:
    """What the case's ESF section shows."""

    record: EsfRecord | None
    missing: list[ind.Missing]
    isced_from_profile: bool
    isced: int | None
    situations: list[EsfSituationEvent]
    follow_ups: list[EsfFollowUp]
    exit_incomplete: bool  # left, and the situation after leaving is not recorded


def esf_state(case: CaseAccess) -> EsfState:
    participant = case.participant
    row = sources.row_of(participant)
    record = esf_record_of(participant)
    item = ind.participation(row)
    return EsfState(
        record=record,
        missing=ind.missing_items(row),
        isced_from_profile=participant.pk in sources.profile_isced([participant.pk]),
        isced=row.isced,
        situations=situations_of(participant),
        follow_ups=follow_ups_of(participant),
        exit_incomplete=item is not None and item.exit is not None and not item.result_known,
    )


def profile_levels(ids: list[int]) -> dict[int, int]:
    """The highest completed education of each profile that records one."""
    return sources.profile_isced(ids)


def participants_by_id(ids: list[int]) -> dict[int, Participant]:
    return {p.pk: p for p in Participant.objects.filter(pk__in=ids).order_by("last_name")}


@dataclass(frozen=True)
class Unreportable:
    participant_id: int
    missing: list[ind.Missing]


def not_reportable(participants: "QuerySet[Participant]") -> list[Unreportable]:
    """Enrolled or exited participants whose Annex I items are incomplete (Art. 17(5))."""
    return [
        Unreportable(row.person, missing)
        for rows in sources.person_rows(participants)
        for row in rows
        if (missing := ind.missing_items(row))
    ]


def esf_export(participant: Participant) -> dict[str, Any]:
    record = EsfRecord.objects.filter(participant=participant).values(
        *RECORD_FIELDS, "no_situation_after_exit_on"
    )
    return {
        "record": [
            {key: str(value) if value is not None else None for key, value in row.items()}
            for row in record
        ],
        "situations": [
            {"day": day.isoformat(), "situation": situation}
            for day, situation in EsfSituationEvent.objects.filter(
                participant=participant
            ).values_list("day", "situation")
        ],
        "follow_ups": [
            {
                "exit_on": exit_on.isoformat(),
                "answered_on": answered_on.isoformat() if answered_on else None,
                "employed": employed,
                "improved": improved,
            }
            for exit_on, answered_on, employed, improved in EsfFollowUp.objects.filter(
                participant=participant
            ).values_list("exit_on", "answered_on", "employed", "improved")
        ],
    }


# --- reports -------------------------------------------------------------------------------------


def scope_participants(network_id: int, organisation_id: int | None) -> "QuerySet[Participant]":
    """The participants a report counts: the network's, or one organisation's (the case owner's
    registrations)."""
    participants = Participant.objects.filter(network_id=network_id)
    if organisation_id is not None:
        participants = participants.filter(organisation_id=organisation_id)
    return participants


def _facts(
    network_id: int, organisation_id: int | None, indicator_set: ind.IndicatorSet
) -> "QuerySet[EsfFact]":
    facts = EsfFact.objects.filter(network_id=network_id)
    if organisation_id is not None:
        facts = facts.filter(organisation_id=organisation_id)
    return facts.filter(to_q(indicator_set.population))


def _ranges(indicator_set: ind.IndicatorSet, period: ind.Period) -> list[ind.Condition]:
    """The date ranges of the set's bases (and of the incomplete exits), each once."""
    ranges = [ind.basis_parts(indicator.basis, period)[0] for indicator in indicator_set.indicators]
    ranges.append(ind.incomplete_parts(period)[0])
    return list(dict.fromkeys(ranges))


def report_rows(
    network_id: int,
    organisation_id: int | None,
    indicator_set: ind.IndicatorSet,
    period: ind.Period,
) -> "QuerySet[EsfFact]":
    """The fact rows a report reads: whoever is in one of its bases, or (for the count of the
    not reportable) active in the period. The bench counts these for its floor."""
    wanted = _ranges(indicator_set, period)
    if indicator_set.needs_mandatory_items:
        wanted.append(ind.basis_condition(ind.Basis.ACTIVE, period))
    return _facts(network_id, organisation_id, indicator_set).filter(to_q(ind.AnyOf(*wanted)))


def _count(condition: ind.Condition) -> Count:
    where = to_q(condition)
    return Count("pk", filter=where) if where else Count("pk")


def compute_report(
    *,
    network_id: int,
    organisation_id: int | None,
    indicator_set: ind.IndicatorSet,
    period: ind.Period,
    progress: Callable[[int], None] | None = None,
) -> ind.Report:
    """The report counted by the database over the fact table: per date range of the bases
    (entered in the period, left in it, active in it) one query of the rows in that range,
    with a conditional count per indicator (the set's conditions compiled by `facts.to_q`),
    grouped by gender; and the count of the not reportable. It counts what
    `indicators.compute` counts over the same participations; who is behind a number is asked
    separately (`people_of`). The caller refreshes pending facts first
    (`services.esf_facts_flush`).

    One query per range rather than one for all: every conditional count then tests only the
    indicator's own condition, not the basis and Art. 17(5) again (the aggregate was the cost,
    not the scan)."""
    facts = _facts(network_id, organisation_id, indicator_set)
    reportable = ind.REPORTABLE if indicator_set.needs_mandatory_items else ind.EVERYONE
    counts: dict[ind.Condition, dict[str, Count]] = {}
    for index, indicator in enumerate(indicator_set.indicators):
        rows, rest = ind.basis_parts(indicator.basis, period)
        counts.setdefault(rows, {})[f"v{index}"] = _count(ind.AllOf(rest, indicator.counts))
    rows, rest = ind.incomplete_parts(period)
    counts.setdefault(rows, {})["incomplete"] = _count(rest)
    groups: list[dict[str, Any]] = []
    for rows, aggregates in counts.items():
        groups.extend(
            dict(group)
            for group in facts.filter(to_q(ind.AllOf(reportable, rows)))
            .order_by()
            .values("gender")
            .annotate(**aggregates)
        )
    values = []
    for index, indicator in enumerate(indicator_set.indicators):
        key = f"v{index}"
        by_gender = dict.fromkeys(ind.Gender, 0)
        for group in groups:
            if group["gender"] and key in group:
                by_gender[ind.Gender(group["gender"])] += group[key]
        values.append(
            ind.IndicatorValue(
                indicator=indicator,
                by_gender=by_gender,
                total=sum(group.get(key, 0) for group in groups),
                people=(),
            )
        )
    not_reportable = 0
    if indicator_set.needs_mandatory_items:
        not_reportable = facts.filter(
            to_q(ind.AllOf(ind.Not(ind.REPORTABLE), ind.basis_condition(ind.Basis.ACTIVE, period)))
        ).count()
    if progress is not None:
        progress(99)
    return ind.Report(
        indicator_set=indicator_set,
        period=period,
        values=tuple(values),
        not_reportable_total=not_reportable,
        incomplete_total=sum(group.get("incomplete", 0) for group in groups),
    )


def people_of(
    *,
    network_id: int,
    organisation_id: int | None,
    indicator_set: ind.IndicatorSet,
    period: ind.Period,
    code: str,
    gender: str = "",
) -> list[int]:
    """The participants one number of a report counts (sorted ids)."""
    indicator = next(i for i in indicator_set.indicators if i.code == code)
    condition = ind.AllOf(ind.basis_condition(indicator.basis, period), indicator.counts)
    facts = _facts(network_id, organisation_id, indicator_set).filter(to_q(condition))
    if indicator_set.needs_mandatory_items:
        facts = facts.filter(to_q(ind.REPORTABLE))
    if gender:
        facts = facts.filter(gender=gender)
    return list(facts.order_by("pk").values_list("pk", flat=True))


def report_result(report: ind.Report) -> dict[str, Any]:
    """What a stored report keeps: numbers only, never who is behind them."""
    return {
        "values": [
            {
                "code": value.indicator.code,
                "by_gender": {str(gender): count for gender, count in value.by_gender.items()},
                "total": value.total,
            }
            for value in report.values
        ],
        "not_reportable": report.not_reportable_total,
        "incomplete_exits": report.incomplete_total,
    }


def reports_for(network_id: int, organisation_ids: list[int] | None) -> "QuerySet[Report]":
    """The stored reports of the scopes a user may report on (None: every scope)."""
    reports = Report.objects.filter(network_id=network_id)
    if organisation_ids is not None:
        reports = reports.filter(organisation_id__in=organisation_ids)
    return reports.select_related("organisation", "requested_by")[:20]


def report_of(network_id: int, pk: int) -> Report | None:
    return (
        Report.objects.filter(network_id=network_id, pk=pk)
        .select_related("organisation", "network")
        .first()
    )


def active_report(
    *, network_id: int, organisation_id: int | None, key: str, period: ind.Period
) -> Report | None:
    return Report.objects.filter(
        network_id=network_id,
        organisation__isnull=organisation_id is None,
        indicator_set=key,
        period_start=period.start,
        period_end=period.end,
        status__in=ACTIVE_REPORT_STATUSES,
        **({} if organisation_id is None else {"organisation_id": organisation_id}),
    ).first()


def people_behind(
    report: Report, code: str, gender: str, visible: "QuerySet[Participant]"
) -> tuple[list[Participant], int]:
    """The participants behind one number of a stored report, computed again from its
    parameters, limited to those `visible` (the caller's access): (shown, total behind it)."""
    people = people_of(
        network_id=report.network_id,
        organisation_id=report.organisation_id,
        indicator_set=ind.indicator_set(report.indicator_set),
        period=ind.Period(report.period_start, report.period_end),
        code=code,
        gender=gender,
    )
    shown = list(
        visible.filter(pk__in=people)
        .select_related("organisation")
        .order_by("last_name", "first_names", "pk")
    )
    return shown, len(people)


def incomplete_exit_ids(
    *,
    network_id: int,
    organisation_id: int | None,
    indicator_set: ind.IndicatorSet,
    period: ind.Period,
) -> list[int]:
    """The participants a report counts as incomplete exits (sorted ids): left in the period
    without the situation after leaving, and — where Art. 17(5) applies — reportable, as
    `compute_report` counts them."""
    facts = _facts(network_id, organisation_id, indicator_set).filter(
        to_q(ind.incomplete_condition(period))
    )
    if indicator_set.needs_mandatory_items:
        facts = facts.filter(to_q(ind.REPORTABLE))
    return list(facts.order_by("pk").values_list("pk", flat=True))


def incomplete_exits_behind(
    report: Report, visible: "QuerySet[Participant]"
) -> tuple[list[Participant], int]:
    """The exits of a stored report whose situation within four weeks is not recorded,
    computed again from its parameters, limited to those `visible`: (shown, all of them)."""
    people = incomplete_exit_ids(
        network_id=report.network_id,
        organisation_id=report.organisation_id,
        indicator_set=ind.indicator_set(report.indicator_set),
        period=ind.Period(report.period_start, report.period_end),
    )
    shown = list(
        visible.filter(pk__in=people)
        .select_related("organisation")
        .order_by("last_name", "first_names", "pk")
    )
    return shown, len(people)
