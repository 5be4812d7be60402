"""Reads of the offer catalogue and the eligibility of a participant for its offers."""

import datetime
import operator
import time
from dataclasses import dataclass
from functools import reduce

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum

from lotse.legal import evaluate
from lotse.legal.model import Activity
from lotse.network.access import membership_of
from lotse.offers.eligibility import (
    Criteria,
    Eligibility,
    LegalSphere,
    Person,
    Prepared,
    Verdict,
)
from lotse.offers.enums import OfferStatus
from lotse.offers.models import Catalogue, Offer
from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.profiles.models import LanguageSkill
from lotse.workpermission.selectors import FACT_FIELDS, build_situation

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
        # A semi-join on the published catalogues, not a join through the network.
        Offer.objects.filter(
            network_id__in=Catalogue.objects.filter(public=True).values("network_id"),
            status__in=[OfferStatus.ACTIVE, OfferStatus.PAUSED],
        )
        .select_related("provider")
        .prefetch_related("sites__consultation_hours")
    )


def published_fingerprint() -> tuple[object, ...]:
    """Changes whenever the public catalogue would: an offer saved (its `updated_at` and
    version), added, removed, or a catalogue published or withdrawn (the count and the sum of
    the networks' ids of the published offers)."""
    totals = (
        published_offers()
        .select_related(None)
        .prefetch_related(None)
        .aggregate(n=Count("*"), v=Sum("version"), u=Max("updated_at"), networks=Sum("network_id"))
    )
    return (totals["n"], totals["v"], totals["u"], totals["networks"])


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


@dataclass
class _Catalogue:
    """A network's offers prepared for eligibility: the criteria of each distinct (criteria,
    start date) once (`eligibility.Prepared`), and the offers that ask it."""

    fingerprint: tuple[object, ...]
    prepared: Prepared
    offer_ids: list[list[int]]
    checked_at: float  # time.monotonic() of the last fingerprint read


# Per process, per network. A saved offer drops its network's entry at once in the process
# that saved it (`forget_catalogue`); other processes read the fingerprint again at most
# FRESH_SECONDS later: one query saved on every eligibility question in between, for a
# catalogue at most two seconds old in another worker.
_CATALOGUES: dict[int, _Catalogue] = {}
_MAX_NETWORKS = 64
FRESH_SECONDS = 2.0


def forget_catalogue(network_id: int) -> None:
    _CATALOGUES.pop(network_id, None)


def _catalogue(network_id: int) -> _Catalogue:
    cached = _CATALOGUES.get(network_id)
    now = time.monotonic()
    if cached is not None and now - cached.checked_at < FRESH_SECONDS:
        return cached
    offers = Offer.objects.filter(network_id=network_id)
    # Every save moves `updated_at` (auto_now) and the version; an added or removed offer the
    # count. One aggregate over an index that holds all three (`offer_catalogue_fingerprint`).
    totals = offers.aggregate(n=Count("*"), v=Sum("version"), u=Max("updated_at"))
    fingerprint = (totals["n"], totals["v"], totals["u"])
    if cached is not None and cached.fingerprint == fingerprint:
        cached.checked_at = now
        return cached
    grouped: dict[tuple[object, ...], tuple[Criteria, datetime.date | None, list[int]]] = {}
    for pk, start, *values in offers.values_list("pk", "start_date", *CRITERIA_FIELDS):
        key = (start, *(tuple(v) if isinstance(v, list) else v for v in values))
        if key not in grouped:
            grouped[key] = (_criteria(*values), start, [])
        grouped[key][2].append(pk)
    if len(_CATALOGUES) >= _MAX_NETWORKS:
        _CATALOGUES.clear()
    groups = list(grouped.values())
    found = _CATALOGUES[network_id] = _Catalogue(
        fingerprint,
        Prepared((criteria, start) for criteria, start, _ids in groups),
        [ids for _criteria_, _start, ids in groups],
        now,
    )
    return found


def eligibility_in_network(
    person: Person, network_id: int, today: datetime.date
) -> dict[int, Eligibility]:
    """The eligibility of one person for every offer of the network, by offer id.

    Offers that ask the same are answered once, each distinct criterion value once
    (`eligibility.Prepared`, kept per process until an offer changes), and what the offers
    ask is read with one small aggregate query while nothing changed."""
    catalogue = _catalogue(network_id)
    answers: dict[int, Eligibility] = {}
    for answer, ids in zip(
        catalogue.prepared.answers(person, today), catalogue.offer_ids, strict=True
    ):
        for pk in ids:
            answers[pk] = answer
    return answers


_DOCUMENT_FIELDS = ("document_type", "section", "valid_until", "annotation")


def person_of(case: CaseAccess, today: datetime.date) -> Person:
    """What eligibility needs to know of a participant, the work-permission answer computed
    once for all offers.

    One query: the current document, the residence facts and the level of German as columns
    of the participant's row (as the deadline radar reads them), so that the engine's input is
    the page's (`build_situation`) without a query per part."""
    participant = case.participant
    german_level = LanguageSkill.objects.filter(participant=OuterRef("pk"), language=GERMAN).values(
        "level"
    )[:1]
    row = (
        Participant.objects.filter(pk=participant.pk)
        .values(
            "residence_facts__pk",
            *(f"current_document__{name}" for name in _DOCUMENT_FIELDS),
            *(f"residence_facts__{name}" for name in FACT_FIELDS),
            german=Subquery(german_level),
        )
        .get()
    )
    document = row["current_document__document_type"]
    activities = None
    if document:
        facts = (
            None
            if row["residence_facts__pk"] is None
            else {name: row[f"residence_facts__{name}"] for name in FACT_FIELDS}
        )
        situation = build_situation(
            reference_date=today,
            document_type=document,
            section=row["current_document__section"],
            valid_until=row["current_document__valid_until"],
            annotation=row["current_document__annotation"],
            nationality=participant.nationality,
            birth_date=participant.birth_date,
            facts=facts,
        )
        activities = evaluate(situation).activities
    german = row["german"]
    return Person(
        document=document or None,
        activities=activities,
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


# What a row of the logged-in catalogue shows (`offers/catalogue.html`): not the descriptions,
# translations, schedules or criteria of fifty offers.
ROW_FIELDS = (
    "pk",
    "network_id",
    "title",
    "kind",
    "status",
    "start_date",
    "end_date",
    "seats",
    "seats_free",
    "seats_updated_on",
    "waiting_list",
    "provider_id",
    "outside_provider",
    "provider__name",
)

# Eligible first, then unknown, then not eligible; within each the catalogue's order.
_VERDICT_ORDER = {Verdict.ELIGIBLE: 0, Verdict.UNKNOWN: 1, Verdict.NOT_ELIGIBLE: 2}


def catalogue_rows(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """The offers as the catalogue lists them, in a stable order (title, then id)."""
    return offers.select_related("provider").only(*ROW_FIELDS).order_by("title", "pk")


def ids_by_eligibility(offers: QuerySet[Offer], answers: dict[int, Eligibility]) -> list[int]:
    """The ids of the (searched) offers, eligible first, then unknown, then not eligible, each
    group in the catalogue's order: one query for the ids alone, the verdicts from the
    prepared catalogue, so that a page reads only its own offers."""
    ids = offers.order_by("title", "pk").values_list("pk", flat=True)
    # `sorted` is stable: the catalogue's order within each verdict. An offer added in another
    # process in the last `FRESH_SECONDS` has no answer yet; it shows on a later request.
    return sorted(
        (pk for pk in ids if pk in answers),
        key=lambda pk: _VERDICT_ORDER[answers[pk].verdict],
    )


def rows_for_person(ids: list[int], answers: dict[int, Eligibility]) -> list[OfferForPerson]:
    """A page's offers (`ids`, in this order), each with the person's eligibility."""
    found = catalogue_rows(Offer.objects.filter(pk__in=ids)).in_bulk()
    return [OfferForPerson(found[pk], answers[pk]) for pk in ids if pk in found]
