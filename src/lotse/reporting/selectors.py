"""Reads of the reporting app: the ESF data of one case, and what keeps people out of a report."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.reporting import indicators as ind
from lotse.reporting import sources
from lotse.reporting.enums import ACTIVE_REPORT_STATUSES
from lotse.reporting.models import (
    RECORD_FIELDS,
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


def merge(reports: list[ind.Report]) -> ind.Report:
    """Reports over disjoint people, added up: every indicator counts each person on their own."""
    first = reports[0]
    values = []
    for index, value in enumerate(first.values):
        parts = [report.values[index] for report in reports]
        values.append(
            ind.IndicatorValue(
                indicator=value.indicator,
                by_gender={
                    gender: sum(part.by_gender[gender] for part in parts) for gender in ind.Gender
                },
                total=sum(part.total for part in parts),
                people=tuple(pk for part in parts for pk in part.people),
            )
        )
    not_reportable: dict[int, list[ind.Missing]] = {}
    for report in reports:
        not_reportable.update(report.not_reportable)
    return ind.Report(
        indicator_set=first.indicator_set,
        period=first.period,
        values=tuple(values),
        not_reportable=not_reportable,
        incomplete_exits=tuple(pk for report in reports for pk in report.incomplete_exits),
    )


def compute_report(
    *,
    network_id: int,
    organisation_id: int | None,
    indicator_set: ind.IndicatorSet,
    period: ind.Period,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = sources.CHUNK,
) -> ind.Report:
    """The report over the scope's rows, a chunk at a time (memory stays bounded at any size);
    `progress` hears the per cent done after each chunk."""
    # Whoever left for the last time before the period counts in none of its bases.
    participants = scope_participants(network_id, organisation_id).filter(
        Q(exit_date__isnull=True) | Q(exit_date__gte=period.start)
    )
    total = participants.filter(entry_date__isnull=False).count() if progress else 0
    parts = [ind.compute(indicator_set, [], period)]
    done = 0
    for rows in sources.person_rows(participants, chunk_size=chunk_size):
        parts.append(ind.compute(indicator_set, rows, period))
        done += len(rows)
        if progress is not None and total:
            progress(min(99, done * 100 // total))
    return merge(parts)


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
        "not_reportable": len(report.not_reportable),
        "incomplete_exits": len(report.incomplete_exits),
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
    computed = compute_report(
        network_id=report.network_id,
        organisation_id=report.organisation_id,
        indicator_set=ind.indicator_set(report.indicator_set),
        period=ind.Period(report.period_start, report.period_end),
    )
    value = computed.value(code)
    people = list(value.people)
    if gender:
        rows = dict(Participant.objects.filter(pk__in=people).values_list("pk", "gender"))
        people = [pk for pk in people if rows.get(pk) == gender]
    shown = list(
        visible.filter(pk__in=people)
        .select_related("organisation")
        .order_by("last_name", "first_names", "pk")
    )
    return shown, len(people)


def incomplete_exits_behind(
    report: Report, visible: "QuerySet[Participant]"
) -> tuple[list[Participant], int]:
    """The exits of a stored report whose situation within four weeks is not recorded,
    computed again from its parameters, limited to those `visible`: (shown, all of them)."""
    computed = compute_report(
        network_id=report.network_id,
        organisation_id=report.organisation_id,
        indicator_set=ind.indicator_set(report.indicator_set),
        period=ind.Period(report.period_start, report.period_end),
    )
    people = list(computed.incomplete_exits)
    shown = list(
        visible.filter(pk__in=people)
        .select_related("organisation")
        .order_by("last_name", "first_names", "pk")
    )
    return shown, len(people)
