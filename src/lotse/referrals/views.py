"""Referral pages: refer a person, the referral's page with the answers each side may give, and
the letter for a provider outside the network."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record, audit_record_many
from lotse.core.downloads import download
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.network.access import membership_of
from lotse.network.models import Organisation
from lotse.offers.eligibility import check
from lotse.offers.selectors import criteria_of, person_of
from lotse.participants.access import CaseAccess, case_for_request
from lotse.referrals import forms, letter, selectors, services
from lotse.referrals.enums import ACTIVE, OPEN, ReferralStatus
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
    missing: Organisation | None = None
    offer_field: Any = form.fields["offer"]
    offer = offer_field.queryset.filter(pk=offer_id).first() if offer_id else None
    if offer is not None:
        today = timezone.localdate()
        eligibility = check(criteria_of(offer), person_of(case, today), offer.start_date or today)
        if offer.provider is not None and not selectors.has_referral_consent(
            case.participant.pk, offer.provider_id or 0, today
        ):
            missing = offer.provider  # said before the counsellor fills in the form
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
        except services.MissingConsentError as error:
            missing = error.organisation
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
            "missing_consent": missing,
            "consent_url": _consent_url(request, case, missing) if missing else "",
        },
    )


def _consent_url(
    request: AuthenticatedHttpRequest, case: CaseAccess, organisation: Organisation
) -> str:
    """The consent form, filled in for a referral to `organisation`, which comes back here
    (with the offer chosen) once the consent is recorded."""
    back = reverse("referrals:create", args=[case.participant.pk])
    offer_id = _offer_id(request)
    if offer_id is not None:
        back += "?" + urlencode({"offer": offer_id})
    query = urlencode({"purpose": "referral", "organisation": organisation.pk, "next": back})
    return reverse("participants:consent_add", args=[case.participant.pk]) + "?" + query


def _show(request: AuthenticatedHttpRequest, pk: int) -> ReferralAccess:
    return selectors.referral_for_user(request.user, pk)


def _actions(access: ReferralAccess) -> dict[str, Any]:
    referral = access.referral
    status = referral.status
    recipient = access.side == Side.RECIPIENT
    sender = access.side == Side.SENDER
    network_id = referral.network_id
    exclude = [referral.sender_organisation_id, referral.target_organisation_id or 0]
    started = referral.started_on is not None and status in (
        ReferralStatus.IN_PROGRESS,
        ReferralStatus.COMPLETED,
    )
    return {
        "correct_start": forms.StartForm(
            version=referral.version, initial={"started_on": referral.started_on}
        )
        if recipient and started
        else None,
        "outcome": forms.OutsideOutcomeForm(version=referral.version)
        if sender and referral.is_outside and status in OPEN
        else None,
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
        "cancel": sender and status in OPEN,
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
            # Nobody outside the network answers in Lotse: no answer date, never overdue.
            "overdue": referral.status == ReferralStatus.REQUESTED
            and not referral.is_outside
            and referral.due_on < timezone.localdate(),
            "actions": actions,
            "successors": selectors.successors_of(referral) if access.side == Side.SENDER else [],
        },
    )


@login_required
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render(request, _show(request, pk))


ACTIONS = ("accept", "decline", "start", "correct_start", "complete", "outcome", "reroute")
# Lazy: read in the language of the request that shows it, not of the import.
DONE = {
    "accept": gettext_lazy("You accepted the referral. The case is open to your organisation now."),
    "decline": gettext_lazy("You declined the referral."),
    "start": gettext_lazy("The start was recorded."),
    "correct_start": gettext_lazy("The start was corrected."),
    "complete": gettext_lazy("The outcome was recorded."),
    "outcome": gettext_lazy("The outcome was recorded."),
    "reroute": gettext_lazy("The referral was sent to the other organisation."),
}


@login_required
@require_POST
def act(request: AuthenticatedHttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    access = _show(request, pk)
    referral = access.referral
    form: Any
    if action == "accept":
        form = forms.AnswerForm(request.POST)
    elif action == "decline":
        form = forms.DeclineForm(request.POST)
    elif action in ("start", "correct_start"):
        form = forms.StartForm(request.POST)
    elif action == "complete":
        form = forms.CompleteForm(request.POST)
    elif action == "outcome":
        form = forms.OutsideOutcomeForm(request.POST)
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
        elif action == "correct_start":
            result = services.referral_start_correct(
                actor=actor,
                referral=referral,
                started_on=data["started_on"],
                expected_version=version,
            )
        elif action == "outcome":
            result = services.referral_record_outcome(
                actor=actor,
                referral=referral,
                outcome=data["outcome"],
                on=data["on"],
                note=data["note"],
                expected_version=version,
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
@require_http_methods(["GET", "POST"])
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The sender's cancellation, on a page of its own: what it ends, and a reason the
    recipient reads."""
    access = _show(request, pk)
    referral = access.referral
    if access.side != Side.SENDER:
        raise Http404
    form = forms.CancelForm(request.POST or None, version=referral.version)
    if request.method == "POST" and form.is_valid():
        if form.expected_version is None:
            form.add_error(None, _("The page was out of date; please look at the referral again."))
        else:
            try:
                services.referral_cancel(
                    actor=request.user,
                    referral=referral,
                    note=form.cleaned_data["note"],
                    expected_version=form.expected_version,
                )
            except StaleEditError:
                messages.error(
                    request,
                    _(
                        "Someone else changed this referral after you opened the page; nothing "
                        "was saved. Here is its state now."
                    ),
                )
                return redirect("referrals:detail", pk)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The referral was cancelled."))
                return redirect("referrals:detail", pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="referrals.referral.viewed",
            obj=referral,
            participant_id=referral.participant_id,
            detail={"side": access.side.value, "page": "cancel"},
        )
    return render(
        request,
        "referrals/cancel.html",
        {"referral": referral, "form": form, "open": referral.status in OPEN},
    )


def _coordinator_or_sender(request: AuthenticatedHttpRequest) -> tuple[int | None, int]:
    """(the sending organisation, the network) for a case role; (None, network) for the
    coordinator, who sees the network's requests without names; otherwise 404."""
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    if request.user.has_perm("network.manage_network"):
        return None, membership.organisation.network_id
    if not request.user.has_perm("referrals.use_referrals"):
        raise Http404
    return membership.organisation_id, membership.organisation.network_id


@login_required
@require_GET
def unanswered(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Requests that wait for an answer, the overdue ones first: for the sending organisation
    (which can send one elsewhere from its page) and for the coordinator."""
    organisation_id, network_id = _coordinator_or_sender(request)
    rows = selectors.unanswered_rows(organisation_id, network_id, UNANSWERED_SHOWN)
    if organisation_id is not None and rows:
        audit_record_many(
            actor=request.user,
            action="referrals.referral.listed",
            participant_ids=[r["participant_id"] for r in rows],
        )
    today = timezone.localdate()
    for row in rows:
        row["overdue"] = row["due_on"] < today
    return render(
        request,
        "referrals/overdue.html",
        {
            "rows": rows,
            "overdue": sum(1 for r in rows if r["overdue"]),
            "names": organisation_id is not None,
            "days": selectors.answer_within_days(network_id),
        },
    )


UNANSWERED_SHOWN = 200


@login_required
@permission_required("network.manage_network", raise_exception=True)
@require_http_methods(["GET", "POST"])
def policy(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's setting: within how many days a partner answers a referral."""
    membership = membership_of(request.user)
    assert membership is not None
    network_id = membership.organisation.network_id
    current = selectors.policy_of(network_id)
    form = forms.PolicyForm(
        request.POST or None,
        version=current.version if current else None,
        initial={"answer_within_days": selectors.answer_within_days(network_id)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_policy_set(
                actor=request.user,
                network_id=network_id,
                answer_within_days=form.cleaned_data["answer_within_days"],
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The setting was saved."))
            return redirect("referrals:settings")
    return render(request, "referrals/settings.html", {"form": form})


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
    return download(pdf, "application/pdf", f"Weiterleitung-{access.referral.pk}.pdf", inline=True)
