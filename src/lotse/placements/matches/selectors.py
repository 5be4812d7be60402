"""Reads for matching: people and vacancies as plain rows, one query per table however many.

People are read only through what the access functions hand out (`CaseAccess`,
`visible_participants`), except the anonymous profiles of other organisations' participants,
which this module reads itself and only where a valid consent to contact with employers covers
the asking organisation: level, languages, experience and availability, never who the person is.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from lotse.employers.enums import VacancyStatus
from lotse.employers.models import Vacancy
from lotse.legal import evaluate
from lotse.network.access import membership_of
from lotse.network.models import Organisation
from lotse.offers.eligibility import Verdict
from lotse.offers.enums import OfferKind, OfferStatus
from lotse.offers.models import Offer
from lotse.offers.selectors import eligibility_in_network, person_of
from lotse.participants.access import CaseAccess, visible_participants
from lotse.participants.enums import ConsentPurpose, ParticipantStatus
from lotse.participants.models import Consent, Participant
from lotse.placements import matching
from lotse.placements.geo.selectors import places_with_towns
from lotse.placements.match_rows import VACANCY_FIELDS, person_row, vacancy_row
from lotse.placements.matches.models import NewMatch
from lotse.placements.matching import Exclusion, Match, PersonRow, Ranking, VacancyRow
from lotse.profiles.models import (
    DesiredOccupation,
    LanguageSkill,
    Recognition,
    Resources,
    WorkExperience,
)
from lotse.workpermission.selectors import FACT_FIELDS, build_situation

TOP = 20
EXCLUDED_SHOWN = 20

_PERSON_FIELDS = (
    "pk",
    "nationality",
    "birth_date",
    "postcode",
    "city",
    "current_document__document_type",
    "current_document__section",
    "current_document__valid_until",
    "current_document__annotation",
    "residence_facts__pk",
    *(f"residence_facts__{name}" for name in FACT_FIELDS),
)
_FACTS_AT = _PERSON_FIELDS.index("residence_facts__pk")


# --- vacancies ------------------------------------------------------------------------------------


def network_vacancies(user: User) -> QuerySet[Vacancy]:
    membership = membership_of(user)
    if membership is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(network_id=membership.organisation.network_id)


def open_vacancies(user: User) -> QuerySet[Vacancy]:
    return network_vacancies(user).filter(status=VacancyStatus.OPEN)


def vacancy_rows(vacancies: QuerySet[Vacancy], today: datetime.date) -> list[VacancyRow]:
    values = list(vacancies.values(*VACANCY_FIELDS).order_by())
    places = places_with_towns((v["postcode"], v["city"]) for v in values)
    return [vacancy_row(v, places, today) for v in values]


# --- people ---------------------------------------------------------------------------------------


def person_rows(participants: QuerySet[Participant], today: datetime.date) -> dict[int, PersonRow]:
    """Matching's view of each participant; the work-permission engine runs once per person."""
    rows = list(participants.values_list(*_PERSON_FIELDS).order_by())
    ids = [row[0] for row in rows]
    if not ids:
        return {}
    resources = {
        r["participant_id"]: r
        for r in Resources.objects.filter(participant_id__in=ids).values(
            "participant_id", "driving_licences", "hours_per_week", "shift_work"
        )
    }
    languages = _by_participant(
        LanguageSkill.objects.filter(participant_id__in=ids).values(
            "participant_id", "language", "level"
        )
    )
    experience = _by_participant(
        WorkExperience.objects.filter(participant_id__in=ids).values(
            "participant_id", "kldb_code", "label", "started_on", "ended_on"
        )
    )
    desired = _by_participant(
        DesiredOccupation.objects.filter(participant_id__in=ids).values(
            "participant_id", "kldb_code", "label"
        )
    )
    recognitions = _by_participant(
        Recognition.objects.filter(participant_id__in=ids)
        .exclude(reference_kldb_code="")
        .values(
            "participant_id", "reference_kldb_code", "reference_label", "qualification", "result"
        )
    )
    places = places_with_towns((row[3], row[4]) for row in rows)
    people = {}
    for row in rows:
        pk = row[0]
        evaluation = None
        if row[5]:
            facts = None
            if row[_FACTS_AT] is not None:
                facts = dict(zip(FACT_FIELDS, row[_FACTS_AT + 1 :], strict=True))
            evaluation = evaluate(
                build_situation(
                    reference_date=today,
                    document_type=row[5],
                    section=row[6],
                    valid_until=row[7],
                    annotation=row[8],
                    nationality=row[1],
                    birth_date=row[2],
                    facts=facts,
                )
            )
        people[pk] = person_row(
            pk,
            evaluation=evaluation,
            postcode=row[3],
            city=row[4],
            places=places,
            resources=resources.get(pk),
            languages=languages[pk],
            experience=experience[pk],
            desired=desired[pk],
            recognitions=recognitions[pk],
            today=today,
        )
    return people


def _by_participant(
    rows: Iterable[Mapping[str, Any]],
) -> defaultdict[int, list[Mapping[str, Any]]]:
    grouped: defaultdict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["participant_id"]].append(row)
    return grouped


# --- a participant's vacancies --------------------------------------------------------------------


@dataclass(frozen=True)
class VacancyMatches:
    ranking: Ranking
    vacancies: dict[int, Vacancy]

    @property
    def matches(self) -> list[tuple[Match, Vacancy]]:
        return [(m, self.vacancies[m.vacancy_id]) for m in self.ranking.matches]

    @property
    def excluded(self) -> list[tuple[Exclusion, Vacancy]]:
        return [(e, self.vacancies[e.vacancy_id]) for e in self.ranking.excluded]


def vacancy_matches(
    case: CaseAccess,
    today: datetime.date,
    *,
    limit: int = TOP,
    excluded_limit: int = EXCLUDED_SHOWN,
) -> VacancyMatches:
    """The open vacancies of the network ranked for the participant, with the excluded ones
    (nearby, or closed by the law) and why."""
    person = person_rows(Participant.objects.filter(pk=case.participant.pk), today)[
        case.participant.pk
    ]
    vacancies = open_vacancies(case.user)
    index = matching.VacancyIndex(vacancy_rows(vacancies, today))
    ranking = index.match(person, today=today, limit=limit, excluded_limit=excluded_limit)
    shown = [m.vacancy_id for m in ranking.matches] + [e.vacancy_id for e in ranking.excluded]
    objects = vacancies.filter(pk__in=shown).select_related("employer").in_bulk()
    return VacancyMatches(ranking, objects)


# --- a vacancy's candidates -----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    match: Match
    participant: Participant


@dataclass(frozen=True)
class ExcludedCandidate:
    exclusion: Exclusion
    participant: Participant


@dataclass(frozen=True)
class AnonymousProfile:
    """What another organisation learns of a candidate: no name, no file number, no id."""

    match: Match
    participant_id: int  # for the audit log only; never shown
    german: str
    languages: tuple[tuple[str, str], ...]
    experience: tuple[tuple[str, str, int], ...]  # label, KldB code, months
    hours: int | None
    organisation: str
    counsellor_name: str
    counsellor_email: str
    organisation_phone: str


@dataclass(frozen=True)
class Candidates:
    visible: list[Candidate]
    excluded: list[ExcludedCandidate]
    anonymous: list[AnonymousProfile]


def _active(participants: QuerySet[Participant]) -> QuerySet[Participant]:
    return participants.exclude(status=ParticipantStatus.EXITED)


def consenting_elsewhere(user: User, today: datetime.date) -> QuerySet[Participant]:
    """Participants of the other organisations of the network whose valid consent to contact
    with employers covers the user's organisation: they may appear as anonymous profiles."""
    membership = membership_of(user)
    if membership is None:
        return Participant.objects.none()
    consents = Consent.objects.filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        purpose=ConsentPurpose.EMPLOYER_CONTACT,
        organisations=membership.organisation_id,
        given_on__lte=today,
    ).values("participant_id")
    return _active(
        Participant.objects.filter(pk__in=consents).exclude(
            organisation_id=membership.organisation_id
        )
    )


def candidates_for(user: User, vacancy: Vacancy, today: datetime.date) -> Candidates:
    row = vacancy_rows(Vacancy.objects.filter(pk=vacancy.pk), today)[0]
    visible_qs = _active(visible_participants(user))
    people = person_rows(visible_qs, today)
    matches, excluded = matching.candidates(row, people.values(), today=today)
    shown = [m.person_id for m in matches] + [e.person_id for e in excluded[:EXCLUDED_SHOWN]]
    participants = visible_qs.filter(pk__in=shown).select_related("counsellor").in_bulk()
    elsewhere_qs = consenting_elsewhere(user, today).exclude(pk__in=list(people))
    others = person_rows(elsewhere_qs, today)
    other_matches, _ = matching.candidates(row, others.values(), today=today)
    contacts = (
        elsewhere_qs.filter(pk__in=[m.person_id for m in other_matches])
        .select_related("counsellor", "organisation")
        .in_bulk()
    )
    return Candidates(
        visible=[Candidate(m, participants[m.person_id]) for m in matches],
        excluded=[
            ExcludedCandidate(e, participants[e.person_id]) for e in excluded[:EXCLUDED_SHOWN]
        ],
        anonymous=[
            _anonymous(m, others[m.person_id], contacts[m.person_id]) for m in other_matches
        ],
    )


def _anonymous(match: Match, person: PersonRow, participant: Participant) -> AnonymousProfile:
    counsellor = participant.counsellor
    organisation = participant.organisation
    return AnonymousProfile(
        match=match,
        participant_id=participant.pk,
        german=person.german or "",
        languages=tuple(sorted(person.languages.items())),
        experience=tuple((e.label, e.kldb, e.months) for e in person.experience),
        hours=person.hours,
        organisation=organisation.name,
        counsellor_name=counsellor.get_full_name() if counsellor else "",
        counsellor_email=counsellor.email if counsellor else organisation.contact_email,
        organisation_phone=organisation.contact_phone,
    )


# --- new matches ----------------------------------------------------------------------------------


def any_new_match_waiting(user: User) -> bool:
    """Whether anything waits for the user at all: one probe of the index on (counsellor,
    seen_on), before the visible participants are worked out. Most counsellors have nothing
    waiting most of the time, and the inbox asks on every view and every badge. (A count kept
    in the cache would save this query too, but the matches are written by the task worker,
    another process, and the cache is per process: it could not be forgotten there.)"""
    return NewMatch.objects.filter(counsellor=user, seen_on__isnull=True).exists()


def new_matches_waiting(user: User, limit: int) -> list[NewMatch]:
    """The new matches of the user's participants not yet looked at, best first, only of
    participants the user (still) sees."""
    if not any_new_match_waiting(user):
        return []
    return list(
        NewMatch.objects.filter(
            counsellor=user,
            seen_on__isnull=True,
            participant__in=visible_participants(user),
        )
        .select_related("participant", "vacancy", "vacancy__employer")
        .order_by("-found_on", "-score", "pk")[:limit]
    )


def new_matches_count(user: User) -> int:
    if not any_new_match_waiting(user):
        return 0
    return NewMatch.objects.filter(
        counsellor=user, seen_on__isnull=True, participant__in=visible_participants(user)
    ).count()


def new_matches_export(participant: Participant) -> dict[str, Any]:
    """The section's part of the subject-access export (Art. 15 GDPR)."""
    rows = NewMatch.objects.filter(participant=participant).values(
        "vacancy__title", "vacancy__employer__name", "score", "found_on", "seen_on"
    )
    return {
        "new_matches": [
            {
                "vacancy": row["vacancy__title"],
                "employer": row["vacancy__employer__name"],
                "score": row["score"],
                "found_on": row["found_on"].isoformat(),
                "seen_on": row["seen_on"].isoformat() if row["seen_on"] else None,
            }
            for row in rows
        ]
    }


def with_new_matches(organisation: Organisation, limit: int) -> list[Participant]:
    """The organisation's first participants (with a counsellor) who have new matches: the
    demo picks them for consents to contact with employers."""
    matched = NewMatch.objects.filter(participant__organisation=organisation).values(
        "participant_id"
    )
    return list(
        Participant.objects.filter(organisation=organisation, pk__in=matched)
        .exclude(counsellor=None)
        .select_related("counsellor")
        .order_by("pk")[:limit]
    )


# --- offers to prepare --------------------------------------------------------------------------

LANGUAGE_COURSES = (
    OfferKind.INTEGRATION_COURSE,
    OfferKind.JOB_LANGUAGE_COURSE,
    OfferKind.LANGUAGE_COURSE,
)
PREPARING_SHOWN = 5


@dataclass(frozen=True)
class OffersToPrepare:
    """Language courses of the network the person may attend, for the vacancies that only
    their German keeps closed. Offers record no level they lead to, so the page says what is
    missing and that the course is open to the person, not that it reaches the level."""

    vacancies: list[Vacancy]
    needed: str  # the highest level those vacancies ask
    has: str | None
    offers: list[Offer]


def offers_to_prepare(
    case: CaseAccess, found: VacancyMatches, today: datetime.date
) -> OffersToPrepare | None:
    gaps = [
        vacancy
        for exclusion, vacancy in found.excluded
        if {reason.code for reason in exclusion.reasons} == {matching.Filter.GERMAN}
    ]
    if not gaps:
        return None
    person = person_of(case, today)
    answers = eligibility_in_network(person, case.participant.network_id, today)
    courses = (
        Offer.objects.filter(
            network_id=case.participant.network_id,
            status=OfferStatus.ACTIVE,
            kind__in=LANGUAGE_COURSES,
        )
        .select_related("provider")
        .order_by("title", "pk")
    )
    eligible = [
        offer
        for offer in courses
        if offer.pk in answers and answers[offer.pk].verdict is Verdict.ELIGIBLE
    ]
    if not eligible:
        return None
    needed = max((v.min_german for v in gaps), key=matching.cefr_rank)
    return OffersToPrepare(gaps, needed, person.german, eligible[:PREPARING_SHOWN])
