import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core import reference
from lotse.core.forms import DateInput, KernCharField, KernForm
from lotse.core.versioning import VersionedFormMixin
from lotse.legal import rulesets
from lotse.legal.dates import EARLIEST_DATE, LATEST_DATE
from lotse.workpermission.enums import (
    DECISION_CHOICES_LABELLED,
    DOCUMENT_CHOICES_LABELLED,
    FINDINGS,
    STAY_KIND_CHOICES_LABELLED,
    FindingValue,
    Horizon,
)
from lotse.workpermission.models import ResidenceFacts
from lotse.workpermission.selectors import parse_section


def within_rules_range(value: datetime.date) -> None:
    """The engine counts periods from these dates; past its range the arithmetic overflows."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise forms.ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {
                "earliest": EARLIEST_DATE.strftime("%d.%m.%Y"),
                "latest": LATEST_DATE.strftime("%d.%m.%Y"),
            }
        )


def _date(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        validators=[within_rules_range],
        **kwargs,
    )


def _tri(label: Any) -> forms.NullBooleanField:
    return forms.NullBooleanField(label=label, required=False, widget=forms.NullBooleanSelect)


def earliest_reference_date() -> datetime.date:
    return rulesets()[0].valid_from


def check_reference_date(value: datetime.date) -> None:
    earliest = earliest_reference_date()
    if value < earliest:
        raise forms.ValidationError(
            _("The rules cover dates from %(date)s on.") % {"date": earliest.strftime("%d.%m.%Y")}
        )
    if value > LATEST_DATE:
        raise forms.ValidationError(
            _("The rules cover dates up to %(date)s.") % {"date": LATEST_DATE.strftime("%d.%m.%Y")}
        )


class FactsFieldsForm(KernForm):
    """The engine's inputs that are recorded per participant (model ResidenceFacts)."""

    entry_date = _date(_("Entry into Germany"))
    asylum_request_date = _date(_("Asylum request (Asylgesuch)"))
    asylum_application_date = _date(_("Formal asylum application (Asylantrag)"))
    asylum_decision = forms.ChoiceField(
        label=_("Asylum decision"),
        choices=[("", "—"), *DECISION_CHOICES_LABELLED],
        required=False,
    )
    suspensive_effect_ordered = _tri(_("Suspensive effect ordered by a court"))
    lives_in_reception_centre = _tri(_("Obliged to live in a reception centre"))
    duldung_since = _date(_("Duldung since"))
    identity_clarified = _tri(_("Identity clarified"))
    unaccompanied_minor = _tri(_("Unaccompanied minor"))
    has_minor_children = _tri(_("Has minor children"))
    dublin_procedure = _tri(_("Dublin procedure"))
    employment_since = _date(_("Employed since"))
    weekly_hours = forms.DecimalField(
        label=_("Weekly working hours"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(168),
        max_digits=4,
        decimal_places=1,
    )
    entered_to_obtain_benefits = forms.ChoiceField(
        label=_("Finding: entered to obtain benefits"),
        choices=FindingValue.choices,
        initial=FindingValue.UNKNOWN,
    )
    entered_to_obtain_benefits_source = KernCharField(
        label=_("Source of this finding"), max_length=300, required=False
    )
    removal_obstructed_by_own_fault = forms.ChoiceField(
        label=_("Finding: removal obstructed by own fault"),
        choices=FindingValue.choices,
        initial=FindingValue.UNKNOWN,
    )
    removal_obstructed_by_own_fault_source = KernCharField(
        label=_("Source of this finding"), max_length=300, required=False
    )
    removal_measures_imminent = forms.ChoiceField(
        label=_("Finding: removal measures imminent"),
        choices=FindingValue.choices,
        initial=FindingValue.UNKNOWN,
    )
    removal_measures_imminent_source = KernCharField(
        label=_("Source of this finding"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Schreiben der ABH vom 03.02.2026”"),
    )

    def birth_date(self) -> datetime.date | None:
        return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        entry = data.get("entry_date")
        request = data.get("asylum_request_date")
        application = data.get("asylum_application_date")
        if entry and request and request < entry:
            self.add_error(
                "asylum_request_date", _("The asylum request cannot be before the entry.")
            )
        if request and application and application < request:
            self.add_error(
                "asylum_application_date",
                _("The formal application cannot be before the asylum request."),
            )
        if entry and data.get("duldung_since") and data["duldung_since"] < entry:
            self.add_error("duldung_since", _("The Duldung cannot start before the entry."))
        birth = self.birth_date()
        if birth:
            for name in (
                "entry_date",
                "asylum_request_date",
                "asylum_application_date",
                "duldung_since",
                "employment_since",
            ):
                value = data.get(name)
                if value and value < birth and name not in self.errors:
                    self.add_error(name, _("This date is before the date of birth."))
        for name in FINDINGS:
            source = (data.get(f"{name}_source") or "").strip()
            data[f"{name}_source"] = source
            if data.get(name) == FindingValue.YES and not source:
                self.add_error(
                    f"{name}_source",
                    _("Name the authority's letter or decision that establishes this finding."),
                )
        return data


class ResidenceFactsForm(VersionedFormMixin, FactsFieldsForm):
    """The facts of one participant; `version=` is the version of the facts shown (none before
    the first save), so a stale save is refused."""

    def __init__(self, *args: Any, birth_date: datetime.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._birth_date = birth_date

    def birth_date(self) -> datetime.date | None:
        return self._birth_date

    @staticmethod
    def initial_from(facts: ResidenceFacts | None) -> dict[str, Any]:
        if facts is None:
            return {}
        return {name: getattr(facts, name) for name in FactsFieldsForm.base_fields}


class PriorStayForm(KernForm):
    start = forms.DateField(label=_("From"), widget=DateInput(), validators=[within_rules_range])
    end = forms.DateField(label=_("To"), widget=DateInput(), validators=[within_rules_range])
    # A blank first choice: a row left empty then posts nothing and the formset skips it.
    kind = forms.ChoiceField(
        label=_("Stay"), choices=[("", _("– please choose –")), *STAY_KIND_CHOICES_LABELLED]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot be before the start."))
        return data


PriorStayFormSet = forms.formset_factory(
    PriorStayForm, extra=2, max_num=20, validate_max=True, can_delete=True
)
STAYS_PREFIX = "stays"


def stays_formset(data: Any = None, stays: list[dict[str, str]] | None = None) -> Any:
    initial = [
        {
            "start": datetime.date.fromisoformat(s["from"]),
            "end": datetime.date.fromisoformat(s["to"]),
            "kind": s["kind"],
        }
        for s in stays or []
    ]
    return PriorStayFormSet(data, initial=initial, prefix=STAYS_PREFIX)


def stays_from(formset: Any) -> list[dict[str, str]]:
    return sorted(
        (
            {
                "from": form.cleaned_data["start"].isoformat(),
                "to": form.cleaned_data["end"].isoformat(),
                "kind": form.cleaned_data["kind"],
            }
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ),
        key=lambda s: s["from"],
    )


def _nationality_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in reference.nationality_choices() if code]


class TrySituationForm(FactsFieldsForm):
    """Every field of the JSON contract, for a situation without a participant."""

    reference_date = forms.DateField(
        label=_("Reference date (Stand)"),
        widget=DateInput(),
        validators=[check_reference_date],
    )
    document = forms.ChoiceField(label=_("Residence document"), choices=DOCUMENT_CHOICES_LABELLED)
    residence_permit_section = KernCharField(
        label=_("Legal basis (paragraph)"),
        max_length=40,
        required=False,
        help_text=_("For a residence permit or Fiktionsbescheinigung, e.g. § 25 Abs. 2"),
    )
    document_valid_until = _date(_("Document valid until"))
    document_annotation = KernCharField(
        label=_("Annotation as printed"), max_length=300, required=False
    )
    nationality = forms.ChoiceField(label=_("Nationality"), choices=_nationality_choices)
    birth_date_value = _date(_("Date of birth"))

    field_order = [
        "reference_date",
        "document",
        "residence_permit_section",
        "document_valid_until",
        "document_annotation",
        "nationality",
        "birth_date_value",
    ]

    def birth_date(self) -> datetime.date | None:
        return self.cleaned_data.get("birth_date_value")

    def clean_residence_permit_section(self) -> str:
        text: str = self.cleaned_data["residence_permit_section"]
        if text.strip() and parse_section(text) is None:
            raise forms.ValidationError(_("Enter a paragraph like § 25 Abs. 2, § 25a or § 16g."))
        return text

    def contract(self, stays: list[dict[str, str]]) -> dict[str, Any]:
        """The cleaned form as the JSON input of `lotse work-permission evaluate`."""
        data = self.cleaned_data
        answer: dict[str, Any] = {
            "reference_date": data["reference_date"].isoformat(),
            "document": data["document"],
            "nationality": "unknown" if data["nationality"] == "unclear" else data["nationality"],
        }
        section = parse_section(data.get("residence_permit_section"))
        if section:
            answer["residence_permit_section"] = section
        for name, key in (
            ("document_valid_until", "document_valid_until"),
            ("birth_date_value", "birth_date"),
            ("entry_date", "entry_date"),
            ("asylum_request_date", "asylum_request_date"),
            ("asylum_application_date", "asylum_application_date"),
            ("duldung_since", "duldung_since"),
            ("employment_since", "employment_since"),
        ):
            if data.get(name):
                answer[key] = data[name].isoformat()
        for name in (
            "asylum_decision",
            "suspensive_effect_ordered",
            "lives_in_reception_centre",
            "identity_clarified",
            "unaccompanied_minor",
            "has_minor_children",
            "dublin_procedure",
            "document_annotation",
        ):
            if data.get(name) not in (None, ""):
                answer[name] = data[name]
        if data.get("weekly_hours") is not None:
            answer["weekly_hours"] = float(data["weekly_hours"])
        if stays:
            answer["prior_stay"] = stays
        findings = {}
        for name in FINDINGS:
            value = data.get(name)
            if value in (FindingValue.YES, FindingValue.NO):
                findings[name] = {
                    "value": value == FindingValue.YES,
                    "source": data.get(f"{name}_source") or None,
                }
        if findings:
            answer["authority_findings"] = findings
        return answer


class ReferenceDateForm(KernForm):
    reference_date = forms.DateField(
        label=_("Reference date (Stand)"),
        required=False,
        widget=DateInput(),
        validators=[check_reference_date],
    )

    def reference(self) -> datetime.date:
        return self.cleaned_data.get("reference_date") or timezone.localdate()


class RadarFilterForm(KernForm):
    days = forms.TypedChoiceField(
        label=_("Period"), choices=Horizon.choices, coerce=int, required=False
    )

    def horizon(self) -> int:
        return self.cleaned_data.get("days") or Horizon.DAYS_30
