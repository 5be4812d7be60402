import re
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import (
    DateInput,
    KernCharField,
    KernForm,
    KernModelForm,
    kern_field,
    phone_validator,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.network.enums import Weekday
from lotse.network.models import Organisation, Site
from lotse.offers.enums import CEFR_LEVEL_NAMES, LegalSphere, OfferKind, Schedule
from lotse.offers.models import Offer
from lotse.offers.public_texts import KINDS, LABELS
from lotse.participants.enums import DocumentType
from lotse.profiles.enums import language_options

# The languages participants read (the interface's catalogues): an offer may say itself in them.
TRANSLATED = (
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Dari/Farsi")),
    ("uk", _("Ukrainian")),
)
_POSTCODE_PREFIX = re.compile(r"\d{1,5}")
PROVIDER_HELP = _(
    "One of the two: a partner of the network, or the name of a provider outside the network."
)
PROVIDER_EITHER = _("one of the two is needed")
PROVIDER_MISSING = _(
    "Choose the provider among the network's partners, or name one outside the network."
)
PROVIDER_TWICE = _(
    "Name the provider once: either a partner of the network or a provider outside it, not both."
)
SEATS_BELOW_ZERO = _("The number of seats cannot be below zero.")


def _checkboxes(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class SiteChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Site) -> str:
        return f"{obj.organisation} – {obj}"


class OfferForm(VersionedFormMixin, KernModelForm):
    required_when: ClassVar[Mapping[str, str | Promise]] = {
        "weekdays": _("needed on fixed weekdays"),
        "start_date": _("needed from a start to an end date"),
    }

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = _checkboxes(_("Languages taught in"), language_options)
    documents = _checkboxes(_("Residence documents accepted"), DocumentType.choices)
    legal_spheres = _checkboxes(_("Legal spheres"), LegalSphere.choices)
    postcodes = KernCharField(
        label=_("Postcodes served"),
        required=False,
        help_text=_("Whole postcodes or their first digits, separated by spaces, e.g. 281 28203."),
    )
    qualifications = KernCharField(
        label=_("Prior qualification"),
        required=False,
        help_text=_("Any of these, separated by commas, e.g. Hauptschulabschluss."),
    )
    sites = SiteChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "kind",
            "provider",
            "outside_provider",
            "description",
            "status",
            "schedule",
            "weekdays",
            "starts_at",
            "ends_at",
            "start_date",
            "end_date",
            "sites",
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
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "seats_updated_on": DateInput,
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(
        self, *args: Any, network_id: int, own_organisation: Organisation | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        sites = self.fields["sites"]
        provider = self.fields["provider"]
        assert isinstance(sites, forms.ModelMultipleChoiceField)
        assert isinstance(provider, forms.ModelChoiceField)
        sites.queryset = Site.objects.filter(organisation__network_id=network_id).select_related(
            "organisation"
        )
        if own_organisation is None:  # the coordinator keeps every offer of the network
            provider.queryset = Organisation.objects.filter(network_id=network_id)
        else:  # a partner keeps its own
            provider.queryset = Organisation.objects.filter(pk=own_organisation.pk)
            provider.required = True
            provider.initial = own_organisation.pk
            # A new offer's instance brings no provider, which would win over the field's
            # initial: the partner's only choice is chosen.
            if not self.initial.get("provider"):
                self.initial["provider"] = own_organisation.pk
            del self.fields["outside_provider"]
        self.fields["contact_phone"].validators.append(phone_validator)
        if "outside_provider" in self.fields:
            provider.help_text = PROVIDER_HELP
            self.fields["outside_provider"].help_text = PROVIDER_HELP
            # Neither is optional: one of the two is needed (clean asks for it).
            for name in ("provider", "outside_provider"):
                self.fields[name].required_when = PROVIDER_EITHER  # type: ignore[attr-defined]
        self.fields["min_german"].choices = [  # type: ignore[attr-defined]
            ("", "---------"),
            *CEFR_LEVEL_NAMES.items(),
        ]
        for name in ("seats", "seats_free"):
            self.fields[name].error_messages["min_value"] = SEATS_BELOW_ZERO
        for code, language in TRANSLATED:
            text = self.instance.translations.get(code, {})
            self.fields[f"title_{code}"] = KernCharField(
                label=_("Title (%(language)s)") % {"language": language},
                max_length=200,
                required=False,
                initial=text.get("title", ""),
            )
            self.fields[f"description_{code}"] = KernCharField(
                label=_("Description (%(language)s)") % {"language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=text.get("description", ""),
            )
            # Added after the house's classes were given out in `KernFormMixin.__init__`.
            kern_field(self.fields[f"title_{code}"])
            kern_field(self.fields[f"description_{code}"])
        # As text, also for a new offer: its empty list would show as "[]".
        self.initial["postcodes"] = " ".join(self.instance.postcodes or [])
        self.initial["qualifications"] = ", ".join(self.instance.qualifications or [])

    def clean_postcodes(self) -> list[str]:
        values = self.cleaned_data["postcodes"].replace(",", " ").split()
        wrong = [v for v in values if not _POSTCODE_PREFIX.fullmatch(v)]
        if wrong:
            raise forms.ValidationError(
                _("Not a postcode or its first digits: %(values)s"),
                params={"values": ", ".join(wrong)},
            )
        return sorted(set(values))

    def clean_qualifications(self) -> list[str]:
        return [v.strip() for v in self.cleaned_data["qualifications"].split(",") if v.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "outside_provider" not in self.fields:
            pass  # a partner's own provider is required; naming one outside is not its to do
        elif not cleaned.get("provider") and not cleaned.get("outside_provider"):
            self.add_error("provider", PROVIDER_MISSING)
        elif cleaned.get("provider") and cleaned.get("outside_provider"):
            self.add_error("outside_provider", PROVIDER_TWICE)
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        # The schedule chosen needs its dates or days, else the offer says nothing about "when".
        if cleaned.get("schedule") == Schedule.WEEKLY and not cleaned.get("weekdays"):
            self.add_error("weekdays", _("Tick the weekdays the offer takes place on."))
        if cleaned.get("schedule") == Schedule.DATES and not start:
            self.add_error("start_date", _("Enter the date the offer starts."))
        if start and end and end < start:
            self.add_error("end_date", _("The offer cannot end before it starts."))
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", _("The maximum age is below the minimum age."))
        seats, free = cleaned.get("seats"), cleaned.get("seats_free")
        if seats is not None and free is not None and free > seats:
            self.add_error("seats_free", _("More seats are free than the offer has."))
        if (
            cleaned.get("starts_at")
            and cleaned.get("ends_at")
            and cleaned["ends_at"] <= cleaned["starts_at"]
        ):
            self.add_error("ends_at", _("The end time must come after the start time."))
        return cleaned

    def save(self, commit: bool = True) -> Offer:
        offer: Offer = super().save(commit=False)
        offer.translations = {
            code: {
                "title": self.cleaned_data[f"title_{code}"].strip(),
                "description": self.cleaned_data[f"description_{code}"].strip(),
            }
            for code, _language in TRANSLATED
            if self.cleaned_data[f"title_{code}"].strip()
        }
        return offer


class CatalogueForm(forms.Form):
    public = forms.BooleanField(
        label=_("Publish the catalogue (a page without log-in and an Open Referral feed)"),
        required=False,
    )


class OfferFilterForm(KernForm):
    text = KernCharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *OfferKind.choices], required=False
    )


class ImportForm(KernForm):
    file = forms.FileField(
        label=_("List of offers (CSV or XLSX)"),
        help_text=_("The first row names the columns, as in the table below."),
    )


class PublicFilterForm(KernForm):
    """The public catalogue's search, labelled in the reader's language."""

    text = KernCharField(label=LABELS["search"], required=False)
    kind = forms.ChoiceField(
        label=LABELS["kind"],
        choices=[("", LABELS["all_kinds"]), *KINDS.items()],
        required=False,
    )
