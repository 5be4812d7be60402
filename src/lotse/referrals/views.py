"""Referral pages: refer a person, the referral's page with the answers each side may give, and
the letter for a provider outside the network."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.offers.eligibility import check
from lotse.offers.selectors import criteria_of, person_of
from lotse.participants.access import case_for_request
from lotse.referrals import forms, letter, selectors, services
from lotse.referrals.enums import ACTIVE, ReferralStatus
from lotse.referrals.selectors import ReferralAccess, Side


def _offer_id(request: AuthenticatedHttpRequest) -> int | None:
    value = request.GET.get("offer", "") or request.POST.get("offer", "")
    return int(value) if value.isdigit() else None


@login_required
@require_http_methods(["GET", "POST"])
def create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Weiterleiten": from the participant page, or from an offer in the catalogue opened for
    the person (`?offer=`)."""
    case = case_for_request(
        request, pk, require="referrals.refer", action="referrals.referral.form_viewed"
    )
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("participants:detail", pk)
    initial = {}
    offer_id = _offer_id(request)
    if offer_id is not None:
        initial["offer"] = offer_id
    form = forms.ReferralForm(
        request.POST or None,
        initial=initial,
        network_id=case.participant.network_id,
        own_organisation_id=case.organisation_id,
    )
    eligibility = None
    offer_field: Any = form.fields["offer"]
    offer = offer_field.queryset.filter(pk=offer_id).first() if offer_id else None
    if offer is not None:
        today = timezone.localdate()
        eligibility = check(criteria_of(offer), person_of(case, today), offer.start_date or today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("participants:detail", pk)
                referral = services.referral_create(
                    actor=request.user,
                    case=case,
                    offer=data["offer"],
                    target_organisation=data["target_organisation"],
                    outside_provider=data["outside_provider"],
                    reason=data["reason"],
                    request=data["request"],
                    disclosures=data["disclosures"],
                    ineligible_reason=data["ineligible_reason"],
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The referral was sent.")
                if not referral.is_outside
                else _("The referral was recorded. Print the letter for the person."),
            )
            return redirect("referrals:detail", referral.pk)
    return render(
        request,
        "referrals/create.html",
        {
            "form": form,
            "case": case,
            "participant": case.participant,
            "offer": offer,
            "eligibility": eligibility,
        },
    )


def _show(request: AuthenticatedHttpRequest, pk: int) -> ReferralAccess:
    return selectors.referral_for_user(request.user, pk)


def _actions(access: ReferralAccess) -> dict[str, Any]:
    referral = access.referral
    status = referral.status
    recipient = access.side == Side.RECIPIENT
    sender = access.side == Side.SENDER
    network_id = referral.network_id
    exclude = [referral.sender_organisation_id, referral.target_organisation_id or 0]
    return {
        "accept": forms.AnswerForm(version=referral.version)
        if recipient and status == ReferralStatus.REQUESTED and access.consent_valid
        else None,
        "decline": forms.DeclineForm(version=referral.version)
        if recipient and status == ReferralStatus.REQUESTED
        else None,
        "start": forms.StartForm(version=referral.version)
        if recipient and status == ReferralStatus.ACCEPTED
        else None,
        "complete": forms.CompleteForm(version=referral.version)
        if recipient and status in ACTIVE
        else None,
        "cancel": forms.AnswerForm(version=referral.version)
        if sender and status in (ReferralStatus.REQUESTED, *ACTIVE)
        else None,
        "reroute": forms.RerouteForm(
            version=referral.version, network_id=network_id, exclude=exclude
        )
        if sender
        and not referral.is_outside
        and status in (ReferralStatus.REQUESTED, ReferralStatus.DECLINED)
        else None,
    }


def _render(
    request: AuthenticatedHttpRequest, access: ReferralAccess, **forms_: Any
) -> HttpResponse:
    actions = {**_actions(access), **forms_}
    referral = access.referral
    # The page names the person (also when a refused answer shows it again): audited each time.
    audit_record(
        actor=request.user,
        action="referrals.referral.viewed",
        obj=referral,
        participant_id=referral.participant_id,
        detail={"side": access.side.value},
    )
    return render(
        request,
        "referrals/detail.html",
        {
            "access": access,
            "referral": referral,
            "disclosed": selectors.disclosed_lines(referral)
            if access.recipient_reads_disclosed
            else None,
            "overdue": referral.status == ReferralStatus.REQUESTED
            and referral.due_on < timezone.localdate(),
            "actions": actions,
        },
    )


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render(request, _show(request, pk))


ACTIONS = ("accept", "decline", "start", "complete", "cancel", "reroute")
DONE = {
    "accept": _("You accepted the referral. The case is open to your organisation now."),
    "decline": _("You declined the referral."),
    "start": _("The start was recorded."),
    "complete": _("The outcome was recorded."),
    "cancel": _("The referral was cancelled."),
    "reroute": _("The referral was sent to the other organisation."),
}


@login_required
@require_POST
def act(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    access = _show(request, pk)
    referral = access.referral
    form: Any
    if action in ("accept", "cancel"):
        form = forms.AnswerForm(request.POST)
    elif action == "decline":
        form = forms.DeclineForm(request.POST)
    elif action == "start":
        form = forms.StartForm(request.POST)
    elif action == "complete":
        form = forms.CompleteForm(request.POST)
    else:
        form = forms.RerouteForm(
            request.POST,
            network_id=referral.network_id,
            exclude=[referral.sender_organisation_id, referral.target_organisation_id or 0],
        )
    if not form.is_valid():
        return _render(request, access, **{action: form})
    if form.expected_version is None:
        form.add_error(None, _("The page was out of date; please look at the referral again."))
        return _render(request, access, **{action: form})
    data = form.cleaned_data
    version = form.expected_version
    actor = request.user
    try:
        result = referral
        if action == "accept":
            result = services.referral_accept(
                actor=actor, referral=referral, expected_version=version
            )
        elif action == "decline":
            result = services.referral_decline(
                actor=actor,
                referral=referral,
                reason=data["reason"],
                note=data["note"],
                expected_version=version,
            )
        elif action == "start":
            result = services.referral_start(
                actor=actor,
                referral=referral,
                started_on=data["started_on"],
                expected_version=version,
            )
        elif action == "complete":
            result = services.referral_complete(
                actor=actor,
                referral=referral,
                outcome=data["outcome"],
                completed_on=data["completed_on"],
                note=data["note"],
                expected_version=version,
            )
        elif action == "cancel":
            result = services.referral_cancel(
                actor=actor, referral=referral, expected_version=version
            )
        else:
            case = case_for_request(request, referral.participant_id, require="referrals.refer")
            result = services.referral_reroute(
                actor=actor,
                case=case,
                referral=referral,
                target_organisation=data["target_organisation"],
                expected_version=version,
            )
    except StaleEditError:
        messages.error(
            request,
            _(
                "Someone else changed this referral after you opened the page; nothing was saved. "
                "Here is its state now."
            ),
        )
        return redirect("referrals:detail", pk)
    except DomainError as error:
        form.add_error(None, error.message)
        access = selectors.referral_for_user(request.user, pk)
        return _render(request, access, **{action: form})
    messages.success(request, DONE[action])
    if action == "complete" and access.side == Side.RECIPIENT:
        return redirect("inbox:page")
    return redirect("referrals:detail", result.pk)


@login_required
@require_GET
def letter_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The referral letter for a provider outside the network, in German and the person's
    language, which the person takes there: nothing is sent through Lotse."""
    access = selectors.referral_for_user(request.user, pk)
    if access.side != Side.SENDER or not access.referral.is_outside:
        raise Http404
    audit_record(
        actor=request.user,
        action="referrals.letter.printed",
        obj=access.referral,
        participant_id=access.referral.participant_id,
    )
    pdf = letter.render_letter(access.referral)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="weiterleitung-{access.referral.pk}.pdf"'
    return response
