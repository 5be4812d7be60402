"""Reads of the reporting app: the ESF data of one case, and what keeps people out of a report."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.reporting import indicators as ind
from lotse.reporting import sources
from lotse.reporting.models import EsfFollowUp, EsfRecord, EsfSituationEvent
from lotse.reporting.services import RECORD_FIELDS


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
