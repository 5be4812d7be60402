from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernCharField, KernForm, KernModelForm, kern_field
from lotse.core.versioning import VersionedFormMixin
from lotse.events.models import CountedGroup, Event
from lotse.network.models import Organisation, Site

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OrganiserChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class SiteChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Site) -> str:
        return f"{obj.organisation} – {obj}"


class EventForm(VersionedFormMixin, KernModelForm):
    organisers = OrganiserChoiceField(
        label=_("Organisers"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    site = SiteChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)
    # A new event comes with its sessions: the first, and for a series how many a week apart.
    first_date = forms.DateField(label=_("Date of the first session"), widget=DateInput)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)
    session_count = forms.IntegerField(
        label=_("Number of sessions"),
        min_value=1,
        max_value=60,
        initial=1,
        help_text=_("A series, e.g. a school course: the sessions follow each other weekly."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "organisers",
            "description",
            "site",
            "address",
            "target_group",
            "topics",
            "capacity",
            "waiting_list",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, network_id: int, own_organisation: Organisation | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        organisers = self.fields["organisers"]
        site = self.fields["site"]
        assert isinstance(organisers, forms.ModelMultipleChoiceField)
        assert isinstance(site, forms.ModelChoiceField)
        organisers.queryset = Organisation.objects.filter(network_id=network_id).order_by("name")
        site.queryset = Site.objects.filter(organisation__network_id=network_id).select_related(
            "organisation"
        )
        self.own_organisation = own_organisation
        if own_organisation is not None and self.instance.pk is None:
            self.initial["organisers"] = [own_organisation.pk]
        if self.instance.pk is not None:
            for name in ("first_date", "starts_at", "ends_at", "session_count"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisers = cleaned.get("organisers")
        if (
            self.own_organisation is not None
            and organisers is not None
            and self.own_organisation not in organisers
        ):
            # A partner keeps only its own events: one it did not organise would be lost to it.
            self.add_error(
                "organisers",
                _("Your organisation must be among the organisers of the events it enters."),
            )
        if not cleaned.get("site") and not cleaned.get("address", "").strip():
            self.add_error("address", _("Choose a site or enter the address."))
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end time must come after the start time."))
        return cleaned


class SessionForm(KernForm):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    starts_at = forms.TimeField(label=_("From"), widget=TIME)
    ends_at = forms.TimeField(label=_("Until"), widget=TIME)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end time must come after the start time."))
        return cleaned


class RegisterForm(KernForm):
    file_number = KernCharField(
        label=_("File number of the participant"),
        max_length=20,
        help_text=_("e.g. SW-2026-00094"),
    )


class GroupForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = CountedGroup
        fields = ["organisation_name", "function", "count"]

    def __init__(self, *args: Any, for_school: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if for_school:
            self.fields["organisation_name"].label = _("School")
            self.fields["function"].label = _("Class")
            self.fields["function"].help_text = _("e.g. VBK-DaZ 2b")
            self.fields["count"].label = _("Number of pupils")
        else:
            self.fields["organisation_name"].label = _("Organisation")
            self.fields["function"].label = _("Function")
            self.fields["function"].help_text = _("e.g. Arbeitsvermittlung")


class AttendanceForm(KernForm):
    """One check box per registered participant shown: ticked is present."""

    def __init__(
        self, *args: Any, registrations: list[Any], marks: dict[int, bool], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for registration in registrations:
            person = registration.participant
            self.fields[f"present_{registration.pk}"] = forms.BooleanField(
                label=f"{person.last_name}, {person.first_names} ({person.file_number})",
                required=False,
                initial=marks.get(registration.pk, False),
            )
            kern_field(self.fields[f"present_{registration.pk}"])

    def present(self) -> dict[int, bool]:
        return {
            int(name.removeprefix("present_")): bool(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("present_")
        }


class EvaluationForm(VersionedFormMixin, KernForm):
    useful_1 = forms.IntegerField(label=_("1 – not useful"), min_value=0, initial=0)
    useful_2 = forms.IntegerField(label="2", min_value=0, initial=0)
    useful_3 = forms.IntegerField(label="3", min_value=0, initial=0)
    useful_4 = forms.IntegerField(label="4", min_value=0, initial=0)
    useful_5 = forms.IntegerField(label=_("5 – very useful"), min_value=0, initial=0)

    def counts(self) -> list[int]:
        return [self.cleaned_data[f"useful_{n}"] for n in range(1, 6)]


class RegisterCaseForm(KernForm):
    """From the participant's case: one of the network's coming events."""

    event = forms.TypedChoiceField(label=_("Event"), coerce=int)

    def __init__(self, *args: Any, events: list[Event], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["event"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", _("– please choose –")),
            *(
                (e.pk, f"{e.title} ({min(s.date for s in e.sessions.all()):%d.%m.%Y})")
                for e in events
            ),
        ]
