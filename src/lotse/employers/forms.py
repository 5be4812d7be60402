import re
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import (
    DateInput,
    KernCharField,
    KernForm,
    KernModelChoiceField,
    KernModelForm,
    not_in_future,
    phone_validator,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.employers.enums import (
    ContactKind,
    EmployerOffer,
    VacancyKind,
    VacancyStatus,
    WzSection,
)
from lotse.employers.models import ContactPerson, Employer, Vacancy
from lotse.employers.services import CEFR, vacancy_problems
from lotse.network.models import Organisation
from lotse.profiles.enums import DrivingLicence, language_options

CEFR_MESSAGE = _(
    "Only the levels of the Common European Framework are possible: A1, A2, B1, B2, C1 or C2."
)
_LANGUAGE_ENTRY = re.compile(r"([a-z]{2,3})(?:[\s:]+([A-Za-z]\d))?")
_KLDB = re.compile(r"\d{5}")


def _checkboxes(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class EmployerForm(VersionedFormMixin, KernModelForm):
    offers = _checkboxes(_("What the employer offers"), EmployerOffer.choices)

    class Meta:
        model = Employer
        fields = [
            "name",
            "legal_form",
            "industry",
            "size_class",
            "street",
            "postcode",
            "city",
            "other_sites",
            "website",
            "lead_organisation",
            "offers",
            "refugee_experience",
            "experience_note",
            "notes",
        ]
        widgets = {
            "other_sites": forms.Textarea(attrs={"rows": 2}),
            "experience_note": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, network_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = self.fields["lead_organisation"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = Organisation.objects.filter(network_id=network_id)


class ContactPersonForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "function", "phone", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)


class UserChoiceField(KernModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class EmployerContactForm(KernForm):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    took_place_on = forms.DateField(label=_("Date"), widget=DateInput, validators=[not_in_future])
    person = KernModelChoiceField(label=_("Contact person"), queryset=None, required=False)
    note = KernCharField(
        label=_("What was discussed"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_step = KernCharField(
        label=_("Next step"),
        required=False,
        max_length=300,
        help_text=_("It appears in the task list of the person responsible."),
    )
    next_step_due = forms.DateField(label=_("Next step due on"), widget=DateInput, required=False)
    assignee = UserChoiceField(
        label=_("Responsible person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Empty: you yourself."),
    )

    def __init__(self, *args: Any, people: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = self.fields["person"]
        assignee = self.fields["assignee"]
        assert isinstance(person, forms.ModelChoiceField)
        assert isinstance(assignee, forms.ModelChoiceField)
        person.queryset = people
        assignee.queryset = colleagues

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("next_step_due") and not cleaned.get("next_step", "").strip():
            self.add_error("next_step", _("Say what the next step is, or leave its date empty."))
        return cleaned


class VacancyForm(VersionedFormMixin, KernModelForm):
    languages = KernCharField(
        label=_("Other languages required"),
        required=False,
        help_text=_("Language code and level, separated by commas, e.g. en B1, ar A2."),
    )
    driving_licences = _checkboxes(_("Driving licence classes"), DrivingLicence.choices)
    qualifications = KernCharField(
        label=_("Qualifications or recognised occupations"),
        required=False,
        help_text=_("KldB 2010 codes of the occupations, separated by commas, e.g. 51312."),
    )

    class Meta:
        model = Vacancy
        fields = [
            "kind",
            "title",
            "description",
            "kldb_code",
            "isco_code",
            "places",
            "site",
            "postcode",
            "city",
            "working_time",
            "hours_per_week",
            "shift_work",
            "start_date",
            "duration_months",
            "min_german",
            "languages",
            "driving_licences",
            "qualifications",
            "experience_kldb",
            "without_school_certificate",
            "suitable_for_refugees",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "opened_on",
            "closed_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput,
            "opened_on": DateInput,
            "closed_on": DateInput,
        }
        help_texts = {
            "kldb_code": _("Five digits, e.g. 51312 for Fachkraft Lagerlogistik."),
            "isco_code": _("Empty: taken from the KldB code."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["min_german"].error_messages["invalid_choice"] = CEFR_MESSAGE
        self.fields["contact_phone"].validators.append(phone_validator)
        # As text, also for a new vacancy: its empty list would show as "[]".
        self.initial["languages"] = ", ".join(
            str(entry).replace(":", " ") for entry in self.instance.languages or []
        )
        self.initial["qualifications"] = ", ".join(self.instance.qualifications or [])

    def clean_languages(self) -> list[str]:
        known = {code for code, _name in language_options()}
        entries: list[str] = []
        for part in self.cleaned_data["languages"].split(","):
            part = part.strip()
            if not part:
                continue
            match = _LANGUAGE_ENTRY.fullmatch(part)
            if match is None or match.group(1) not in known:
                raise forms.ValidationError(
                    _("Not a language code with its level: %(value)s"), params={"value": part}
                )
            level = (match.group(2) or "B1").upper()
            if level not in CEFR:
                raise forms.ValidationError(CEFR_MESSAGE)
            entries.append(f"{match.group(1)}:{level}")
        return entries

    def clean_qualifications(self) -> list[str]:
        values = [v.strip() for v in self.cleaned_data["qualifications"].split(",") if v.strip()]
        wrong = [v for v in values if not _KLDB.fullmatch(v)]
        if wrong:
            raise forms.ValidationError(
                _("Not a five-digit KldB 2010 code: %(values)s"),
                params={"values": ", ".join(wrong)},
            )
        return values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("status") == VacancyStatus.OPEN and cleaned.get("closed_on"):
            self.add_error(
                "closed_on", _("An open vacancy has no date it was filled or withdrawn.")
            )
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        # The service's rules (the KldB code in the taxonomy, …) with the form's messages.
        for name, message in vacancy_problems(self.instance).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)


class EmployerFilterForm(KernForm):
    text = KernCharField(label=_("Search by name"), required=False)
    industry = forms.ChoiceField(
        label=_("Industry"), choices=[("", _("all industries")), *WzSection.choices], required=False
    )
    offer = forms.ChoiceField(
        label=_("Offers"), choices=[("", _("anything")), *EmployerOffer.choices], required=False
    )
    lead = KernModelChoiceField(
        label=_("Partner leading the contact"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("any partner"),
    )

    def __init__(self, *args: Any, network_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = self.fields["lead"]
        assert isinstance(lead, forms.ModelChoiceField)
        lead.queryset = Organisation.objects.filter(network_id=network_id)


class VacancyFilterForm(KernForm):
    text = KernCharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("any status")), *VacancyStatus.choices],
        required=False,
        initial=VacancyStatus.OPEN,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all kinds")), *VacancyKind.choices], required=False
    )
    kldb = KernCharField(
        label=_("KldB group"),
        required=False,
        max_length=5,
        help_text=_("The first digits of the KldB code, e.g. 513."),
    )
    postcode = KernCharField(label=_("Postcode begins with"), required=False, max_length=5)

    def clean_kldb(self) -> str:
        value: str = self.cleaned_data["kldb"].strip()
        if value and not value.isdigit():
            raise forms.ValidationError(_("A KldB 2010 group has one to five digits."))
        return value

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data["postcode"].strip()
        if value and not value.isdigit():
            raise forms.ValidationError(_("Enter the first digits of a postcode."))
        return value


class BaImportForm(KernForm):
    file = forms.FileField(
        label=_("Job search file of the Bundesagentur für Arbeit (JSON)"),
        help_text=_("Saved from the job search API: the search result with the job details."),
    )
