"""Reads of the offer catalogue and the eligibility of a participant for its offers."""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, Q, QuerySet, Sum

from lotse.legal import evaluate
from lotse.legal.model import Activity
from lotse.network.access import membership_of
from lotse.offers.eligibility import Checker, Criteria, Eligibility, LegalSphere, Person
from lotse.offers.enums import OfferStatus
from lotse.offers.models import Catalogue, Offer
from lotse.participants.access import CaseAccess
from lotse.profiles.models import LanguageSkill
from lotse.workpermission.selectors import facts_for, situation_for_participant

GERMAN = "de"
# The languages an offer may describe itself in besides German (`forms.TRANSLATED`).
TRANSLATED_CODES = ("en", "ar", "fa", "uk")


def network_offers(user: User | AnonymousUser) -> QuerySet[Offer]:
    membership = membership_of(user)
    if membership is None:
        return Offer.objects.none()
    return Offer.objects.filter(network_id=membership.organisation.network_id).select_related(
        "provider"
    )


def search(
    offers: QuerySet[Offer],
    *,
    text: str = "",
    kind: str = "",
    provider: int | None = None,
    status: str = "",
) -> QuerySet[Offer]:
    if text:
        # The title in every language the offer has (`translations`): an Arabic reader
        # searches in Arabic.
        in_translations = [
            Q(**{f"translations__{code}__title__icontains": text}) for code in TRANSLATED_CODES
        ]
        offers = offers.filter(
            reduce(
                operator.or_,
                in_translations,
                Q(title__icontains=text)
                | Q(description__icontains=text)
                | Q(outside_provider__icontains=text)
                | Q(provider__name__icontains=text),
            )
        )
    if kind:
        offers = offers.filter(kind=kind)
    if provider:
        offers = offers.filter(provider_id=provider)
    if status:
        offers = offers.filter(status=status)
    return offers


def published_offers() -> QuerySet[Offer]:
    """Active offers of every network that publishes its catalogue."""
    return (
        Offer.objects.filter(
            network__catalogue__public=True,
            status__in=[OfferStatus.ACTIVE, OfferStatus.PAUSED],
        )
        .select_related("provider")
        .prefetch_related("sites__consultation_hours")
    )


def catalogue_is_public(network_id: int) -> bool:
    return Catalogue.objects.filter(network_id=network_id, public=True).exists()


def criteria_of(offer: Offer) -> Criteria:
    return _criteria(
        offer.documents,
        offer.activity,
        offer.min_age,
        offer.max_age,
        offer.min_german,
        offer.legal_spheres,
        offer.postcodes,
        offer.qualifications,
    )


CRITERIA_FIELDS = (
    "documents",
    "activity",
    "min_age",
    "max_age",
    "min_german",
    "legal_spheres",
    "postcodes",
    "qualifications",
)


def _criteria(
    documents: list[str],
    activity: str,
    min_age: int | None,
    max_age: int | None,
    min_german: str,
    legal_spheres: list[str],
    postcodes: list[str],
    qualifications: list[str],
) -> Criteria:
    return Criteria(
        documents=frozenset(documents),
        activity=Activity(activity) if activity else None,
        min_age=min_age,
        max_age=max_age,
        min_german=min_german,
        legal_spheres=frozenset(LegalSphere(s) for s in legal_spheres),
        postcodes=frozenset(postcodes),
        qualifications=frozenset(qualifications),
    )


@dataclass(frozen=True)
class _Catalogue:
    """A network's offers grouped by what they ask: (criteria, start date, offer ids)."""

    fingerprint: tuple[object, ...]
    groups: list[tuple[Criteria, datetime.date | None, list[int]]]


# Per process, per network; a saved, added or removed offer changes the fingerprint.
_CATALOGUES: dict[int, _Catalogue] = {}
_MAX_NETWORKS = 64


def _catalogue(network_id: int) -> _Catalogue:
    offers = Offer.objects.filter(network_id=network_id)
    totals = offers.aggregate(n=Count("pk"), v=Sum("version"), u=Max("updated_at"), m=Max("pk"))
    fingerprint = (totals["n"], totals["v"], totals["u"], totals["m"])
    cached = _CATALOGUES.get(network_id)
    if cached is not None and cached.fingerprint == fingerprint:
        return cached
    grouped: dict[tuple[object, ...], tuple[Criteria, datetime.date | None, list[int]]] = {}
    for pk, start, *values in offers.values_list("pk", "start_date", *CRITERIA_FIELDS):
        key = (start, *(tuple(v) if isinstance(v, list) else v for v in values))
        if key not in grouped:
            grouped[key] = (_criteria(*values), start, [])
        grouped[key][2].append(pk)
    if len(_CATALOGUES) >= _MAX_NETWORKS:
        _CATALOGUES.clear()
    found = _CATALOGUES[network_id] = _Catalogue(fingerprint, list(grouped.values()))
    return found


def eligibility_in_network(
    person: Person, network_id: int, today: datetime.date
) -> dict[int, Eligibility]:
    """The eligibility of one person for every offer of the network, by offer id.

    Offers that ask the same are answered once (`_catalogue`, kept per process until an offer
    changes), each distinct criterion once (`eligibility.Checker`), and what the offers ask is
    read with one small query while nothing changed."""
    checker = Checker(person)
    answers: dict[int, Eligibility] = {}
    for criteria, start, ids in _catalogue(network_id).groups:
        answer = checker(criteria, start or today)
        for pk in ids:
            answers[pk] = answer
    return answers


def person_of(case: CaseAccess, today: datetime.date) -> Person:
    """What eligibility needs to know of a participant, the work-permission answer computed
    once for all offers."""
    participant = case.participant
    situation = situation_for_participant(participant, facts_for(participant), today)
    german = (
        LanguageSkill.objects.filter(participant=participant, language=GERMAN)
        .values_list("level", flat=True)
        .first()
    )
    return Person(
        document=participant.current_document.document_type
        if participant.current_document
        else None,
        activities=evaluate(situation).activities if situation is not None else None,
        birth_date=participant.birth_date,
        birth_year=participant.birth_year,
        german="C2" if german == "native" else german,
        postcode=participant.postcode or None,
    )


@dataclass(frozen=True)
class OfferForPerson:
    offer: Offer
    eligibility: Eligibility


def eligibility_of(
    person: Person, offers: QuerySet[Offer], today: datetime.date, *, network_id: int
) -> list[OfferForPerson]:
    """The offers (of the network `network_id`), each with the person's eligibility."""
    answers = eligibility_in_network(person, network_id, today)
    return [OfferForPerson(offer, answers[offer.pk]) for offer in offers]
