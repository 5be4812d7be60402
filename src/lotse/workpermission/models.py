from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.scoping import ParticipantNetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.participants.models import Participant
from lotse.workpermission.enums import DECISION_CHOICES_LABELLED, FindingValue


def _finding(label: Any) -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(
        label, max_length=8, choices=FindingValue.choices, default=FindingValue.UNKNOWN
    )


def _source() -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Schreiben der ABH vom 03.02.2026”"),
    )


class ResidenceFacts(Versioned):
    """What the rules engine needs beyond the participant and the current residence document.

    Tri-state booleans (null = not known) on purpose: the engine never assumes a fact in the
    person's favour, and "unknown" must stay distinguishable from "no".
    """

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="residence_facts"
    )
    entry_date = models.DateField(_("entry into Germany"), null=True, blank=True)
    asylum_request_date = models.DateField(_("asylum request"), null=True, blank=True)
    asylum_application_date = models.DateField(
        _("formal asylum application"), null=True, blank=True
    )
    asylum_decision = models.CharField(
        _("asylum decision"), max_length=40, choices=DECISION_CHOICES_LABELLED, blank=True
    )
    suspensive_effect_ordered = models.BooleanField(
        _("suspensive effect ordered by a court"), null=True, blank=True
    )
    lives_in_reception_centre = models.BooleanField(
        _("obliged to live in a reception centre"), null=True, blank=True
    )
    duldung_since = models.DateField(_("Duldung since"), null=True, blank=True)
    identity_clarified = models.BooleanField(_("identity clarified"), null=True, blank=True)
    unaccompanied_minor = models.BooleanField(_("unaccompanied minor"), null=True, blank=True)
    has_minor_children = models.BooleanField(_("has minor children"), null=True, blank=True)
    dublin_procedure = models.BooleanField(_("Dublin procedure"), null=True, blank=True)
    employment_since = models.DateField(_("employed since"), null=True, blank=True)
    weekly_hours = models.DecimalField(
        _("weekly working hours"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # [{"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "kind": <legal STAY_KIND_CHOICES>}, ...]
    prior_stays = models.JSONField(_("earlier periods of stay"), default=list, blank=True)

    entered_to_obtain_benefits = _finding(_("entered to obtain benefits"))
    entered_to_obtain_benefits_source = _source()
    removal_obstructed_by_own_fault = _finding(_("removal obstructed by own fault"))
    removal_obstructed_by_own_fault_source = _source()
    removal_measures_imminent = _finding(_("removal measures imminent"))
    removal_measures_imminent_source = _source()

    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = ParticipantNetworkScopedManager()

    class Meta:
        verbose_name = _("residence facts")
        verbose_name_plural = _("residence facts")

    def __str__(self) -> str:
        return f"residence facts of {self.participant_id}"
