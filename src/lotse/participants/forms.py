import datetime
import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lotse.core import reference
from lotse.core.forms import (
    DateInput,
    KernCharField,
    KernForm,
    KernModelChoiceField,
    KernModelForm,
    KernModelMultipleChoiceField,
    kern_field,
    not_in_future,
    phone_validator,
    postcode_validator,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Organisation, Site
from lotse.network.selectors import case_workers, network_sites
from lotse.participants.enums import (
    BirthDatePrecision,
    ConsentForm,
    ConsentPurpose,
    ContactForm,
    DocumentType,
    ExitOutcome,
    Gender,
    ParticipantStatus,
    TaskStatus,
    Topic,
)
from lotse.participants.models import Participant
from lotse.participants.sections import ExitAsk, document_facts
from lotse.participants.services import DOCUMENT_FIELDS

OLDEST_BIRTH_YEAR = 1900


def full_name(user: Any) -> str:
    """A person as colleagues know them: the name, the account only when there is none."""
    return str(user.get_full_name() or user.get_username())


def _check_birth(cleaned: dict[str, Any], form: forms.BaseForm) -> None:
    precision = cleaned.get("birth_date_precision")
    if precision == BirthDatePrecision.DAY and not cleaned.get("birth_date"):
        form.add_error("birth_date", _("Enter the date of birth or choose “year only”."))
    if precision == BirthDatePrecision.YEAR:
        cleaned["birth_date"] = None
        if not cleaned.get("birth_year"):
            form.add_error("birth_year", _("Enter the year of birth."))
    if precision == BirthDatePrecision.UNKNOWN:
        cleaned["birth_date"] = None
        cleaned["birth_year"] = None
    if cleaned.get("birth_date"):
        cleaned["birth_year"] = cleaned["birth_date"].year
        if cleaned["birth_year"] < OLDEST_BIRTH_YEAR:
            form.add_error(
                "birth_date",
                _("Please check the date of birth: it lies before %(year)s.")
                % {"year": OLDEST_BIRTH_YEAR},
            )


def _birth_year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=OLDEST_BIRTH_YEAR,
        max_value=timezone.localdate().year,
    )


class PersonForm(KernForm):
    first_names = KernCharField(label=_("First names"), max_length=150)
    last_name = KernCharField(label=_("Last name"), max_length=150)
    aliases = KernCharField(
        label=_("Other spellings and names"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. the spelling in other documents"),
    )
    birth_date_precision = forms.ChoiceField(
        label=_("Date of birth known"),
        choices=BirthDatePrecision.choices,
        initial=BirthDatePrecision.DAY,
        widget=forms.RadioSelect,
    )
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=DateInput(), validators=[not_in_future]
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=OLDEST_BIRTH_YEAR
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    nationality = forms.ChoiceField(label=_("Nationality"), choices=reference.nationality_choices)

    def clean_birth_year(self) -> int | None:
        year: int | None = self.cleaned_data.get("birth_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("This year lies in the future."))
        return year

    def clean_birth_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("birth_date")
        if value and value.year < OLDEST_BIRTH_YEAR:
            raise forms.ValidationError(_("Please check the year."))
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_birth(cleaned, self)
        return cleaned


class ContactDetailsForm(KernForm):
    required_when: ClassVar[Mapping[str, str | Promise]] = {
        "interpreter_language": _("needed with “Interpreter needed”"),
    }

    street = KernCharField(label=_("Street and number"), max_length=200, required=False)
    postcode = KernCharField(
        label=_("Postcode"), max_length=5, required=False, validators=[postcode_validator]
    )
    city = KernCharField(label=_("City"), max_length=100, required=False)
    phone = KernCharField(
        label=_("Phone"), max_length=40, required=False, validators=[phone_validator]
    )
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=reference.language_choices, required=False
    )
    interpreter_needed = forms.BooleanField(label=_("Interpreter needed"), required=False)
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter language"), choices=reference.language_choices, required=False
    )
    # Where the person is counselled: the caseload's site filter finds them by it.
    site = KernModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error(
                "interpreter_language", _("Which language should the interpreter speak?")
            )
        return cleaned


class ResidenceDocumentForm(KernForm):
    document_type = forms.ChoiceField(label=_("Document"), choices=DocumentType.choices)
    section = KernCharField(
        label=_("Legal basis (paragraph)"),
        max_length=40,
        required=False,
        help_text=_("e.g. § 25 Abs. 2 AufenthG"),
    )
    issued_on = forms.DateField(
        label=_("Issued on"), required=False, widget=DateInput(), validators=[not_in_future]
    )
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
    annotation = KernCharField(
        label=_("Annotation as printed"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Beschäftigung nur mit Erlaubnis der Ausländerbehörde”"),
    )

    # The registered apps' facts follow the document's own fields, each group in a fieldset.
    template_name = "participants/forms/residence_document.html"
    DOCUMENT_FIELDS = DOCUMENT_FIELDS

    def __init__(
        self, *args: Any, participant: Any = None, with_facts: bool = True, **kwargs: Any
    ) -> None:
        # The API's document schema is the document alone: it leaves the apps' facts out.
        self.fact_groups = document_facts() if with_facts else []
        initial = dict(kwargs.pop("initial", None) or {})
        if participant is not None:
            for group in self.fact_groups:
                if group.initial is not None:
                    initial = {**group.initial(participant), **initial}
        super().__init__(*args, initial=initial, **kwargs)
        self.group_fields: dict[str, list[str]] = {}
        for group in self.fact_groups:
            fields = group.fields()
            for field in fields.values():
                kern_field(field)
            self.fields.update(fields)
            self.group_fields[group.key] = list(fields)

    def document_fields(self) -> list[Any]:
        return [self[name] for name in self.DOCUMENT_FIELDS]

    def fieldsets(self) -> list[dict[str, Any]]:
        return [
            {
                "legend": group.legend,
                "hint": group.hint,
                "fields": [self[n] for n in self.group_fields[group.key] if not self[n].is_hidden],
            }
            for group in self.fact_groups
        ]

    def facts_summary(self, values: dict[str, Any]) -> list[dict[str, Any]]:
        """The apps' facts among `values` (a cleaned residence step), labelled, for review."""
        rows = []
        for group in self.fact_groups:
            for name in self.group_fields[group.key]:
                field, value = self.fields[name], values.get(name)
                if field.widget.is_hidden or value in (None, ""):
                    continue
                if isinstance(field, forms.ChoiceField):
                    value = dict(field.choices).get(value, value)  # type: ignore[arg-type]
                rows.append(
                    {
                        "label": field.label,
                        "value": value,
                        "is_date": isinstance(value, datetime.date),
                    }
                )
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        issued, valid = cleaned.get("issued_on"), cleaned.get("valid_until")
        if issued and valid and valid < issued:
            self.add_error("valid_until", _("“Valid until” cannot be before “issued on”."))
        for group in self.fact_groups:
            if group.clean is not None:
                group.clean(self, cleaned)
        return cleaned


def _children_field() -> KernCharField:
    return KernCharField(
        label=_("Children: years of birth"),
        required=False,
        max_length=100,
        help_text=_("Separated by commas, e.g. 2015, 2019"),
    )


def _birth_years(text: str) -> list[int]:
    years = []
    this_year = timezone.localdate().year
    for part in filter(None, (p.strip() for p in re.split(r"[,;\s]+", text))):
        if not part.isdigit() or not OLDEST_BIRTH_YEAR <= int(part) <= this_year:
            raise forms.ValidationError(
                _("“%(value)s” is not a year of birth. Enter years like 2015, 2019."),
                params={"value": part[:20]},
            )
        years.append(int(part))
    return years


class HouseholdForm(KernForm):
    children_birth_years = _children_field()
    wishes = KernCharField(
        label=_("Wishes in the participant's words"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_children_birth_years(self) -> list[int]:
        return _birth_years(self.cleaned_data.get("children_birth_years", ""))


class ConsentRecordForm(KernForm):
    required_when: ClassVar[Mapping[str, str | Promise]] = {
        "witness": _("needed for a verbal consent with a witness"),
    }

    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    organisations = KernModelMultipleChoiceField(
        label=_("Organisations covered"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Given on"), widget=DateInput(), validators=[not_in_future])
    form = forms.ChoiceField(
        label=pgettext_lazy("consent", "Form"),
        choices=ConsentForm.choices,
        widget=forms.RadioSelect,
    )
    witness = KernCharField(label=_("Witness"), max_length=150, required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, network_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.filter(network_id=network_id)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given, valid = cleaned.get("given_on"), cleaned.get("valid_until")
        if given and valid and valid < given:
            self.add_error("valid_until", _("“Valid until” cannot be before the date given."))
        if cleaned.get("form") == ConsentForm.VERBAL_WITH_WITNESS and not cleaned.get("witness"):
            self.add_error("witness", _("A verbal consent needs the name of a witness."))
        return cleaned


class IntakeConsentForm(ConsentRecordForm):
    """In the intake the consent may still be missing; then no field is required."""

    record_consent = forms.BooleanField(label=_("Record a consent now"), required=False)

    field_order = ["record_consent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.data.get("record_consent"):
            for name, field in self.fields.items():
                if name != "record_consent":
                    field.required = False

    def clean(self) -> dict[str, Any]:
        if not self.cleaned_data.get("record_consent"):
            return self.cleaned_data
        return super().clean()


PARTICIPANT_FIELDS = [
    "first_names",
    "last_name",
    "aliases",
    "birth_date_precision",
    "birth_date",
    "birth_year",
    "gender",
    "nationality",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "preferred_language",
    "interpreter_needed",
    "interpreter_language",
    "wishes",
    "site",
    "counsellor",
]


class ParticipantForm(VersionedFormMixin, KernModelForm):
    """Editing the master data after the intake; `version` detects a stale edit."""

    required_when: ClassVar[Mapping[str, str | Promise]] = {
        "interpreter_language": _("needed with “Interpreter needed”"),
    }

    birth_year = _birth_year_field()
    nationality = forms.ChoiceField(label=_("Nationality"), choices=reference.nationality_choices)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=reference.language_choices, required=False
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter language"), choices=reference.language_choices, required=False
    )
    postcode = KernCharField(
        label=_("Postcode"), max_length=5, required=False, validators=[postcode_validator]
    )
    phone = KernCharField(
        label=_("Phone"), max_length=40, required=False, validators=[phone_validator]
    )
    # The household as the intake records it: not a column of the participant.
    children_birth_years = _children_field()

    field_order = [
        *PARTICIPANT_FIELDS[: PARTICIPANT_FIELDS.index("wishes")],
        "children_birth_years",
    ]

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "aliases": forms.Textarea(attrs={"rows": 2}),
            "wishes": forms.Textarea(attrs={"rows": 4}),
            "birth_date_precision": forms.RadioSelect,
            "gender": forms.RadioSelect,
        }

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        children: Sequence[int] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["children_birth_years"].initial = ", ".join(str(y) for y in children)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        # The current counsellor stays a choice even after a change of role: otherwise the
        # next edit of anything would silently leave the case without a counsellor.
        current = self.instance.counsellor_id if self.instance else None
        counsellors = get_user_model().objects.filter(
            Q(
                membership__organisation=organisation,
                membership__role__in=CASE_ROLES,
                is_active=True,
            )
            | Q(pk=current)
        )
        field = self.fields["counsellor"]
        field.queryset = counsellors.order_by("last_name", "first_name", "username")  # type: ignore[attr-defined]
        self.fields["counsellor"].label_from_instance = full_name  # type: ignore[attr-defined]
        self.fields["birth_date"].validators.append(not_in_future)

    def clean_children_birth_years(self) -> list[int]:
        return _birth_years(self.cleaned_data.get("children_birth_years", ""))

    def changes(self) -> tuple[dict[str, Any], list[int]]:
        """The participant's fields for `participant_update`, and the children apart."""
        data = self.data_without_version()
        return data, data.pop("children_birth_years")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_birth(cleaned, self)
        if cleaned.get("interpreter_needed") and not cleaned.get("interpreter_language"):
            self.add_error(
                "interpreter_language", _("Which language should the interpreter speak?")
            )
        return cleaned


class EnrolForm(KernForm):
    entry_date = forms.DateField(
        label=_("Entry date"), widget=DateInput(), validators=[not_in_future]
    )


class ExitForm(KernForm):
    exit_date = forms.DateField(
        label=_("Exit date"), widget=DateInput(), validators=[not_in_future]
    )
    # No outcome preselected: the funder's report counts it, so it must be a choice.
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("– please choose –")), *ExitOutcome.choices]
    )
    # Which apps' questions the form showed: an answer missing then is an error, not a first ask.
    asked = KernCharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(
        self, data: Any = None, *args: Any, asks: "dict[str, ExitAsk] | None" = None, **kwargs: Any
    ) -> None:
        self.asks = asks or {}
        self.shown: set[str] = set()
        if data is not None and self.asks:
            self.shown = set(str(data.get("asked", "")).split(","))
            data = data.copy()
            data["asked"] = ",".join(self.asks)  # shown now: next time a missing answer is an error
        super().__init__(data, *args, **kwargs)
        for key, ask in self.asks.items():
            # Not required for Django (the first ask shows no error), but needed to close the
            # case: its label says so instead of "optional".
            field = forms.ChoiceField(
                label=ask.label, choices=ask.choices, widget=forms.RadioSelect, required=False
            )
            field.required_when = _("needed to close the case")  # type: ignore[attr-defined]
            self.fields[self.answer_field(key)] = field

    @staticmethod
    def answer_field(key: str) -> str:
        return "answer_" + key.replace(".", "_")

    def notices(self) -> list[str]:
        return [ask.notice for ask in self.asks.values()]

    def answers(self) -> dict[str, str] | None:
        """The answers to what was asked; None while one is missing (with an error at it when
        the form had asked already)."""
        found, missing = {}, False
        for key in self.asks:
            answer = self.cleaned_data.get(self.answer_field(key))
            if answer:
                found[key] = answer
                continue
            missing = True
            if key in self.shown:
                self.add_error(self.answer_field(key), _("Please choose what happens to it."))
        return None if missing else found


class ContactRecordForm(KernForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    took_place_on = forms.DateField(label=_("Date"), widget=DateInput(), validators=[not_in_future])
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600)
    form = forms.ChoiceField(
        label=pgettext_lazy("contact", "Form"),
        choices=ContactForm.choices,
        widget=forms.RadioSelect,
    )
    site = KernModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter language"), choices=reference.language_choices, required=False
    )
    note = KernCharField(
        label=_("Note"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_step_1 = KernCharField(label=_("Next step"), max_length=300, required=False)
    next_step_1_due = forms.DateField(label=_("Due on"), required=False, widget=DateInput())
    next_step_2 = KernCharField(label=_("Another next step"), max_length=300, required=False)
    next_step_2_due = forms.DateField(label=_("Due on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(organisation=organisation)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in (1, 2):
            if cleaned.get(f"next_step_{n}_due") and not cleaned.get(f"next_step_{n}"):
                self.add_error(f"next_step_{n}", _("Describe the step that is due."))
        return cleaned

    def next_steps(self) -> list[tuple[str, datetime.date | None]]:
        return [
            (self.cleaned_data[f"next_step_{n}"], self.cleaned_data.get(f"next_step_{n}_due"))
            for n in (1, 2)
            if self.cleaned_data.get(f"next_step_{n}")
        ]


class AssigneeField(KernModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.membership.organisation.name})"


class TaskForm(KernForm):
    """A task of the case that stems from neither a contact nor the plan."""

    description = KernCharField(label=_("Task"), max_length=300)
    organisation = KernModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    assignee = AssigneeField(
        label=_("Responsible person (user)"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    assignee_name = KernCharField(
        label=_("Responsible person (name)"),
        max_length=200,
        required=False,
        help_text=_("e.g. the participant, or someone without an account"),
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())
    note = KernCharField(
        label=_("Note"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            network_id=participant.network_id
        ).order_by("name")
        self.fields["assignee"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(
                membership__organisation__network_id=participant.network_id,
                membership__role__in=CASE_ROLES,
                is_active=True,
            )
            .select_related("membership__organisation")
            .order_by("last_name", "first_name", "username")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        user, organisation = cleaned.get("assignee"), cleaned.get("organisation")
        if user and organisation and user.membership.organisation_id != organisation.pk:
            self.add_error(
                "assignee", _("This person does not work for the responsible organisation.")
            )
        return cleaned


class TaskEditForm(VersionedFormMixin, TaskForm):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)

    field_order = ["description", "organisation", "assignee", "assignee_name", "due_on", "status"]


class RevokeConsentForm(KernForm):
    revoked_on = forms.DateField(
        label=_("Revoked on"), widget=DateInput(), validators=[not_in_future]
    )


class ShareForm(KernForm):
    organisation = KernModelChoiceField(label=_("Share with"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            network_id=participant.network_id
        ).exclude(pk=participant.organisation_id)


class VolunteerAssignForm(KernForm):
    volunteer = KernModelChoiceField(label=_("Volunteer"), queryset=None)

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["volunteer"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(
                membership__organisation_id=participant.organisation_id,
                membership__role="volunteer",
                is_active=True,
            )
            .exclude(pk__in=participant.volunteers.values("pk"))
            .order_by("last_name", "username")
        )
        self.fields["volunteer"].label_from_instance = full_name  # type: ignore[attr-defined]


class CaseloadFilterForm(KernForm):
    """The caseload's filters. Sites and counsellors are plain choices read as value pairs: the
    list renders on every caseload request, and model instances cost more than the query."""

    q = KernCharField(
        label=pgettext_lazy("search field", "Search"),
        required=False,
        max_length=200,
        help_text=_("Name in any spelling, date of birth or file number"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *ParticipantStatus.choices]
    )
    site = forms.TypedChoiceField(label=_("Site"), required=False, coerce=int, empty_value=None)
    counsellor = forms.ChoiceField(label=_("Counsellor"), required=False)
    expiring = forms.BooleanField(
        label=_("Document expired or expires within 30 days"), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sites = network_sites(organisation.network_id)
        # Own sites first; another organisation's (where shared cases are) named with it.
        self.fields["site"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((str(pk), name) for pk, name, owner, _o in sites if owner == organisation.pk),
            *(
                (str(pk), f"{name} ({owner_name})")
                for pk, name, owner, owner_name in sites
                if owner != organisation.pk
            ),
        ]
        self.fields["counsellor"].choices = [  # type: ignore[attr-defined]
            ("organisation", _("my organisation")),
            ("me", _("me")),
            ("shared", _("shared with my organisation")),
            ("", _("all, including shared cases")),
            *(
                (str(pk), name if active else _("%(name)s (deactivated)") % {"name": name})
                for pk, name, active in case_workers(organisation.pk)
            ),
        ]

    def fragment_key(self) -> str | None:
        """What the rendered filters depend on, for the page's fragment cache: the language,
        the lists and the values chosen. None when a search term is typed (what someone searched
        for is never cached) or a field is in error."""
        if self.errors or self.data.get("q"):
            return None
        lists = [
            [(value, str(label)) for value, label in self.fields[name].choices]  # type: ignore[attr-defined]
            for name in ("status", "site", "counsellor")
        ]
        chosen = [self.data.get(name, "") for name in ("status", "site", "counsellor", "expiring")]
        return hashlib.sha256(repr((get_language(), lists, chosen)).encode()).hexdigest()


class CaseloadTransferForm(KernForm):
    """The cases of one counsellor, all or some, to another of the same organisation."""

    to_counsellor = forms.TypedChoiceField(label=_("Move to"), coerce=int)
    which = forms.ChoiceField(
        label=_("Which cases"),
        widget=forms.RadioSelect,
        choices=[("all", _("All cases")), ("selected", _("Only the cases ticked below"))],
        initial="all",
    )
    participants = forms.TypedMultipleChoiceField(
        label=_("Cases"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        from_counsellor_id: int,
        cases: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        status_labels = dict(ParticipantStatus.choices)
        self.fields["to_counsellor"].choices = [  # type: ignore[attr-defined]
            ("", _("– please choose –")),
            *(
                (str(pk), name)
                for pk, name, active in case_workers(organisation.pk)
                if active and pk != from_counsellor_id
            ),
        ]
        self.fields["participants"].choices = [  # type: ignore[attr-defined]
            (
                str(case["pk"]),
                f"{case['last_name']}, {case['first_names']} ({case['file_number']}, "
                f"{status_labels[case['status']]})",
            )
            for case in cases
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("which") == "selected" and not cleaned.get("participants"):
            self.add_error("participants", _("Tick the cases to move, or choose all cases."))
        if cleaned.get("which") == "all" and cleaned.get("participants"):
            # Ticking cases while "all cases" stays chosen would move every case.
            self.add_error(
                "which",
                _(
                    "You ticked single cases but chose all cases. Choose “Only the cases ticked"
                    " below” to move only those, or untick them to move all cases."
                ),
            )
        return cleaned

    def participant_ids(self) -> list[int] | None:
        """None for all cases, at the moment of the move."""
        if self.cleaned_data["which"] == "all":
            return None
        return list(self.cleaned_data["participants"])
