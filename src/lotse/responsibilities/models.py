"""Who is responsible for which step of the network's path (Zuständigkeiten): network data.

The coordinator describes the path a person typically takes through the network as ordered
`PathStep`s, and per step which organisation is responsible for which group of people
(`Responsibility`). A group is described by the same criteria an offer's eligibility uses
(legal sphere, residence document, age, postcodes), so that "who is responsible for this
person?" is answered by `offers.eligibility.check`, with the same honesty about what is unknown.
No personal data: the map may be published.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.versioning import Versioned
from lotse.offers.enums import LegalSphere
from lotse.participants.enums import DocumentType


class PathStep(Versioned):
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(
        _("position"), help_text=_("Steps are shown in this order, lowest first.")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ("position", "pk")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="path_step_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Responsibility(Versioned):
    """One row of the map: for the people of a group, this step is this organisation's."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(
        PathStep, on_delete=models.CASCADE, related_name="responsibilities", verbose_name=_("step")
    )
    # The group of people; every empty criterion means "anyone".
    legal_spheres = models.JSONField(_("legal spheres"), default=list, blank=True)
    documents = models.JSONField(_("residence documents"), default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    district = models.CharField(
        _("district"), max_length=120, blank=True, help_text=_("e.g. Stadtteil Nord")
    )
    postcodes = models.JSONField(_("postcodes"), default=list, blank=True)
    # Who is responsible
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation in the network"),
    )
    outside_organisation = models.CharField(
        _("organisation outside the network"),
        max_length=200,
        blank=True,
        help_text=_("Only when the organisation is not a partner of the network."),
    )
    contact = models.CharField(
        _("contact person or function"),
        max_length=150,
        blank=True,
        help_text=_("e.g. Team U25 or Frau Beispiel"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    channel_note = models.CharField(
        _("how to get in touch"),
        max_length=200,
        blank=True,
        help_text=_("e.g. open consultation Tue 9–12, or by appointment"),
    )

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ("step__position", "step_id", "pk")
        indexes = [models.Index(fields=["network", "step"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | ~models.Q(outside_organisation=""),
                name="responsibility_has_an_organisation",
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="responsibility_age_span_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.organisation_name}"

    @property
    def organisation_name(self) -> str:
        if self.organisation_id and self.organisation:
            return self.organisation.name
        return self.outside_organisation

    def group_parts(self) -> list[str]:
        """The group in words, one part per criterion, in the reader's language."""
        parts: list[str] = []
        if self.legal_spheres:
            spheres: dict[str, Any] = dict(LegalSphere.choices)
            parts.append(" / ".join(str(spheres.get(s, s)) for s in self.legal_spheres))
        if self.documents:
            labels: dict[str, Any] = dict(DocumentType.choices)
            parts.append(", ".join(str(labels.get(d, d)) for d in self.documents))
        low, high = self.min_age, self.max_age
        if low is not None and high is not None:
            parts.append(str(_("aged %(low)s to %(high)s") % {"low": low, "high": high}))
        elif low is not None:
            parts.append(str(_("aged %(low)s or over") % {"low": low}))
        elif high is not None:
            parts.append(str(_("aged up to %(high)s") % {"high": high}))
        if self.district:
            parts.append(self.district)
        elif self.postcodes:
            parts.append(str(_("postcodes %(codes)s") % {"codes": " ".join(self.postcodes)}))
        return parts

    @property
    def group(self) -> str:
        return " · ".join(self.group_parts()) or str(_("everyone"))


class ResponsibilityMap(models.Model):
    """A network's decision to publish its map (a page without log-in and its exports)."""

    network = models.OneToOneField(
        "network.Network", on_delete=models.CASCADE, related_name="responsibility_map"
    )
    public = models.BooleanField(_("publish the map"), default=False)

    def __str__(self) -> str:
        return f"Responsibility map of network {self.network_id}"
