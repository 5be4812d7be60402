"""Reads of the offer catalogue and the eligibility of a participant for its offers."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from lotse.legal import evaluate
from lotse.legal.model import Activity
from lotse.network.access import membership_of
from lotse.offers.eligibility import Criteria, Eligibility, LegalSphere, Person, check
from lotse.offers.enums import OfferStatus
from lotse.offers.models import Catalogue, Offer
from lotse.participants.access import CaseAccess
from lotse.profiles.models import LanguageSkill
from lotse.workpermission.selectors import facts_for, situation_for_participant

GERMAN = "de"


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
        offers = offers.filter(
            Q(title__icontains=text)
            | Q(description__icontains=text)
            | Q(outside_provider__icontains=text)
            | Q(provider__name__icontains=text)
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
    return Criteria(
        documents=frozenset(offer.documents),
        activity=Activity(offer.activity) if offer.activity else None,
        min_age=offer.min_age,
        max_age=offer.max_age,
        min_german=offer.min_german,
        legal_spheres=frozenset(LegalSphere(s) for s in offer.legal_spheres),
        postcodes=frozenset(offer.postcodes),
        qualifications=frozenset(offer.qualifications),
    )


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
        german="C2" if german == "native" else german,
        postcode=participant.postcode or None,
    )


@dataclass(frozen=True)
class OfferForPerson:
    offer: Offer
    eligibility: Eligibility


def eligibility_of(
    person: Person, offers: QuerySet[Offer], today: datetime.date
) -> list[OfferForPerson]:
    return [
        OfferForPerson(offer, check(criteria_of(offer), person, offer.start_date or today))
        for offer in offers
    ]
