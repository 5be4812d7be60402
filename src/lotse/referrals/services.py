"""Writes of referrals: audited, keyword-only, each in one transaction, stale answers refused.

The status moves only along the closed loop (`enums.ReferralStatus`); every change locks the row
and checks its status under the lock, so a second answer (a double click, two colleagues at
once, an answer after the sender cancelled) is refused with a message and changes nothing."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.versioning import lock_existing
from lotse.inbox.services import notify
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Membership, Organisation
from lotse.offers.eligibility import Verdict, check
from lotse.offers.models import Offer
from lotse.offers.selectors import criteria_of, person_of
from lotse.participants.access import CaseAccess
from lotse.participants.models import Consent, Participant
from lotse.participants.sections import ErasureReport, erase_rows
from lotse.profiles.models import LanguageSkill
from lotse.referrals.enums import (
    ACTIVE,
    OPEN,
    CancelReason,
    DeclineReason,
    Disclosure,
    Outcome,
    ReferralStatus,
)
from lotse.referrals.models import Referral, ReferralPolicy
from lotse.referrals.selectors import (
    Side,
    answer_within_days,
    has_referral_consent,
    referrals_ended_by_revoking,
)

INCOMING = "referrals.incoming"


class MissingConsentError(DomainError):
    """No valid consent for referrals covers the organisation: the page offers to record it."""

    def __init__(self, organisation: Organisation) -> None:
        super().__init__(
            _(
                "No valid consent of the person covers a referral to %(organisation)s. "
                "Record the consent for the purpose “referral to an offer” for this "
                "organisation first; nothing was passed on."
            )
            % {"organisation": organisation.name}
        )
        self.organisation = organisation


def _disclosed(case: CaseAccess, disclosures: Iterable[str]) -> dict[str, Any]:
    """What the recipient reads before it accepts: name and contact data always, the rest as
    the sender chose. Copied now: a later edit of the case does not reach the recipient."""
    participant = case.participant
    data: dict[str, Any] = {
        "name": f"{participant.first_names} {participant.last_name}",
        "phone": participant.phone,
        "email": participant.email,
        "preferred_language": participant.preferred_language,
    }
    chosen = set(disclosures)
    if Disclosure.LANGUAGES in chosen:
        data["languages"] = [
            {"language": language, "level": level}
            for language, level in LanguageSkill.objects.filter(
                participant=participant
            ).values_list("language", "level")
        ]
    if Disclosure.RESIDENCE in chosen and participant.current_document is not None:
        document = participant.current_document
        data["residence"] = {
            "document_type": document.document_type,
            "section": document.section,
            "valid_until": document.valid_until.isoformat() if document.valid_until else None,
        }
    if Disclosure.BIRTH_DATE in chosen and participant.birth_date:
        data["birth_date"] = participant.birth_date.isoformat()
    return data


def _recipients(organisation_id: int) -> list[int]:
    return list(
        Membership.objects.filter(
            organisation_id=organisation_id, role__in=CASE_ROLES, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def _eligibility(
    case: CaseAccess, offer: Offer, today: datetime.date
) -> tuple[str, list[dict[str, Any]]]:
    """The verdict at referral time, with what was not met or unknown (kept in both languages
    of the interface, as the engine words it)."""
    result = check(criteria_of(offer), person_of(case, today), offer.start_date or today)
    reasons = [{"met": c.met, **c.reason.to_json()} for c in result.checks if c.met is not True]
    return str(result.verdict), reasons


@transaction.atomic
def referral_create(
    *,
    actor: User,
    case: CaseAccess,
    offer: Offer | None = None,
    target_organisation: Organisation | None = None,
    outside_provider: str = "",
    reason: str,
    request: str,
    disclosures: Iterable[str] = (),
    ineligible_reason: str = "",
    rerouted_from: Referral | None = None,
) -> Referral:
    """Refer the case's participant to an offer, a partner organisation or a provider outside
    the network. Passing data to a partner needs a valid consent for referrals covering it;
    referring a person the offer's rules exclude needs a stated reason."""
    if not case.allows("referrals.refer"):
        raise DomainError(_("Only the organisation that keeps the case can refer the person."))
    network_id = case.participant.network_id
    today = timezone.localdate()
    if offer is not None:
        if offer.network_id != network_id:
            raise DomainError(_("This offer belongs to another network."))
        target_organisation = offer.provider
        outside_provider = "" if offer.provider_id else offer.outside_provider
    if target_organisation is not None:
        if target_organisation.network_id != network_id:
            raise DomainError(_("This organisation belongs to another network."))
        if target_organisation.pk == case.organisation_id:
            raise DomainError(_("A referral goes to another organisation, not to your own."))
        outside_provider = ""
        if not has_referral_consent(case.participant.pk, target_organisation.pk, today):
            raise MissingConsentError(target_organisation)
    elif not outside_provider.strip():
        raise DomainError(_("Choose an offer, a partner organisation or an outside provider."))
    verdict, reasons = "", []  # type: tuple[str, list[dict[str, Any]]]
    if offer is not None:
        verdict, reasons = _eligibility(case, offer, today)
        if verdict == Verdict.NOT_ELIGIBLE and not ineligible_reason.strip():
            raise DomainError(
                _("The offer's rules exclude the person. State why you refer them all the same.")
            )
    days = answer_within_days(network_id)
    referral = Referral.objects.create(
        network_id=network_id,
        participant=case.participant,
        sender_organisation_id=case.organisation_id,
        sender=actor,
        offer=offer,
        target_organisation=target_organisation,
        outside_provider=outside_provider.strip(),
        reason=reason,
        request=request,
        disclosures=sorted(set(disclosures)),
        disclosed=_disclosed(case, disclosures),
        eligibility_verdict=verdict,
        eligibility_reasons=reasons,
        ineligible_reason=ineligible_reason if verdict == Verdict.NOT_ELIGIBLE else "",
        due_on=today + datetime.timedelta(days=days),
        rerouted_from=rerouted_from,
    )
    audit_record(
        actor=actor,
        action="referrals.referral.created",
        obj=referral,
        participant_id=case.participant.pk,
        detail={
            "organisation": target_organisation.pk if target_organisation else None,
            "disclosed": referral.disclosures,
        },
    )
    if target_organisation is not None:
        notify(recipients=_recipients(target_organisation.pk), kind=INCOMING)
    return referral


def _locked(referral: Referral, expected_version: int | None) -> Referral:
    return lock_existing(
        Referral.objects.filter(pk=referral.pk).select_related("participant"),
        expected_version=expected_version,
    )


def _refuse_unless(locked: Referral, *allowed: str) -> None:
    if locked.status in allowed:
        return
    if locked.status == ReferralStatus.CANCELLED:
        raise DomainError(
            _("The sender has cancelled this referral; it can no longer be answered.")
        )
    if locked.status == ReferralStatus.REQUESTED:
        raise DomainError(_("This referral has not been accepted yet."))
    raise DomainError(
        _("This referral was answered already (now: %(status)s); nothing was changed.")
        % {"status": locked.get_status_display()}
    )


def _organisation_of(actor: User) -> int | None:
    membership = membership_of(actor)
    return membership.organisation_id if membership and membership.role in CASE_ROLES else None


def _check_side(actor: User, referral: Referral, side: Side) -> None:
    if side == Side.RECIPIENT:
        if _organisation_of(actor) != referral.target_organisation_id:
            raise DomainError(_("Only the receiving organisation can answer this referral."))
    elif _organisation_of(actor) != referral.sender_organisation_id:
        raise DomainError(_("Only the sending organisation can change this referral."))


def _changed(actor: User, referral: Referral, action: str, **detail: Any) -> Referral:
    referral.save()
    audit_record(
        actor=actor,
        action=f"referrals.referral.{action}",
        obj=referral,
        participant_id=referral.participant_id,
        detail={"status": referral.status, **detail},
    )
    return referral


@transaction.atomic
def referral_accept(*, actor: User, referral: Referral, expected_version: int | None) -> Referral:
    """The recipient takes the person on: from now on it works on the case (the kernel's
    `referral` access), while a referral consent covers it."""
    _check_side(actor, referral, Side.RECIPIENT)
    locked = _locked(referral, expected_version)
    _refuse_unless(locked, ReferralStatus.REQUESTED)
    if not has_referral_consent(
        locked.participant_id, locked.target_organisation_id or 0, timezone.localdate()
    ):
        raise DomainError(
            _("The person's consent for this referral is no longer valid; it cannot be accepted.")
        )
    locked.status = ReferralStatus.ACCEPTED
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    return _changed(actor, locked, "accepted")


@transaction.atomic
def referral_decline(
    *,
    actor: User,
    referral: Referral,
    reason: str,
    note: str = "",
    expected_version: int | None,
) -> Referral:
    _check_side(actor, referral, Side.RECIPIENT)
    if reason not in DeclineReason.values:
        raise DomainError(_("Choose why you decline the referral."))
    if reason == DeclineReason.OTHER and not note.strip():
        raise DomainError(_("Say in a note why you decline the referral."))
    locked = _locked(referral, expected_version)
    _refuse_unless(locked, ReferralStatus.REQUESTED)
    locked.status = ReferralStatus.DECLINED
    locked.decline_reason = reason
    locked.answer_note = note
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    return _changed(actor, locked, "declined", reason=reason)


def _check_start(locked: Referral, started_on: datetime.date) -> None:
    if started_on > timezone.localdate():
        raise DomainError(_("The start cannot lie in the future; record it once it happened."))
    if started_on < timezone.localdate(locked.requested_at):
        raise DomainError(_("The start cannot lie before the referral was made."))
    if locked.completed_on and started_on > locked.completed_on:
        raise DomainError(_("The start cannot lie after the end."))


@transaction.atomic
def referral_start(
    *, actor: User, referral: Referral, started_on: datetime.date, expected_version: int | None
) -> Referral:
    """The person started (the course began, the counselling took place): a day that has come,
    not a plan. A start recorded already is corrected (`referral_start_correct`)."""
    _check_side(actor, referral, Side.RECIPIENT)
    locked = _locked(referral, expected_version)
    _refuse_unless(locked, ReferralStatus.ACCEPTED)
    _check_start(locked, started_on)
    locked.status = ReferralStatus.IN_PROGRESS
    locked.started_on = started_on
    return _changed(actor, locked, "started")


@transaction.atomic
def referral_start_correct(
    *, actor: User, referral: Referral, started_on: datetime.date, expected_version: int | None
) -> Referral:
    """Correct the recorded start (a typing error, a later first day): the status stays, the
    old day is kept in the audit event and the history."""
    _check_side(actor, referral, Side.RECIPIENT)
    locked = _locked(referral, expected_version)
    if locked.started_on is None or locked.status not in (
        ReferralStatus.IN_PROGRESS,
        ReferralStatus.COMPLETED,
    ):
        raise DomainError(_("No start has been recorded for this referral yet."))
    _check_start(locked, started_on)
    before = locked.started_on
    locked.started_on = started_on
    return _changed(
        actor,
        locked,
        "start_corrected",
        started_on=started_on.isoformat(),
        was=before.isoformat(),
    )


@transaction.atomic
def referral_complete(
    *,
    actor: User,
    referral: Referral,
    outcome: str,
    completed_on: datetime.date,
    note: str = "",
    expected_version: int | None,
) -> Referral:
    """What came of it: the recipient's access to the case ends with it."""
    _check_side(actor, referral, Side.RECIPIENT)
    if outcome not in Outcome.values:
        raise DomainError(_("Choose what came of the referral."))
    if completed_on > timezone.localdate():
        raise DomainError(_("The date cannot lie in the future."))
    locked = _locked(referral, expected_version)
    _refuse_unless(locked, *ACTIVE)
    if locked.started_on and completed_on < locked.started_on:
        raise DomainError(_("The end cannot lie before the start."))
    locked.status = ReferralStatus.COMPLETED
    locked.outcome = outcome
    locked.completed_on = completed_on
    if locked.started_on is None and outcome != Outcome.NO_SHOW:
        locked.started_on = completed_on
    if note:
        locked.answer_note = note
    return _changed(actor, locked, "completed", outcome=outcome)


def _cancel(actor: User, locked: Referral, reason: str, note: str = "") -> Referral:
    if locked.status not in OPEN:
        raise DomainError(
            _("This referral is closed already (now: %(status)s); nothing was changed.")
            % {"status": locked.get_status_display()}
        )
    locked.status = ReferralStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = reason
    locked.cancel_note = note
    return _changed(actor, locked, "cancelled", reason=reason)


@transaction.atomic
def referral_cancel(
    *, actor: User, referral: Referral, note: str, expected_version: int | None
) -> Referral:
    """The sender withdraws an open referral, saying why; the recipient's access ends with it."""
    _check_side(actor, referral, Side.SENDER)
    if not note.strip():
        raise DomainError(_("Say why you cancel the referral."))
    locked = _locked(referral, expected_version)
    return _cancel(actor, locked, CancelReason.WITHDRAWN, note.strip())


@transaction.atomic
def referral_record_outcome(
    *,
    actor: User,
    referral: Referral,
    outcome: str,
    on: datetime.date,
    note: str = "",
    expected_version: int | None,
) -> Referral:
    """For a provider outside the network nobody answers in Lotse: the sender records what the
    person reports. "Started" keeps the referral open (in progress); any other outcome closes
    it. The outcome is the same data the reporting reads for referrals inside the network."""
    _check_side(actor, referral, Side.SENDER)
    if outcome not in Outcome.values:
        raise DomainError(_("Choose what came of the referral."))
    locked = _locked(referral, expected_version)
    if not locked.is_outside:
        raise DomainError(_("The receiving organisation records what came of this referral."))
    if locked.status not in OPEN:
        raise DomainError(
            _("This referral is closed already (now: %(status)s); nothing was changed.")
            % {"status": locked.get_status_display()}
        )
    if on > timezone.localdate():
        raise DomainError(_("The date cannot lie in the future."))
    if on < timezone.localdate(locked.requested_at):
        raise DomainError(_("The date cannot lie before the referral was made."))
    if outcome == Outcome.STARTED:
        if locked.status == ReferralStatus.IN_PROGRESS:
            raise DomainError(_("The start was recorded already."))
        locked.status = ReferralStatus.IN_PROGRESS
        locked.started_on = on
    else:
        if locked.started_on and on < locked.started_on:
            raise DomainError(_("The end cannot lie before the start."))
        locked.status = ReferralStatus.COMPLETED
        locked.outcome = outcome
        locked.completed_on = on
        if locked.started_on is None and outcome != Outcome.NO_SHOW:
            locked.started_on = on
    if note:
        locked.answer_note = note
    return _changed(actor, locked, "outcome_recorded", outcome=outcome)


def referrals_revocation_note(consent: Consent) -> str:
    """For the revoke confirmation: how many open referrals revoking `consent` cancels."""
    count = len(referrals_ended_by_revoking(consent))
    if not count:
        return ""
    return ngettext(
        "%(count)s referral will be cancelled, and its recipient loses access to the case.",
        "%(count)s referrals will be cancelled, and their recipients lose access to the case.",
        count,
    ) % {"count": count}


def referrals_on_revocation(actor: User, consent: Consent) -> None:
    """The kernel's revocation effect (registered with the referral grant): the open referrals
    only this consent covered are cancelled ("consent revoked"), which ends the recipients'
    access; runs inside `consent_revoke`'s transaction."""
    for referral in referrals_ended_by_revoking(consent):
        # The version just read: a referral answered in the same moment refuses the revocation
        # (StaleEditError), which the counsellor repeats, rather than being cancelled unseen.
        _cancel(actor, _locked(referral, referral.version), CancelReason.CONSENT_REVOKED)


@transaction.atomic
def referral_reroute(
    *,
    actor: User,
    case: CaseAccess,
    referral: Referral,
    target_organisation: Organisation,
    expected_version: int | None,
) -> Referral:
    """Send an unanswered (or declined) referral to another provider: the old one is cancelled
    if still open, the new one carries the same reason, request and disclosures."""
    _check_side(actor, referral, Side.SENDER)
    locked = _locked(referral, expected_version)
    if locked.status not in (ReferralStatus.REQUESTED, ReferralStatus.DECLINED):
        raise DomainError(_("Only a referral not yet accepted can be sent elsewhere."))
    if locked.status == ReferralStatus.REQUESTED:
        _cancel(actor, locked, CancelReason.REROUTED)
    return referral_create(
        actor=actor,
        case=case,
        target_organisation=target_organisation,
        reason=locked.reason,
        request=locked.request,
        disclosures=locked.disclosures,
        rerouted_from=locked,
    )


@transaction.atomic
def referral_policy_set(
    *, actor: User, network_id: int, answer_within_days: int, expected_version: int | None
) -> ReferralPolicy:
    """The network's answer time for referrals (the coordinator's): requests made from now on
    are due that many days later; those made before keep their day."""
    if not 1 <= answer_within_days <= 90:
        raise DomainError(_("Choose between 1 and 90 days."))
    if expected_version is None:
        policy, created = ReferralPolicy.objects.get_or_create(network_id=network_id)
        if not created:
            # Someone saved the first setting while this form was open.
            raise StaleEditError(current_version=policy.version)
    else:
        policy = lock_existing(
            ReferralPolicy.objects.filter(network_id=network_id),
            expected_version=expected_version,
        )
    before = policy.answer_within_days
    policy.answer_within_days = answer_within_days
    policy.save()
    audit_record(
        actor=actor,
        action="referrals.policy.changed",
        obj=policy,
        detail={"answer_within_days": answer_within_days, "was": before},
    )
    return policy


def referrals_erase(participant: Participant) -> ErasureReport:
    """The referrals of a person erased (GDPR Art. 17), with their history; run only inside
    `participant_erase`, which is atomic and audited."""
    return erase_rows(Referral, participant=participant)
