from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernCharField, KernForm, KernModelForm
from lotse.core.versioning import VersionedFormMixin
from lotse.placements.placements import selectors
from lotse.placements.placements.checks import parse_months, placement_problems
from lotse.placements.placements.enums import CheckInState, EndReason, Risk
from lotse.placements.placements.models import Placement
from lotse.placements.placements.services import END_FIELDS, FIELDS

DATES = (
    "starts_on",
    "planned_end_on",
    "probation_ends_on",
    "permit_applied_on",
    "permit_granted_on",
    "permit_refused_on",
    "ba_pre_approval_on",
    "ended_on",
)


def _vacancy_label(vacancy: Any) -> str:
    return f"{vacancy.title} ({vacancy.employer.name})"


class PlacementForm(VersionedFormMixin, KernModelForm):
    """Records or edits a placement. The services check the same rules (`checks`); here each
    message stands at its field. Never saved itself: the view hands the values to a service."""

    class Meta:
        model = Placement
        fields = [*FIELDS, *END_FIELDS]
        widgets = {
            **dict.fromkeys(DATES, DateInput),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, participant: Any, ending: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participant = participant
        network_id = participant.network_id
        employer = self.fields["employer"]
        vacancy = self.fields["vacancy"]
        assert isinstance(employer, forms.ModelChoiceField)
        assert isinstance(vacancy, forms.ModelChoiceField)
        employer.queryset = selectors.employers_of_network(network_id)
        vacancy.queryset = selectors.open_vacancies_of_network(network_id)
        vacancy.label_from_instance = _vacancy_label  # type: ignore[method-assign,assignment]
        if not ending:  # a new placement: its end is recorded later
            for name in END_FIELDS:
                del self.fields[name]

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.data_without_version().items() if k in self.fields}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        vacancy, employer = cleaned.get("vacancy"), cleaned.get("employer")
        if vacancy is not None and employer is not None and vacancy.employer_id != employer.pk:
            self.add_error("vacancy", _("The vacancy belongs to another employer."))
        if "starts_on" in cleaned:
            for name, message in placement_problems(
                cleaned, entry_date=self.participant.entry_date
            ).items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return cleaned

    def _post_clean(self) -> None:
        # The model's own checks repeat the rules above in the database's words; the form's
        # messages say it better, and the services refuse what gets past a form.
        pass


class EndForm(VersionedFormMixin, KernForm):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput)
    end_reason = forms.ChoiceField(
        label=_("Reason"), choices=EndReason.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, starts_on: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.starts_on = starts_on

    def clean_ended_on(self) -> Any:
        # The service refuses it too; here the message stands at the field it is about.
        day = self.cleaned_data["ended_on"]
        if self.starts_on is not None and day < self.starts_on:
            raise forms.ValidationError(_("The placement cannot end before it starts."))
        return day


class CheckInForm(VersionedFormMixin, KernForm):
    done_on = forms.DateField(label=_("Took place on"), widget=DateInput)
    state = forms.ChoiceField(
        label=_("How is it going?"), choices=CheckInState.choices, widget=forms.RadioSelect
    )
    risks = forms.MultipleChoiceField(
        label=_("At risk because of"),
        choices=Risk.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the placement is at risk."),
    )
    action = KernCharField(
        label=_("What was done"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("state") == CheckInState.AT_RISK and not cleaned.get("risks"):
            self.add_error("risks", _("Say what puts the placement at risk."))
        return cleaned


class FollowUpSettingForm(VersionedFormMixin, KernForm):
    months = KernCharField(
        label=_("Check-ins after (months)"),
        max_length=40,
        help_text=_("Whole months after the start, separated by commas, e.g. 1, 3, 6."),
    )

    def clean_months(self) -> list[int]:
        try:
            return parse_months(self.cleaned_data["months"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
