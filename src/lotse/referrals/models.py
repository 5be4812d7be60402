"""Referrals (Weiterleitungen) of a participant to an offer or a partner organisation, or to a
provider outside the network (then a printable letter instead of an inbox entry)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.network.models import Network, Organisation
from lotse.offers.models import Offer
from lotse.participants.models import Participant
from lotse.referrals.enums import CancelReason, DeclineReason, Outcome, ReferralStatus

DEFAULT_ANSWER_WITHIN_DAYS = 10


class ReferralPolicy(Versioned):
    """The network's rule for referrals: unanswered after so many days, a request is overdue
    (flagged in the inbox, and the sender may route it to another provider). Versioned: two
    coordinators changing it at once do not overwrite each other unseen."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="+")
    answer_within_days = models.PositiveSmallIntegerField(
        _("answer within (days)"), default=DEFAULT_ANSWER_WITHIN_DAYS
    )

    def __str__(self) -> str:
        return f"{self.network_id}: {self.answer_within_days}"


class Referral(Versioned):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referrals")
    sender_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    # A partner of the network (the offer's provider, or chosen); empty for an outside provider.
    target_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outside_provider = models.CharField(
        _("provider outside the network"), max_length=200, blank=True
    )
    reason = models.TextField(_("reason"))
    request = models.TextField(_("what is asked"))
    disclosures = models.JSONField(_("passed on"), default=list, blank=True)
    # What the recipient reads before it accepts: copied when the referral is made.
    disclosed = models.JSONField(default=dict, blank=True, editable=False)
    eligibility_verdict = models.CharField(max_length=20, blank=True, editable=False)
    eligibility_reasons = models.JSONField(default=list, blank=True, editable=False)
    ineligible_reason = models.TextField(_("why refer all the same"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REQUESTED
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("answer by"))
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    answer_note = models.TextField(_("note"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(
        _("why cancelled"), max_length=20, choices=CancelReason.choices, blank=True
    )
    cancel_note = models.TextField(_("reason for cancelling"), blank=True)
    rerouted_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="rerouted_to"
    )

    history = HistoricalRecords(excluded_fields=["version"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["target_organisation", "status", "due_on"]),
            models.Index(fields=["sender_organisation", "status", "requested_at"]),
            models.Index(fields=["participant", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_organisation__isnull=False)
                | ~models.Q(outside_provider=""),
                name="referral_has_a_recipient",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="referral_declined_with_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | ~models.Q(outcome=""),
                name="referral_completed_with_outcome",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="referral_cancelled_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.recipient_name}"

    @property
    def recipient_name(self) -> str:
        if self.target_organisation_id and self.target_organisation:
            return self.target_organisation.name
        return self.outside_provider

    @property
    def is_outside(self) -> bool:
        return self.target_organisation_id is None
