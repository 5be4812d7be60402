from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import (
    DateInput,
    KernCharField,
    KernForm,
    KernModelChoiceField,
    not_in_future,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.network.models import Organisation
from lotse.offers.enums import OfferStatus
from lotse.offers.models import Offer
from lotse.referrals.enums import DeclineReason, Disclosure, Outcome


class OfferChoiceField(KernModelChoiceField):
    def label_from_instance(self, obj: Offer) -> str:
        return f"{obj.title} – {obj.provider_name}"


class ReferralForm(KernForm):
    offer = OfferChoiceField(
        label=_("Offer"),
        queryset=Offer.objects.none(),
        required=False,
        help_text=_("Refer to an offer of the catalogue, or choose an organisation below."),
    )
    target_organisation = KernModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.none(), required=False
    )
    outside_provider = KernCharField(
        label=_("Provider outside the network"),
        max_length=200,
        required=False,
        help_text=_("Not on Lotse: you print a referral letter for the person instead."),
    )
    reason = KernCharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    request = KernCharField(label=_("What is asked"), widget=forms.Textarea(attrs={"rows": 3}))
    disclosures = forms.MultipleChoiceField(
        label=_("Also pass on"),
        choices=Disclosure.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Name, contact data, the reason and what is asked are always passed on."),
    )
    ineligible_reason = KernCharField(
        label=_("Why refer all the same"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the offer's rules exclude the person."),
    )

    def __init__(self, *args: Any, network_id: int, own_organisation_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        offer_field: Any = self.fields["offer"]
        offer_field.queryset = Offer.objects.filter(
            network_id=network_id, status=OfferStatus.ACTIVE
        ).select_related("provider")
        organisation_field: Any = self.fields["target_organisation"]
        organisation_field.queryset = Organisation.objects.filter(network_id=network_id).exclude(
            pk=own_organisation_id
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = [
            name
            for name in ("offer", "target_organisation", "outside_provider")
            if cleaned.get(name)
        ]
        if not chosen:
            raise forms.ValidationError(
                _("Choose an offer, a partner organisation or an outside provider.")
            )
        if len(chosen) > 1:
            raise forms.ValidationError(
                _("Choose only one: an offer, a partner organisation or an outside provider.")
            )
        return cleaned


class AnswerForm(VersionedFormMixin, KernForm):
    """The version the page showed: a second answer to the same referral is refused."""


class DeclineForm(VersionedFormMixin, KernForm):
    required_when: ClassVar[Mapping[str, str | Promise]] = {
        "note": _("needed for “other”"),
    }

    reason = forms.ChoiceField(
        label=_("Why do you decline?"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    note = KernCharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == DeclineReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say in a note why you decline the referral."))
        return cleaned


class StartForm(VersionedFormMixin, KernForm):
    """Record the start, or correct the day recorded: a day that has come, not a plan."""

    started_on = forms.DateField(
        label=_("Started on"), widget=DateInput, validators=[not_in_future]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate()


class CompleteForm(VersionedFormMixin, KernForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    completed_on = forms.DateField(label=_("Date"), widget=DateInput, validators=[not_in_future])
    note = KernCharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_on"].initial = timezone.localdate()


class RerouteForm(VersionedFormMixin, KernForm):
    target_organisation = KernModelChoiceField(
        label=_("Send to"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, network_id: int, exclude: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["target_organisation"]
        field.queryset = Organisation.objects.filter(network_id=network_id).exclude(pk__in=exclude)


class CancelForm(VersionedFormMixin, KernForm):
    note = KernCharField(
        label=_("Why do you cancel the referral?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The receiving organisation reads this reason."),
    )


class OutsideOutcomeForm(VersionedFormMixin, KernForm):
    """What the person reports from a provider outside the network (the sender records it)."""

    outcome = forms.ChoiceField(
        label=_("What came of it?"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label=_("On"), widget=DateInput, validators=[not_in_future])
    note = KernCharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class PolicyForm(VersionedFormMixin, KernForm):
    answer_within_days = forms.IntegerField(
        label=_("Answer within (days)"),
        min_value=1,
        max_value=90,
        help_text=_(
            "A request not answered within so many days is overdue: it comes first in the "
            "inbox and the sender may send it to another provider."
        ),
    )
