import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import KernCharField, KernForm, KernModelForm, phone_validator
from lotse.core.versioning import VersionedFormMixin
from lotse.network.models import Organisation
from lotse.offers.enums import LegalSphere
from lotse.participants.enums import DocumentType
from lotse.responsibilities.models import PathStep, Responsibility

_POSTCODE_PREFIX = re.compile(r"\d{1,5}")


def _checkboxes(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class StepForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = PathStep
        fields = ["name", "position", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ResponsibilityForm(VersionedFormMixin, KernModelForm):
    legal_spheres = _checkboxes(_("Legal spheres"), LegalSphere.choices)
    documents = _checkboxes(_("Residence documents"), DocumentType.choices)
    postcodes = KernCharField(
        label=_("Postcodes"),
        required=False,
        help_text=_("Whole postcodes or their first digits, separated by spaces, e.g. 281 28203."),
    )

    class Meta:
        model = Responsibility
        fields = [
            "legal_spheres",
            "documents",
            "min_age",
            "max_age",
            "district",
            "postcodes",
            "organisation",
            "outside_organisation",
            "contact",
            "phone",
            "email",
            "channel_note",
        ]

    def __init__(self, *args: Any, network_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.filter(network_id=network_id)
        self.fields["phone"].validators.append(phone_validator)
        # As text, also for a new row: its empty list would show as "[]".
        self.initial["postcodes"] = " ".join(self.instance.postcodes or [])

    def clean_postcodes(self) -> list[str]:
        values = self.cleaned_data["postcodes"].replace(",", " ").split()
        wrong = [v for v in values if not _POSTCODE_PREFIX.fullmatch(v)]
        if wrong:
            raise forms.ValidationError(
                _("Not a postcode or its first digits: %(values)s"),
                params={"values": ", ".join(wrong)},
            )
        return sorted(set(values))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("organisation") and not cleaned.get("outside_organisation"):
            self.add_error(
                "organisation", _("Choose the organisation, or name one outside the network.")
            )
        low, high = cleaned.get("min_age"), cleaned.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", _("The maximum age is below the minimum age."))
        return cleaned


class DeleteForm(VersionedFormMixin, KernForm):
    """Only the version: a row changed since the page was opened is not deleted unseen."""


class MapPublishForm(forms.Form):
    public = forms.BooleanField(required=False)
