import datetime
import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernModelChoiceField, KernModelForm
from lotse.core.versioning import VersionedFormMixin
from lotse.network.models import Organisation
from lotse.participants.models import Participant
from lotse.profiles import enums
from lotse.profiles.models import (
    CareerActivity,
    CareerGoal,
    CareerStep,
    DesiredOccupation,
    EducationStage,
    HealthRestriction,
    LanguageCertificate,
    LanguageCourse,
    LanguageSkill,
    Recognition,
    Resources,
    Skill,
    WorkExperience,
)
from lotse.profiles.participant_texts import LANGUAGE_NAMES
from lotse.profiles.selectors import goal_choices, language_recorded


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m")


class MonthField(forms.DateField):
    """A month (`YYYY-MM`, or a full date), stored as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%Y-%m-%d"]

    def to_python(self, value: Any) -> datetime.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class EntryForm(VersionedFormMixin, KernModelForm):
    """A form for one entry of a participant's profile or plan. The instance carries the
    participant, so the model's rules (dates before birth, …) run during validation; the
    hidden version refuses a stale edit."""

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        if instance is None:
            kwargs["instance"] = self._meta.model(participant=participant)
        super().__init__(*args, **kwargs)
        self.participant = participant
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput) and not isinstance(
                field.widget, MonthInput
            ):
                field.widget = DateInput(attrs=field.widget.attrs)

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}  # type: ignore[union-attr]


class LanguageSkillForm(EntryForm):
    class Meta:
        model = LanguageSkill
        fields = ["language", "level", "listening", "reading", "speaking", "writing"]

    def clean_language(self) -> str:
        code: str = self.cleaned_data["language"]
        if language_recorded(self.participant, code, besides=self.instance.pk):
            raise forms.ValidationError(_("This language is already in the profile."))
        return code


class LanguageCertificateForm(EntryForm):
    class Meta:
        model = LanguageCertificate
        fields = ["language", "kind", "name", "level", "issued_on"]


class LanguageCourseForm(EntryForm):
    class Meta:
        model = LanguageCourse
        fields = ["kind", "status", "target_level", "provider", "started_on", "ended_on"]


class EducationStageForm(EntryForm):
    class Meta:
        model = EducationStage
        fields = [
            "country",
            "from_year",
            "to_year",
            "completed",
            "isced_level",
            "certificate",
            "documents_exist",
            "german_equivalent",
        ]


class RecognitionForm(EntryForm):
    class Meta:
        model = Recognition
        fields = [
            "qualification",
            "authority",
            "reference_kldb_code",
            "reference_label",
            "status",
            "result",
            "adaptation_measures",
            "applied_on",
            "decided_on",
            "zeugnisbewertung",
            "zeugnisbewertung_on",
        ]
        widgets = {"adaptation_measures": forms.Textarea(attrs={"rows": 3})}


OCCUPATION_FIELDS = ["label", "kldb_code", "isco_code", "esco_uri"]
CODE_IN_LABEL = re.compile(r"^(?P<label>.*?)\s*\((?P<code>\d{5})\)\s*$")


class OccupationInput(forms.TextInput):
    """A text input that suggests coded occupations as you type (htmx fills the datalist)."""

    template_name = "profiles/widgets/occupation_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "list": "occupation-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("profiles:occupation_suggest"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#occupation-suggestions",
                "hx-swap": "innerHTML",
                **(attrs or {}),
            }
        )


class OccupationCodingMixin:
    """The counsellor types an occupation in any language and picks a suggestion such as
    "Altenpfleger/in (82102)"; the codes are filled in from the taxonomy, so nobody has to know
    KldB numbers. A code typed by hand still wins."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields  # type: ignore[attr-defined]
        fields["label"].widget = OccupationInput(attrs=fields["label"].widget.attrs)
        fields["label"].help_text = _("Type a few letters in any language and pick a suggestion.")
        fields["kldb_code"].required = False

    def _post_clean(self) -> None:
        # Before the model instance is built from cleaned_data, so the codes are saved too.
        self._code_occupation(self.cleaned_data)  # type: ignore[attr-defined]
        super()._post_clean()  # type: ignore[misc]

    def _code_occupation(self, cleaned: dict[str, Any]) -> None:
        from lotse.taxonomy.selectors import german_label, occupation_search

        label = cleaned.get("label") or ""
        match = CODE_IN_LABEL.match(label)
        if match:
            cleaned["label"] = german_label(match["label"], match["code"])
            cleaned["kldb_code"] = cleaned.get("kldb_code") or match["code"]
        if not cleaned.get("kldb_code") and cleaned.get("label"):
            hits = occupation_search(cleaned["label"], limit=1)
            if hits and hits[0].occupation.kldb_code:
                cleaned["kldb_code"] = hits[0].occupation.kldb_code
        if cleaned.get("kldb_code") and not cleaned.get("isco_code"):
            from lotse.taxonomy.models import Occupation as TaxonomyOccupation

            known = (
                TaxonomyOccupation.objects.filter(kldb_code=cleaned["kldb_code"])
                .exclude(isco_code="")
                .values_list("isco_code", flat=True)
                .first()
            )
            cleaned["isco_code"] = known or ""
        if not cleaned.get("kldb_code"):
            self.add_error(  # type: ignore[attr-defined]
                "label", _("Pick an occupation from the suggestions or enter its KldB code.")
            )


class WorkExperienceForm(OccupationCodingMixin, EntryForm):
    started_on = MonthField(label=_("From (month)"))
    ended_on = MonthField(
        label=_("To (month)"), required=False, help_text=_("Leave empty if the job continues.")
    )

    class Meta:
        model = WorkExperience
        fields = [
            *OCCUPATION_FIELDS,
            "country",
            "started_on",
            "ended_on",
            "employer",
            "tasks",
            "informal",
        ]
        widgets = {"tasks": forms.Textarea(attrs={"rows": 3})}


class DesiredOccupationForm(OccupationCodingMixin, EntryForm):
    class Meta:
        model = DesiredOccupation
        fields = OCCUPATION_FIELDS


class SkillForm(EntryForm):
    class Meta:
        model = Skill
        fields = ["label", "esco_uri", "evidence"]


class ResourcesForm(EntryForm):
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving licence classes"),
        choices=enums.DrivingLicence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mobility = forms.MultipleChoiceField(
        label=_("Mobility"),
        choices=enums.Mobility.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shift_work = forms.NullBooleanField(
        label=_("Shift work possible"), required=False, widget=forms.NullBooleanSelect
    )

    class Meta:
        model = Resources
        fields = [
            "latin_literacy",
            "driving_licences",
            "childcare_duties",
            "hours_per_week",
            "shift_work",
            "mobility",
            "desired_regions",
        ]


class HealthRestrictionForm(EntryForm):
    class Meta:
        model = HealthRestriction
        fields = ["description", "work_impact", "valid_until"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "work_impact": forms.Textarea(attrs={"rows": 3}),
        }


class CareerGoalForm(EntryForm):
    class Meta:
        model = CareerGoal
        fields = ["kind", "target_label", "target_kldb_code", "target_date", "status"]


class ResponsibleUserField(KernModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.membership.organisation.name})"


class CareerStepForm(EntryForm):
    # Scoped model: the choices are set per participant in __init__ (no query at import).
    goal = KernModelChoiceField(label=_("Goal"), queryset=None)

    class Meta:
        model = CareerStep
        fields = [
            "goal",
            "description",
            "organisation",
            "assignee",
            "assignee_name",
            "due_on",
            "status",
            "note",
        ]
        labels = {"description": _("Step")}
        field_classes = {"assignee": ResponsibleUserField}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, participant=participant, **kwargs)
        self.fields["goal"].queryset = goal_choices(participant)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(network_id=participant.network_id)
        )
        self.fields["assignee"].queryset = (  # type: ignore[attr-defined]
            get_user_model()
            .objects.filter(membership__organisation__network_id=participant.network_id)
            .select_related("membership__organisation")
            .order_by("last_name", "first_name", "username")
        )
        if self.instance.pk is None:
            self.initial.setdefault("organisation", participant.organisation_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user = data.get("assignee")
        organisation = data.get("organisation")
        if user and organisation and user.membership.organisation_id != organisation.pk:
            self.add_error(
                "assignee", _("This person does not work for the responsible organisation.")
            )
        return data


class CareerActivityForm(EntryForm):
    class Meta:
        model = CareerActivity
        fields = ["kind", "took_place_on", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}


class SideBySideForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Participant's language"),
        choices=list(LANGUAGE_NAMES.items()),
        required=False,
    )
