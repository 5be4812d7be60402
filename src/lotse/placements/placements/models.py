"""Placements (Vermittlungen) and their follow-up (Nachbetreuung): personal data of the case.

A placement names the participant, the employer and, where there was one, the vacancy; the
permission path for this job; and its end. Each placement schedules check-ins (after 1, 3 and
6 months by default: the network's `FollowUpSetting`), each carried by a task of the case so
that it appears in "My tasks" like every other next step.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.placements.placements.enums import (
    DEFAULT_CHECK_IN_MONTHS,
    BaConsent,
    CheckInState,
    EndReason,
    PlacementKind,
    Risk,
)


def _default_months() -> list[int]:
    return list(DEFAULT_CHECK_IN_MONTHS)


class Placement(Versioned):
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="placements"
    )
    # The participant's, copied so that the scope filters a column.
    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PlacementKind.choices)
    title = models.CharField(
        _("job or occupation"), max_length=200, help_text=_("e.g. Fachkraft für Lagerlogistik")
    )
    starts_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    probation_ends_on = models.DateField(_("end of probation"), null=True, blank=True)
    # The permission path for this job.
    permit_applied_on = models.DateField(
        _("permit applied for at the Ausländerbehörde on"), null=True, blank=True
    )
    permit_granted_on = models.DateField(_("permit granted on"), null=True, blank=True)
    permit_refused_on = models.DateField(_("permit refused on"), null=True, blank=True)
    ba_consent = models.CharField(
        _("consent of the Bundesagentur"),
        max_length=12,
        choices=BaConsent.choices,
        blank=True,
        default=BaConsent.UNKNOWN,
    )
    ba_pre_approval_on = models.DateField(
        _("Vorabzustimmung of the Bundesagentur on"), null=True, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for the end"), max_length=20, choices=EndReason.choices, blank=True
    )
    # Set when the case was closed with this placement's outcome (the exit hook).
    linked_to_exit_on = models.DateField(_("linked to the exit on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["participant", "starts_on"]),
            models.Index(fields=["network", "employer"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__isnull=True)
                | models.Q(planned_end_on__gte=models.F("starts_on")),
                name="placement_planned_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("starts_on")),
                name="placement_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} ({self.starts_on})"

    def running_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ended_on is None or self.ended_on >= day)

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class CheckIn(Versioned):
    """One follow-up of a placement: due on a day (its task carries it into "My tasks"), then
    recorded: how it goes, what puts it at risk, what was done."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="check_ins")
    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    task = models.OneToOneField(
        "participants.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_check_in",
    )
    done_on = models.DateField(_("took place on"), null=True, blank=True)
    state = models.CharField(
        _("how it goes"), max_length=10, choices=CheckInState.choices, blank=True
    )
    risks = models.JSONField(_("at risk because of"), default=list, blank=True)
    action = models.TextField(_("what was done"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["network", "done_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.months} ({self.due_on})"

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    @property
    def risk_labels(self) -> str:
        """The risks in words, separated by commas: built here, since an included template per
        risk left a line break before each comma ("Sprache , Wohnen")."""
        labels = dict(Risk.choices)
        return ", ".join(str(labels.get(risk, risk)) for risk in self.risks)


class FollowUpSetting(Versioned):
    """When a network's placements are followed up, in months after the start."""

    network = models.OneToOneField(
        "network.Network", on_delete=models.CASCADE, related_name="placement_follow_up"
    )
    months = models.JSONField(_("check-ins after (months)"), default=_default_months)

    def __str__(self) -> str:
        return f"Follow-up of network {self.network_id}: {self.months}"
