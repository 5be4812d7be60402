"""The network's offers over HTTP (`/api/v1/offers`) and a participant's eligibility for all of
them (`/api/v1/participants/{id}/offers/eligibility`).

Behind them the page's form (`forms.OfferForm`: its rules and messages, in the language of
Accept-Language), the page's service (`services.offer_save`: audited, version-checked) and the
page's rules (`offers.add_offer`, `offers.change_offer`): a partner keeps its own offers, the
coordinator keeps all. A PATCH changes only the fields it sends; `version` is the one read,
and an offer saved by someone else since answers 409 with nothing changed.
"""

import datetime
import uuid
from typing import Annotated, Any, Literal

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param

from lotse.api import schemas
from lotse.api.errors import InvalidDataError
from lotse.api.forms_bridge import form_data, form_errors
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.models import FormSubmission
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.network.models import Membership
from lotse.offers import forms, selectors, services
from lotse.offers.enums import OfferKind, OfferStatus
from lotse.offers.models import Offer
from lotse.participants.access import case_for_display

router = Router(tags=["offers"])
MAX_ID = 2**63 - 1
Id: Any = param.Path(..., ge=1, le=MAX_ID)
PER_PAGE = 50
ERRORS: dict[int, Any] = {401: schemas.Message, 403: schemas.Message, 404: schemas.Message}
TimeText = Field(
    None,
    pattern=r"^\d{2}:\d{2}(:\d{2})?$",
    json_schema_extra={"format": "time"},
    examples=["09:00"],
)
DEFAULTED = ("status", "schedule", "mode", "funding")
TRANSLATED = tuple(code for code, _name in forms.TRANSLATED)


class TranslationIn(schemas.StrictIn):
    title: str = Field(max_length=200, pattern=r"^[^\x00]*$")
    description: str = Field("", max_length=5000, pattern=r"^[^\x00]*$")


class OfferFields(schemas.StrictIn):
    """An offer's fields as the offer form has them; codes as in the form's choices."""

    title: str | None = Field(None, max_length=200, pattern=r"^[^\x00]*$")
    kind: str | None = Field(None, description=", ".join(OfferKind.values))
    provider: int | None = Field(
        None, ge=1, le=MAX_ID, description="A partner organisation (a partner: its own)"
    )
    outside_provider: str | None = Field(
        None,
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="Or a provider outside the network (the coordinator only); one of the two",
    )
    description: str | None = Field(None, max_length=5000, pattern=r"^[^\x00]*$")
    translations: dict[Literal["en", "ar", "fa", "uk"], TranslationIn] | None = Field(
        None, description="Title and description in more languages; replaces all of them"
    )
    status: str | None = Field(None, description=", ".join(OfferStatus.values))
    schedule: str | None = Field(None, description="weekly, dates or by_appointment")
    weekdays: list[int] | None = Field(None, description="0 Monday … 6 Sunday")
    starts_at: str | None = TimeText
    ends_at: str | None = TimeText
    start_date: schemas.DateText | None = None
    end_date: schemas.DateText | None = None
    sites: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, description="Ids of the network's sites"
    )
    mode: str | None = Field(None, description="in_person, online or hybrid")
    languages: list[str] | None = Field(None, description="ISO 639 codes it is taught in")
    funding: str | None = Field(None, description="free, voucher or other")
    cost_note: str | None = Field(None, max_length=200, pattern=r"^[^\x00]*$")
    seats: int | None = Field(None, le=2**31 - 1)
    seats_free: int | None = Field(None, le=2**31 - 1)
    seats_updated_on: schemas.DateText | None = None
    waiting_list: bool | None = None
    contact_name: str | None = Field(None, max_length=150, pattern=r"^[^\x00]*$")
    contact_email: str | None = Field(None, max_length=254, pattern=r"^[^\x00]*$")
    contact_phone: str | None = Field(None, max_length=40, pattern=r"^[^\x00]*$")
    documents: list[str] | None = Field(None, description="Residence documents accepted")
    activity: str | None = Field(
        None, description="employment, vocational_training or internship: must be allowed"
    )
    min_age: int | None = Field(None, le=32767)
    max_age: int | None = Field(None, le=32767)
    min_german: str | None = Field(None, description="A1 … C2")
    legal_spheres: list[str] | None = Field(None, description="sgb_ii, sgb_iii, asylblg, none")
    postcodes: list[str] | None = Field(None, description="Postcodes or their first digits")
    qualifications: list[str] | None = None


class OfferIn(OfferFields):
    submission_key: str | None = Field(
        None,
        json_schema_extra={"format": "uuid"},
        description="A fresh UUID per new offer; the same key again saves nothing (409)",
    )


class OfferPatch(OfferFields):
    version: int = Field(ge=1, le=2**31 - 1, description="The version read")


class OfferOut(Schema):
    id: int
    version: int
    public_id: uuid.UUID
    title: str
    kind: str
    provider: schemas.Ref | None
    outside_provider: str
    description: str
    translations: dict[str, dict[str, str]]
    status: str
    schedule: str
    weekdays: list[int]
    starts_at: str | None
    ends_at: str | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    sites: list[schemas.Ref]
    mode: str
    languages: list[str]
    funding: str
    cost_note: str
    seats: int | None
    seats_free: int | None
    seats_updated_on: datetime.date | None
    waiting_list: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    documents: list[str]
    activity: str
    min_age: int | None
    max_age: int | None
    min_german: str
    legal_spheres: list[str]
    postcodes: list[str]
    qualifications: list[str]
    can_change: bool


class OfferPage(Schema):
    count: int
    items: list[OfferOut]


class CheckOut(Schema):
    criterion: str
    met: bool | None
    reason: str


class OfferEligibilityOut(Schema):
    offer: int
    title: str
    verdict: Literal["eligible", "not_eligible", "unknown"]
    checks: list[CheckOut]


def _membership(request: HttpRequest) -> Membership:
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("offers.view_catalogue"):
        raise HttpError(403, _("Your account belongs to no network."))
    return membership


def _time(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _out(request: HttpRequest, offer: Offer) -> dict[str, Any]:
    return {
        **{
            name: getattr(offer, name)
            for name in (
                "id",
                "version",
                "public_id",
                "title",
                "kind",
                "outside_provider",
                "description",
                "translations",
                "status",
                "schedule",
                "weekdays",
                "start_date",
                "end_date",
                "mode",
                "languages",
                "funding",
                "cost_note",
                "seats",
                "seats_free",
                "seats_updated_on",
                "waiting_list",
                "contact_name",
                "contact_email",
                "contact_phone",
                "documents",
                "activity",
                "min_age",
                "max_age",
                "min_german",
                "legal_spheres",
                "postcodes",
                "qualifications",
            )
        },
        "provider": {"id": offer.provider.pk, "name": offer.provider.name}
        if offer.provider
        else None,
        "starts_at": _time(offer.starts_at),
        "ends_at": _time(offer.ends_at),
        "sites": [{"id": s.pk, "name": s.name} for s in offer.sites.all()],
        "can_change": request.user.has_perm("offers.change_offer", offer),
    }


def _form_values(payload: OfferFields, *, sent_only: bool) -> dict[str, Any]:
    """The JSON fields as the offer form's fields (translations and lists as the page has
    them)."""
    values = payload.model_dump(exclude_unset=sent_only, exclude={"version", "submission_key"})
    translations = values.pop("translations", None)
    if translations is not None or not sent_only:
        for code in TRANSLATED:
            text = (translations or {}).get(code) or {}
            values[f"title_{code}"] = text.get("title", "")
            values[f"description_{code}"] = text.get("description", "")
    for name, separator in (("postcodes", " "), ("qualifications", ", ")):
        if values.get(name) is not None:
            values[name] = separator.join(values[name])
    return values


def _saved_values(form: forms.OfferForm) -> dict[str, Any]:
    """What the offer holds now, as its form shows it: the base a PATCH changes."""
    offer = form.instance
    values = {name: form[name].value() for name in form.fields if name not in ("version", "sites")}
    values["sites"] = [site.pk for site in offer.sites.all()]
    return values


def _save(
    request: AuthenticatedHttpRequest,
    membership: Membership,
    offer: Offer,
    values: dict[str, Any],
    *,
    expected_version: int | None,
    submission_key: str | None = None,
) -> Offer:
    own = None if membership.role == Role.COORDINATOR else membership.organisation
    if own is not None and values.get("outside_provider"):
        raise InvalidDataError(
            {"outside_provider": [_("Only the coordinator records providers outside the network.")]}
        )
    network = membership.organisation.network
    form = forms.OfferForm(
        form_data({**values, "version": expected_version}),
        instance=offer,
        network_id=network.pk,
        own_organisation=own,
    )
    if not form.is_valid():
        raise InvalidDataError(form_errors(form))
    try:
        with transaction.atomic():
            if submission_key is not None:
                FormSubmission.objects.create(key=uuid.UUID(submission_key))
            return services.offer_save(
                actor=request.user,
                network=network,
                offer=form.save(commit=False),
                sites=form.cleaned_data["sites"],
                expected_version=form.expected_version,
            )
    except StaleEditError as error:
        raise HttpError(409, error.message) from error
    except IntegrityError as error:
        raise HttpError(
            409, _("This was saved already; it was not saved a second time.")
        ) from error
    except DomainError as error:
        raise InvalidDataError({"__all__": [error.message]}) from error


@router.get(
    "/offers",
    response={200: OfferPage, 422: schemas.ValidationErrors, **ERRORS},
    summary="The network's offers, a page at a time",
    description=f"{PER_PAGE} per page, by title; filters as on the catalogue page. Every member "
    "of the network reads them (offers are network data).",
)
def offer_list(
    request: HttpRequest,
    page: int = param.Query(1, ge=1, le=100_000),
    kind: OfferKind | None = None,
    status: OfferStatus | None = None,
    provider: int | None = param.Query(None, ge=1, le=MAX_ID),
    search: str = param.Query("", max_length=100, pattern=r"^[^\x00]*$"),
) -> Any:
    _membership(request)
    offers = selectors.search(
        selectors.network_offers(request.user),
        text=search,
        kind=kind or "",
        provider=provider,
        status=status or "",
    )
    start = (page - 1) * PER_PAGE
    rows = list(offers.prefetch_related("sites")[start : start + PER_PAGE])
    return {"count": offers.count(), "items": [_out(request, o) for o in rows]}


@router.get(
    "/offers/{offer_id}",
    response={200: OfferOut, 422: schemas.ValidationErrors, **ERRORS},
    summary="One offer of the network",
)
def offer_detail(request: HttpRequest, offer_id: int = Id) -> Any:
    _membership(request)
    offer = selectors.network_offers(request.user).filter(pk=offer_id).first()
    if offer is None:
        raise HttpError(404, _("Not found."))
    return _out(request, offer)


@router.post(
    "/offers",
    response={201: OfferOut, 409: schemas.Message, 422: schemas.ValidationErrors, **ERRORS},
    summary="Add an offer",
    description="For the coordinator (any provider, also one outside the network) and a "
    "partner's counsellors and team lead (their own organisation as the provider). Validated "
    "like the offer form; 422 names each field with its message in the language of "
    "Accept-Language.",
)
def offer_create(request: AuthenticatedHttpRequest, payload: OfferIn) -> Any:
    membership = _membership(request)
    if not request.user.has_perm("offers.add_offer"):
        raise HttpError(403, _("Your role does not keep offers."))
    if payload.submission_key is not None:
        try:
            uuid.UUID(payload.submission_key)
        except ValueError:
            raise InvalidDataError({"submission_key": [_("Enter a valid UUID.")]}) from None
    offer = Offer(network=membership.organisation.network)
    values = _form_values(payload, sent_only=False)
    # What the page's form starts with, for the fields a new offer leaves out.
    for name in DEFAULTED:
        if values.get(name) is None:
            values[name] = Offer._meta.get_field(name).get_default()  # type: ignore[union-attr]
    saved = _save(
        request,
        membership,
        offer,
        values,
        expected_version=None,
        submission_key=payload.submission_key,
    )
    return Status(201, _out(request, selectors.network_offers(request.user).get(pk=saved.pk)))


@router.patch(
    "/offers/{offer_id}",
    response={200: OfferOut, 409: schemas.Message, 422: schemas.ValidationErrors, **ERRORS},
    summary="Change an offer",
    description="Only the fields sent change. `version` is the one read: an offer saved by "
    "someone else since answers 409 and nothing changes. The provider's team and the "
    "coordinator change an offer; anyone else of the network gets 403.",
)
def offer_change(request: AuthenticatedHttpRequest, payload: OfferPatch, offer_id: int = Id) -> Any:
    membership = _membership(request)
    offer = selectors.network_offers(request.user).filter(pk=offer_id).first()
    if offer is None:
        raise HttpError(404, _("Not found."))
    if not request.user.has_perm("offers.change_offer", offer):
        raise HttpError(403, _("Only the provider and the coordinator change this offer."))
    own = None if membership.role == Role.COORDINATOR else membership.organisation
    current = _saved_values(
        forms.OfferForm(instance=offer, network_id=offer.network_id, own_organisation=own)
    )
    values = {**current, **_form_values(payload, sent_only=True)}
    _save(request, membership, offer, values, expected_version=payload.version)
    return _out(request, selectors.network_offers(request.user).get(pk=offer_id))


@router.get(
    "/participants/{participant_id}/offers/eligibility",
    response={200: list[OfferEligibilityOut], 422: schemas.ValidationErrors, **ERRORS},
    summary="Whether a participant may take each offer of the network, with the reasons",
    description="Every offer, eligible first, then unknown, then not eligible; each criterion "
    "met, not met or unknown (null), its reason in the caller's language (German or English). "
    "Roles without case files get 403; a participant you may not see is 404.",
)
def participant_eligibility(request: HttpRequest, participant_id: int = Id) -> Any:
    membership = _membership(request)
    if not request.user.has_perm("participants.run_intake"):
        raise HttpError(403, _("Your role has no access to case files."))
    case = case_for_display(
        request.user,
        participant_id,
        require="participants.view_case",
        action="offers.eligibility.viewed",
        channel="api",
    )
    today = timezone.localdate()
    network_id = membership.organisation.network_id
    answers = selectors.eligibility_in_network(selectors.person_of(case, today), network_id, today)
    german = (getattr(request, "LANGUAGE_CODE", "") or "de").startswith("de")
    order = {"eligible": 0, "unknown": 1, "not_eligible": 2}
    titles = selectors.network_offers(request.user).values_list("pk", "title")
    rows = sorted(
        ((pk, title, answers[pk]) for pk, title in titles if pk in answers),
        key=lambda row: order[str(row[2].verdict)],
    )
    return [
        {
            "offer": pk,
            "title": title,
            "verdict": str(eligibility.verdict),
            "checks": [
                {
                    "criterion": c.criterion,
                    "met": c.met,
                    "reason": c.reason.de if german else c.reason.en,
                }
                for c in eligibility.checks
            ],
        }
        for pk, title, eligibility in rows
    ]
