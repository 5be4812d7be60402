"""The network's offers (Angebote): network data, not personal data.

An offer belongs to its network and is kept by its provider, a partner organisation, or by the
coordinator for a provider outside the network. Its eligibility is data
(`offers.eligibility.Criteria`), checked against a participant where it is shown.
"""

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.reference import language_name
from lotse.core.versioning import Versioned
from lotse.legal.model import Activity
from lotse.network.enums import Weekday
from lotse.offers.enums import (
    CEFR_LEVEL_NAMES,
    Funding,
    LegalSphere,
    Mode,
    OfferKind,
    OfferStatus,
    Schedule,
)
from lotse.participants.enums import DocumentType
from lotse.profiles.enums import CefrLevel

# The profile's CEFR levels; "native language" is no minimum an offer asks for.
GERMAN_LEVELS = [(value, label) for value, label in CefrLevel.choices if value != CefrLevel.NATIVE]

ACTIVITY_CHOICES = [
    (Activity.EMPLOYMENT.value, _("employment")),
    (Activity.VOCATIONAL_TRAINING.value, _("vocational training")),
    (Activity.INTERNSHIP.value, _("internship")),
]


class Offer(Versioned):
    # The offer's identifier outside Lotse (the HSDS feed), never reused.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("provider in the network"),
    )
    outside_provider = models.CharField(
        _("provider outside the network"),
        max_length=200,
        blank=True,
        help_text=_("Only when the provider is not a partner of the network."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # {"ar": {"title": …, "description": …}, …}: German is the offer's own language.
    translations = models.JSONField(default=dict, blank=True)
    sites = models.ManyToManyField(
        "network.Site", blank=True, related_name="offers", verbose_name=_("sites")
    )
    schedule = models.CharField(
        _("schedule"), max_length=20, choices=Schedule.choices, default=Schedule.BY_APPOINTMENT
    )
    weekdays = models.JSONField(_("weekdays"), default=list, blank=True)
    starts_at = models.TimeField(_("from (time)"), null=True, blank=True)
    ends_at = models.TimeField(_("until (time)"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    languages = models.JSONField(_("languages taught in"), default=list, blank=True)
    funding = models.CharField(
        _("cost"), max_length=10, choices=Funding.choices, default=Funding.FREE
    )
    cost_note = models.CharField(_("cost and funding, in words"), max_length=200, blank=True)
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    seats_free = models.PositiveIntegerField(_("seats free"), null=True, blank=True)
    seats_updated_on = models.DateField(_("seats updated on"), null=True, blank=True)
    waiting_list = models.BooleanField(_("waiting list"), default=False)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.ACTIVE
    )
    # Eligibility (offers.eligibility.Criteria)
    documents = models.JSONField(_("residence documents accepted"), default=list, blank=True)
    activity = models.CharField(
        _("the person must be allowed"), max_length=30, choices=ACTIVITY_CHOICES, blank=True
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    min_german = models.CharField(
        _("minimum German level"), max_length=2, choices=GERMAN_LEVELS, blank=True
    )
    legal_spheres = models.JSONField(_("legal spheres"), default=list, blank=True)
    postcodes = models.JSONField(_("postcodes served"), default=list, blank=True)
    qualifications = models.JSONField(_("prior qualification"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The key of the offer in the list it was imported from: importing the list again updates
    # the offer instead of adding it twice.
    external_key = models.CharField(_("key in the imported list"), max_length=100, blank=True)

    class Meta:
        ordering = ("title", "pk")
        indexes = [
            models.Index(fields=["network", "status"]),
            # The fingerprints of a network's and of the public catalogue
            # (`selectors._catalogue`, `selectors.published_fingerprint`) from the index alone.
            models.Index(
                fields=["network", "status", "updated_at", "version"],
                name="offer_catalogue_fingerprint",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "external_key"],
                condition=~models.Q(external_key=""),
                name="offer_unique_external_key",
            ),
            models.CheckConstraint(
                condition=models.Q(provider__isnull=False) | ~models.Q(outside_provider=""),
                name="offer_has_a_provider",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="offer_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__isnull=True)
                | models.Q(seats_free__isnull=True)
                | models.Q(seats_free__lte=models.F("seats")),
                name="offer_free_seats_within_seats",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def provider_name(self) -> str:
        return self.provider.name if self.provider_id and self.provider else self.outside_provider

    def weekday_names(self) -> list[str]:
        return [str(Weekday(day).label) for day in sorted(self.weekdays)]

    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    def requirements(self) -> list[str]:
        """Who can take the offer, one line per condition, in the reader's language (the offer
        page says what the catalogue checks against a participant)."""
        lines = []
        if self.documents:
            labels = dict(DocumentType.choices)
            names = ", ".join(str(labels.get(d, d)) for d in self.documents)
            lines.append(_("Residence documents: %(names)s") % {"names": names})
        if self.activity:
            lines.append(
                _("Must be allowed: %(activity)s") % {"activity": self.get_activity_display()}
            )
        if self.min_age is not None and self.max_age is not None:
            lines.append(_("Age %(low)s to %(high)s") % {"low": self.min_age, "high": self.max_age})
        elif self.min_age is not None:
            lines.append(_("Age from %(low)s") % {"low": self.min_age})
        elif self.max_age is not None:
            lines.append(_("Age up to %(high)s") % {"high": self.max_age})
        if self.min_german:
            level = CEFR_LEVEL_NAMES.get(self.min_german, self.min_german)
            lines.append(_("German at least %(level)s") % {"level": level})
        if self.legal_spheres:
            spheres: dict[str, Any] = dict(LegalSphere.choices)
            names = ", ".join(str(spheres.get(s, s)) for s in self.legal_spheres)
            lines.append(_("Benefits: %(names)s") % {"names": names})
        if self.postcodes:
            lines.append(_("Postcodes: %(codes)s") % {"codes": " ".join(self.postcodes)})
        if self.qualifications:
            lines.append(
                _("Prior qualification: %(names)s") % {"names": ", ".join(self.qualifications)}
            )
        return [str(line) for line in lines]

    def translated(self, language: str) -> tuple[str, str]:
        """The title and description in `language`, German where the offer has none."""
        text = self.translations.get(language) or {}
        return (text.get("title") or self.title, text.get("description") or self.description)


class Catalogue(models.Model):
    """A network's decision to publish its offers (page without log-in, HSDS feed)."""

    network = models.OneToOneField(
        "network.Network", on_delete=models.CASCADE, related_name="catalogue"
    )
    public = models.BooleanField(_("publish the catalogue"), default=False)

    def __str__(self) -> str:
        return f"Catalogue of network {self.network_id}"
