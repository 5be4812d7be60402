from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernForm, not_in_future
from lotse.core.versioning import VersionedFormMixin
from lotse.profiles.enums import IscedLevel
from lotse.reporting.enums import EsfLabourStatus, EsfSituation
from lotse.reporting.models import RECORD_FIELDS, EsfRecord


class TriStateSelect(forms.NullBooleanSelect):
    """Yes, no, or not stated: the empty answer reads as the case page shows it ("keine
    Angabe"), not as Django's "Unknown"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", _("not stated")), ("true", _("yes")), ("false", _("no"))]


def _tri(label: Any, help_text: Any = "") -> forms.NullBooleanField:
    return forms.NullBooleanField(
        label=label, required=False, widget=TriStateSelect, help_text=help_text
    )


class EsfEntryForm(KernForm):
    """The ESF items at entry: the intake's step, and (versioned) the case's form."""

    # A mandatory item of Annex I 1.1 (Art. 17(5)): required, so never marked "optional".
    labour_status = forms.ChoiceField(
        label=_("Labour-market status at entry"),
        choices=[("", _("– please choose –")), *EsfLabourStatus.choices],
        help_text=_("Unemployed as registered with the Agentur or the Jobcenter (SGB III)."),
        error_messages={
            "required": _(
                "Please choose the labour-market status at entry: the ESF requires it"
                " (Annex I 1.1), without it the person is not counted."
            )
        },
    )
    isced_level = forms.TypedChoiceField(
        label=_("Highest education (ISCED)"),
        choices=[("", _("not recorded yet")), *IscedLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only needed while the profile records no finished school or education."),
    )
    disability = _tri(_("Disability"), _("Special category of personal data: ask, never assume."))
    foreign_background = _tri(_("Foreign background"))
    homeless = _tri(_("Homeless or affected by housing exclusion"))
    rural = _tri(_("Lives in a rural area"))


class EsfRecordForm(VersionedFormMixin, EsfEntryForm):
    @staticmethod
    def initial_from(record: EsfRecord | None) -> dict[str, Any]:
        if record is None:
            return {}
        return {name: getattr(record, name) for name in RECORD_FIELDS}


class NoSituationForm(VersionedFormMixin, KernForm):
    """The confirmation of "nothing to record within four weeks after leaving": only the
    version of the ESF record the page showed."""


class SituationForm(KernForm):
    day = forms.DateField(label=_("Date"), widget=DateInput(), validators=[not_in_future])
    situation = forms.ChoiceField(label=_("Situation"), choices=EsfSituation.choices)


class FollowUpForm(VersionedFormMixin, KernForm):
    answered_on = forms.DateField(
        label=_("Asked on"), widget=DateInput(), validators=[not_in_future]
    )
    employed = forms.TypedChoiceField(
        label=_("In employment, including self-employment"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    improved = forms.TypedChoiceField(
        label=_("Labour-market situation improved"),
        choices=[("yes", _("yes")), ("no", _("no"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_(
            "From precarious to stable work, from part-time to full-time, a job needing "
            "higher skills, or a promotion."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()


NETWORK_SCOPE = "network"


class ReportForm(KernForm):
    indicator_set = forms.ChoiceField(label=_("Indicator set"))
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("Until"), widget=DateInput())
    scope = forms.ChoiceField(label=_("For"))

    def __init__(
        self, *args: Any, scopes: list[tuple[str, str]], sets: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        scope_field = self.fields["scope"]
        set_field = self.fields["indicator_set"]
        assert isinstance(scope_field, forms.ChoiceField)
        assert isinstance(set_field, forms.ChoiceField)
        scope_field.choices = scopes
        set_field.choices = sets

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return cleaned
