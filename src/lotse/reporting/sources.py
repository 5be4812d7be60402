"""The database read into the indicators' plain rows (`PersonRow`, `Stay`).

One pass per chunk of participants, each table read once with `values()`: the participants
with their current document, their status history (the stays: a re-entry is a second
enrolment), the ESF record, the highest completed education of the profile, the six-month
follow-ups, and the labour-market events after leaving. Other apps (referral outcomes,
placements) add events through `register_situations`: a contributor takes the chunk's
participant ids and answers their events, so the report reads each app's table once per chunk
and `reporting` needs no change when an app starts to contribute.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db.models import Max, Q, QuerySet

from lotse.offers.enums import OfferKind
from lotse.participants.enums import BirthDatePrecision, Gender, ParticipantStatus
from lotse.participants.models import Participant, StatusChange
from lotse.profiles.models import EducationStage
from lotse.referrals.enums import Outcome
from lotse.referrals.models import Referral
from lotse.reporting import indicators as ind
from lotse.reporting.enums import EsfLabourStatus
from lotse.reporting.models import EsfFollowUp, EsfRecord, EsfSituationEvent

CHUNK = 5000

# The chunk's participant ids, sorted → {participant id: events}. A contributor may read the
# range ids[0]..ids[-1] (an index range instead of thousands of parameters) and drop the rest.
SituationContributor = Callable[[Sequence[int]], dict[int, list[ind.SituationEvent]]]
_contributors: dict[str, SituationContributor] = {}


def register_situations(key: str, contributor: SituationContributor) -> None:
    if key in _contributors and _contributors[key] != contributor:
        raise ValueError(f"A situation contributor {key!r} is registered already.")
    _contributors[key] = contributor


def unregister_situations(key: str) -> None:
    _contributors.pop(key, None)


def contributors() -> list[SituationContributor]:
    return [_contributors[key] for key in sorted(_contributors)]


def id_range(ids: Sequence[int]) -> dict[str, int]:
    """The lookup of the rows of the participants `ids[0]..ids[-1]` (sorted): a range on the
    participant index costs the database what a list of ids costs Django to prepare."""
    return {"participant_id__gte": ids[0], "participant_id__lte": ids[-1]}


def recorded_situations(ids: Sequence[int]) -> dict[int, list[ind.SituationEvent]]:
    """What counsellors recorded on the case's ESF section."""
    events: dict[int, list[ind.SituationEvent]] = defaultdict(list)
    wanted = set(ids)
    for pk, day, situation in (
        EsfSituationEvent.objects.filter(**id_range(ids))
        .values_list("participant_id", "day", "situation")
        .iterator(chunk_size=5000)
    ):
        if pk in wanted:
            events[pk].append(ind.SituationEvent(day, ind.Situation(situation)))
    return events


register_situations("reporting.recorded", recorded_situations)

# Offers whose start puts a person "in education or training" (EECR02); counselling, an
# internship programme and "other" do not.
TRAINING_OFFERS = frozenset(
    {
        OfferKind.INTEGRATION_COURSE,
        OfferKind.JOB_LANGUAGE_COURSE,
        OfferKind.LANGUAGE_COURSE,
        OfferKind.QUALIFICATION,
        OfferKind.VOCATIONAL_PREPARATION,
        OfferKind.SCHOOL_COURSE,
    }
)


def referral_situations(ids: Sequence[int]) -> dict[int, list[ind.SituationEvent]]:
    """Referral outcomes as situations: a course begun (in education or training, EECR02) and
    a qualification gained (EECR03). A course still running when the person left counts on the
    day of the exit; a qualification gained during the participation counts on the day of the
    exit too (the indicators look from the exit on, 28 days)."""
    events: dict[int, list[ind.SituationEvent]] = defaultdict(list)
    wanted = set(ids)
    for pk, started_on, completed_on, outcome, kind, entry, exit_on in (
        Referral.objects.filter(**id_range(ids))
        .filter(Q(started_on__isnull=False) | Q(outcome=Outcome.QUALIFICATION))
        .values_list(
            "participant_id",
            "started_on",
            "completed_on",
            "outcome",
            "offer__kind",
            "participant__entry_date",
            "participant__exit_date",
        )
        .iterator(chunk_size=5000)
    ):
        if pk not in wanted:
            continue
        if started_on is not None and kind in TRAINING_OFFERS and outcome != Outcome.NO_SHOW:
            running_at_exit = exit_on is not None and (
                completed_on is None or completed_on >= exit_on
            )
            day = max(started_on, exit_on) if running_at_exit and exit_on else started_on
            events[pk].append(ind.SituationEvent(day, ind.Situation.EDUCATION))
        if outcome == Outcome.QUALIFICATION and completed_on is not None:
            during = exit_on is not None and entry is not None and entry <= completed_on <= exit_on
            day = exit_on if during and exit_on else completed_on
            events[pk].append(ind.SituationEvent(day, ind.Situation.QUALIFICATION))
    return events


register_situations("referrals.outcomes", referral_situations)

_GENDERS = {
    Gender.FEMALE: ind.Gender.FEMALE,
    Gender.MALE: ind.Gender.MALE,
    Gender.DIVERSE: ind.Gender.DIVERSE,
}
_STATUSES = {
    EsfLabourStatus.UNEMPLOYED: ind.LabourStatus.UNEMPLOYED,
    EsfLabourStatus.LONG_TERM_UNEMPLOYED: ind.LabourStatus.LONG_TERM_UNEMPLOYED,
    EsfLabourStatus.INACTIVE: ind.LabourStatus.INACTIVE,
    EsfLabourStatus.EMPLOYED: ind.LabourStatus.EMPLOYED,
    EsfLabourStatus.SELF_EMPLOYED: ind.LabourStatus.EMPLOYED,
}
_PARTICIPANT_FIELDS = (
    "pk",
    "gender",
    "birth_date",
    "birth_year",
    "birth_date_precision",
    "nationality",
    "entry_date",
    "exit_date",
    "exit_outcome",
    "current_document__document_type",
    "network_id",
    "organisation_id",
)
_RECORD_FIELDS = (
    "participant_id",
    "labour_status",
    "isced_level",
    "disability",
    "foreign_background",
    "homeless",
    "rural",
    "no_situation_after_exit_on",
)


def birth_date_for_age(person: dict[str, Any]) -> datetime.date | None:
    """The day of birth, or mid-year where only the year is known: the age at entry is then
    right for half the year and never off by more than one."""
    if (
        person["birth_date"] is not None
        and person["birth_date_precision"] == BirthDatePrecision.DAY
    ):
        born: datetime.date = person["birth_date"]
        return born
    year = person["birth_year"] or (person["birth_date"].year if person["birth_date"] else None)
    if year is None or person["birth_date_precision"] == BirthDatePrecision.UNKNOWN:
        return None
    return datetime.date(year, 7, 1)


def profile_isced(ids: Sequence[int]) -> dict[int, int]:
    """The highest completed education stage of each profile that records one."""
    return dict(
        EducationStage.objects.filter(completed=True, **id_range(ids))
        .values("participant_id")
        .annotate(level=Max("isced_level"))
        .values_list("participant_id", "level")
    )


def _stays(
    person: dict[str, Any], changes: list[tuple[str, datetime.date, str]]
) -> list[tuple[datetime.date, datetime.date | None, str]]:
    stays: list[tuple[datetime.date, datetime.date | None, str]] = []
    for status, day, outcome in changes:
        if status == ParticipantStatus.ENROLLED:
            stays.append((day, None, ""))
        elif status == ParticipantStatus.EXITED and stays and stays[-1][1] is None:
            stays[-1] = (stays[-1][0], day, outcome)
    if not stays and person["entry_date"] is not None:
        # Recorded without a status history (an import): the participant's own dates.
        stays.append((person["entry_date"], person["exit_date"], person["exit_outcome"]))
    return stays


def _rows(chunk: list[dict[str, Any]]) -> list[ind.PersonRow]:
    ids = [person["pk"] for person in chunk]
    changes: dict[int, list[tuple[str, datetime.date, str]]] = defaultdict(list)
    for pk, status, day, outcome in (
        StatusChange.objects.filter(**id_range(ids))
        .order_by("participant_id", "effective_on", "recorded_at", "pk")
        .values_list("participant_id", "status", "effective_on", "exit_outcome")
    ):
        changes[pk].append((status, day, outcome))
    records = {
        record["participant_id"]: record
        for record in EsfRecord.objects.filter(**id_range(ids)).values(*_RECORD_FIELDS)
    }
    education = profile_isced(ids)
    follow_ups: dict[int, dict[datetime.date, ind.FollowUp]] = defaultdict(dict)
    for pk, exit_on, answered_on, employed, improved in EsfFollowUp.objects.filter(
        answered_on__isnull=False, **id_range(ids)
    ).values_list("participant_id", "exit_on", "answered_on", "employed", "improved"):
        if answered_on is not None:
            follow_ups[pk][exit_on] = ind.FollowUp(answered_on, bool(employed), bool(improved))
    situations: dict[int, list[ind.SituationEvent]] = defaultdict(list)
    for contributor in contributors():
        for pk, found in contributor(ids).items():
            situations[pk].extend(found)

    rows = []
    for person in chunk:
        pk = person["pk"]
        record = records.get(pk, {})
        stays = _stays(person, changes.get(pk, []))
        last_exit = stays[-1][1] if stays else None
        status = record.get("labour_status")
        isced = education.get(pk)
        if isced is None:
            isced = record.get("isced_level")
        events = tuple(sorted(situations.get(pk, ()), key=lambda event: event.day))
        built = tuple(
            ind.Stay(
                entry=entry,
                exit=exit_on,
                exit_outcome=outcome,
                situation_recorded=exit_on is not None
                and record.get("no_situation_after_exit_on") == exit_on,
                # Every event goes with the last stay: a re-entry is one participation.
                situations=events if index == len(stays) - 1 else (),
            )
            for index, (entry, exit_on, outcome) in enumerate(stays)
        )
        rows.append(
            ind.PersonRow(
                person=pk,
                gender=_GENDERS.get(person["gender"]),
                birth_date=birth_date_for_age(person),
                labour_status=_STATUSES.get(status) if status else None,
                isced=isced,
                nationality=person["nationality"],
                residence=person["current_document__document_type"] or "",
                disability=record.get("disability"),
                foreign_background=record.get("foreign_background"),
                homeless=record.get("homeless"),
                rural=record.get("rural"),
                stays=built,
                follow_up=follow_ups[pk].get(last_exit) if last_exit and pk in follow_ups else None,
            )
        )
    return rows


def participant_chunks(
    participants: "QuerySet[Participant]", *, chunk_size: int = CHUNK
) -> Iterator[list[dict[str, Any]]]:
    """The participants' own fields a chunk at a time, in order of their ids. Participants
    never enrolled have no stay and count nowhere, so they are not read."""
    people = (
        participants.filter(entry_date__isnull=False).order_by("pk").values(*_PARTICIPANT_FIELDS)
    )
    last = 0
    while True:
        chunk = list(people.filter(pk__gt=last)[:chunk_size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]["pk"]


def rows_of(chunk: list[dict[str, Any]]) -> list[ind.PersonRow]:
    """The rows of a chunk from `participant_chunks`."""
    return _rows(chunk)


def person_rows(
    participants: "QuerySet[Participant]", *, chunk_size: int = CHUNK
) -> Iterator[list[ind.PersonRow]]:
    """The rows of `participants` (already scoped to what the caller may report on), a chunk
    at a time, in order of their ids."""
    for chunk in participant_chunks(participants, chunk_size=chunk_size):
        yield _rows(chunk)


def row_of(participant: Participant) -> ind.PersonRow:
    """One participant's row (the case section asks what is missing)."""
    person = {
        "pk": participant.pk,
        **{
            name: getattr(participant, name)
            for name in _PARTICIPANT_FIELDS
            if name not in ("pk", "current_document__document_type")
        },
        "current_document__document_type": getattr(
            participant.current_document, "document_type", ""
        ),
    }
    return _rows([person])[0]
