"""Referrals over HTTP (`/api/v1/`): create, answer, read one, list the inbox; and the
eligibility of a participant for an offer. The same selectors and services as the pages:
the consent gate, the closed loop and the stale-version check hold here too."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param

from lotse.api import schemas
from lotse.api.errors import InvalidDataError
from lotse.audit.services import audit_record, audit_record_many
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.inbox.registry import ROWS_PER_SOURCE
from lotse.network.access import membership_of
from lotse.network.models import Membership, Organisation
from lotse.offers.eligibility import check
from lotse.offers.models import Offer
from lotse.offers.selectors import criteria_of, network_offers, person_of
from lotse.participants.access import case_for_display, participant_for_user
from lotse.referrals import selectors, services
from lotse.referrals.enums import DeclineReason, Disclosure, Outcome, ReferralStatus
from lotse.referrals.models import Referral
from lotse.referrals.selectors import ReferralAccess

router = Router(tags=["referrals"])
MAX_ID = 2**63 - 1
Id: Any = param.Path(..., ge=1, le=MAX_ID)
ERRORS: dict[int, Any] = {401: schemas.Message, 403: schemas.Message, 404: schemas.Message}
Text = Field(max_length=5000, pattern=r"^[^\x00]*$")


class ReferralIn(schemas.StrictIn):
    """One of `offer`, `organisation` or `outside_provider`."""

    offer: int | None = Field(None, ge=1, le=MAX_ID, description="An offer of the catalogue")
    organisation: int | None = Field(None, ge=1, le=MAX_ID, description="A partner organisation")
    outside_provider: str = Field("", max_length=200, pattern=r"^[^\x00]*$")
    reason: str = Field(min_length=1, max_length=5000, pattern=r"^[^\x00]*\S[^\x00]*$")
    request: str = Field(min_length=1, max_length=5000, pattern=r"^[^\x00]*\S[^\x00]*$")
    disclosures: list[Literal["languages", "residence", "birth_date"]] = Field(
        default_factory=list, description="What else to pass on besides name and contact data"
    )
    ineligible_reason: str = Field("", max_length=5000, pattern=r"^[^\x00]*$")


class AnswerIn(schemas.StrictIn):
    action: Literal["accept", "decline", "start", "complete", "cancel"]
    version: int = Field(ge=1, le=2**31 - 1, strict=False, description="The version read")
    reason: Literal["no_capacity", "not_eligible", "person_declined", "other"] | None = None
    note: str = Field("", max_length=5000, pattern=r"^[^\x00]*$")
    outcome: (
        Literal["started", "finished", "dropped_out", "no_show", "qualification_gained"] | None
    ) = None
    date: schemas.DateText | None = Field(
        None, description="Start or completion; today if left out"
    )


class ReferralOut(Schema):
    id: int
    version: int
    status: str
    side: Literal["sender", "recipient"]
    participant_id: int | None = Field(description="Only once the case is open to the caller")
    offer: schemas.Ref | None
    sender_organisation: schemas.Ref
    target_organisation: schemas.Ref | None
    outside_provider: str
    disclosed: dict[str, Any] | None = Field(
        description="What the referral passes on; null without a valid consent"
    )
    reason: str | None
    request: str | None
    eligibility_verdict: str
    requested_at: datetime.datetime
    due_on: datetime.date
    overdue: bool
    decline_reason: str
    answer_note: str
    started_on: datetime.date | None
    completed_on: datetime.date | None
    outcome: str


class InboxOut(Schema):
    incoming: list[ReferralOut]
    outgoing: list[ReferralOut]


class CheckOut(Schema):
    criterion: str
    met: bool | None
    reason: str


class EligibilityOut(Schema):
    offer: int
    participant: int
    verdict: str
    checks: list[CheckOut]


def _membership(request: HttpRequest) -> Membership:
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("referrals.use_referrals"):
        raise HttpError(403, _("Your role has no access to case files."))
    return membership


def _ref(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, "name", None) or getattr(obj, "title", "")}


def _out(access: ReferralAccess) -> dict[str, Any]:
    r = access.referral
    reads = access.recipient_reads_disclosed
    case_open = access.side == "sender" or r.status in (
        ReferralStatus.ACCEPTED,
        ReferralStatus.IN_PROGRESS,
    )
    return {
        "id": r.pk,
        "version": r.version,
        "status": r.status,
        "side": access.side.value,
        "participant_id": r.participant_id if reads and case_open else None,
        "offer": _ref(r.offer),
        "sender_organisation": _ref(r.sender_organisation),
        "target_organisation": _ref(r.target_organisation),
        "outside_provider": r.outside_provider,
        "disclosed": r.disclosed if reads else None,
        "reason": r.reason if reads else None,
        "request": r.request if reads else None,
        "eligibility_verdict": r.eligibility_verdict,
        "requested_at": r.requested_at,
        "due_on": r.due_on,
        "overdue": r.status == ReferralStatus.REQUESTED
        and not r.is_outside
        and r.due_on < timezone.localdate(),
        "decline_reason": r.decline_reason,
        "answer_note": r.answer_note,
        "started_on": r.started_on,
        "completed_on": r.completed_on,
        "outcome": r.outcome,
    }


def _audited(request: HttpRequest, access: ReferralAccess) -> dict[str, Any]:
    audit_record(
        actor=request.user,
        action="referrals.referral.viewed",
        obj=access.referral,
        participant_id=access.referral.participant_id,
        detail={"side": access.side.value, "api": True},
    )
    return _out(access)


@router.post(
    "/participants/{participant_id}/referrals",
    response={201: ReferralOut, 422: schemas.ValidationErrors, **ERRORS},
    summary="Refer a participant",
    description="To an offer, a partner organisation (needs a valid consent for referrals "
    "covering it, else 422) or a provider outside the network. Referring a person the offer's "
    "rules exclude needs `ineligible_reason`.",
)
def referral_create(
    request: AuthenticatedHttpRequest, payload: ReferralIn, participant_id: int = Id
) -> Any:
    membership = _membership(request)
    case = participant_for_user(request.user, participant_id, require="referrals.refer")
    network_id = membership.organisation.network_id
    chosen = [payload.offer, payload.organisation, payload.outside_provider.strip() or None]
    if sum(value is not None for value in chosen) != 1:
        raise InvalidDataError(
            {
                "__all__": [
                    _("Choose only one: an offer, a partner organisation or an outside provider.")
                ]
            }
        )
    offer = organisation = None
    if payload.offer is not None:
        offer = network_offers(request.user).filter(pk=payload.offer).first()
        if offer is None:
            raise InvalidDataError({"offer": [_("Not found.")]})
    if payload.organisation is not None:
        organisation = Organisation.objects.filter(
            pk=payload.organisation, network_id=network_id
        ).first()
        if organisation is None:
            raise InvalidDataError({"organisation": [_("Not found.")]})
    try:
        referral = services.referral_create(
            actor=request.user,
            case=case,
            offer=offer,
            target_organisation=organisation,
            outside_provider=payload.outside_provider,
            reason=payload.reason,
            request=payload.request,
            disclosures=[Disclosure(d) for d in payload.disclosures],
            ineligible_reason=payload.ineligible_reason,
        )
    except DomainError as error:
        raise InvalidDataError({"__all__": [error.message]}) from error
    return Status(201, _out(selectors.referral_for_user(request.user, referral.pk)))


@router.get(
    "/referrals/inbox",
    response={200: InboxOut, **ERRORS},
    summary="The organisation's referrals waiting or under way",
    description="Incoming ones (to answer first, earliest due first) and outgoing ones, each "
    f"at most {ROWS_PER_SOURCE}.",
)
def referral_inbox(request: AuthenticatedHttpRequest) -> Any:
    membership = _membership(request)
    org = membership.organisation_id
    incoming = selectors.incoming_open(org)[:ROWS_PER_SOURCE]
    outgoing = selectors.outgoing_open(org)[:ROWS_PER_SOURCE]
    accesses = [selectors.access_of(r, membership) for r in [*incoming, *outgoing]]
    audit_record_many(
        actor=request.user,
        action="referrals.referral.listed",
        participant_ids=[a.referral.participant_id for a in accesses],
    )
    return {
        "incoming": [_out(a) for a in accesses if a.side == "recipient"],
        "outgoing": [_out(a) for a in accesses if a.side == "sender"],
    }


@router.get(
    "/referrals/{referral_id}",
    response={200: ReferralOut, **ERRORS},
    summary="One referral, as the sender or the recipient sees it",
)
def referral_detail(request: AuthenticatedHttpRequest, referral_id: int = Id) -> Any:
    _membership(request)
    return _audited(request, selectors.referral_for_user(request.user, referral_id))


@router.post(
    "/referrals/{referral_id}/answer",
    response={200: ReferralOut, 409: schemas.Message, 422: schemas.ValidationErrors, **ERRORS},
    summary="Answer a referral, record its start or outcome, or cancel it",
    description="`accept`, `decline` (with `reason`; `note` for other), `start` and `complete` "
    "(with `outcome`) are the recipient's, `cancel` (with `note`, the reason) the sender's; a "
    "start lies not in the future. `version` is the one read: a "
    "referral changed since, answered already or cancelled answers 409 and nothing changes.",
)
def referral_answer(
    request: AuthenticatedHttpRequest, payload: AnswerIn, referral_id: int = Id
) -> Any:
    _membership(request)
    access = selectors.referral_for_user(request.user, referral_id)
    referral: Referral = access.referral
    day = datetime.date.fromisoformat(payload.date) if payload.date else timezone.localdate()
    actor = request.user
    version = payload.version
    try:
        if payload.action == "accept":
            services.referral_accept(actor=actor, referral=referral, expected_version=version)
        elif payload.action == "decline":
            if payload.reason is None:
                raise InvalidDataError({"reason": [_("Choose why you decline the referral.")]})
            services.referral_decline(
                actor=actor,
                referral=referral,
                reason=DeclineReason(payload.reason),
                note=payload.note,
                expected_version=version,
            )
        elif payload.action == "start":
            services.referral_start(
                actor=actor, referral=referral, started_on=day, expected_version=version
            )
        elif payload.action == "complete":
            if payload.outcome is None:
                raise InvalidDataError({"outcome": [_("Choose what came of the referral.")]})
            services.referral_complete(
                actor=actor,
                referral=referral,
                outcome=Outcome(payload.outcome),
                completed_on=day,
                note=payload.note,
                expected_version=version,
            )
        else:
            if not payload.note.strip():
                raise InvalidDataError({"note": [_("Say why you cancel the referral.")]})
            services.referral_cancel(
                actor=actor, referral=referral, note=payload.note, expected_version=version
            )
    except (StaleEditError, DomainError) as error:
        raise HttpError(409, error.message) from error
    return _out(selectors.referral_for_user(request.user, referral_id))


@router.get(
    "/participants/{participant_id}/offers/{offer_id}/eligibility",
    response={200: EligibilityOut, **ERRORS},
    summary="Whether a participant may take an offer, with the reasons",
    description="Each criterion met, not met or unknown (null), in the caller's language.",
)
def offer_eligibility(
    request: AuthenticatedHttpRequest, participant_id: int = Id, offer_id: int = Id
) -> Any:
    _membership(request)
    case = case_for_display(
        request.user,
        participant_id,
        require="participants.view_case",
        action="offers.eligibility.viewed",
        offer=offer_id,
        api=True,
    )
    offer: Offer | None = network_offers(request.user).filter(pk=offer_id).first()
    if offer is None:
        raise HttpError(404, _("Not found."))
    today = timezone.localdate()
    result = check(criteria_of(offer), person_of(case, today), offer.start_date or today)
    german = (request.LANGUAGE_CODE or "de").startswith("de")
    return {
        "offer": offer.pk,
        "participant": case.participant.pk,
        "verdict": str(result.verdict),
        "checks": [
            {
                "criterion": c.criterion,
                "met": c.met,
                "reason": c.reason.de if german else c.reason.en,
            }
            for c in result.checks
        ],
    }
