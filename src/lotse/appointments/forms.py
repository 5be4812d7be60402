import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.appointments.enums import AppointmentKind, AppointmentStatus, Place
from lotse.appointments.models import Appointment
from lotse.core.forms import (
    DateInput,
    KernCharField,
    KernForm,
    KernModelChoiceField,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Site
from lotse.participants.models import Participant
from lotse.profiles.enums import language_options


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class PersonField(KernModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.membership.organisation.name})"


class SiteField(KernModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.street}, {obj.city} ({obj.organisation.name})"


def _people(network_id: int) -> Any:
    return (
        get_user_model()
        .objects.filter(membership__organisation__network_id=network_id, is_active=True)
        .select_related("membership__organisation")
        .order_by("last_name", "first_name", "username")
    )


class AppointmentForm(VersionedFormMixin, KernForm):
    """Record or change an appointment. Date and times separately: what a counsellor reads
    off a letter of the Ausländerbehörde."""

    kind = forms.ChoiceField(label=_("Kind"), choices=AppointmentKind.choices)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    starts = forms.TimeField(label=_("From"), widget=TimeInput())
    ends = forms.TimeField(label=_("Until"), widget=TimeInput())
    place = forms.ChoiceField(
        label=_("Where"), choices=Place.choices, widget=forms.RadioSelect, initial=Place.SITE
    )
    site = SiteField(label=_("Site"), queryset=Site.objects.none(), required=False)
    address = KernCharField(
        label=_("Address"),
        max_length=200,
        required=False,
        help_text=_("e.g. Ausländerbehörde, Am Markt 1, 28195 Bremen, Zimmer 204"),
    )
    online_link = forms.URLField(label=_("Link for the online meeting"), required=False)
    counsellor = PersonField(
        label=_("Counsellor"), queryset=get_user_model().objects.none(), required=False
    )
    interpreter = PersonField(
        label=_("Interpreter in the network"),
        queryset=get_user_model().objects.none(),
        required=False,
    )
    interpreter_name = KernCharField(
        label=_("Interpreter from outside"), max_length=150, required=False
    )
    interpreter_language = forms.ChoiceField(
        label=_("Interpreter language"), choices=language_options, required=False
    )
    note = KernCharField(
        label=_("Note"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=AppointmentStatus.choices, initial=AppointmentStatus.PLANNED
    )

    def __init__(
        self,
        *args: Any,
        participant: Participant,
        organisation_id: int,
        appointment: Appointment | None = None,
        **kwargs: Any,
    ) -> None:
        self.creating = appointment is None
        if appointment is not None:
            kwargs.setdefault("version", appointment.version)
            kwargs.setdefault("initial", initial_of(appointment))
        super().__init__(*args, **kwargs)
        self.fields["interpreter_language"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *language_options(),
        ]
        network_id = participant.network_id
        self.fields["site"].queryset = (  # type: ignore[attr-defined]
            Site.objects.filter(organisation__network_id=network_id)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        self.fields["counsellor"].queryset = _people(network_id).filter(  # type: ignore[attr-defined]
            membership__role__in=CASE_ROLES,
            membership__organisation_id__in={participant.organisation_id, organisation_id},
        )
        self.fields["interpreter"].queryset = _people(network_id)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            zone = timezone.get_current_timezone()
            cleaned["starts_at"] = datetime.datetime.combine(day, starts, tzinfo=zone)
            cleaned["ends_at"] = datetime.datetime.combine(day, ends, tzinfo=zone)
            if ends <= starts:
                self.add_error("ends", _("The appointment must end after it starts."))
            elif (
                self.creating
                and cleaned.get("status")
                in (AppointmentStatus.PLANNED, AppointmentStatus.CONFIRMED)
                and cleaned["starts_at"] < timezone.now()
            ):
                self.add_error(
                    "status",
                    _(
                        "An appointment in the past cannot be planned or confirmed: record it "
                        "as done or missed."
                    ),
                )
        place = cleaned.get("place")
        if place == Place.SITE and not cleaned.get("site"):
            self.add_error("site", _("Choose the site where the appointment takes place."))
        if place == Place.ADDRESS and not cleaned.get("address"):
            self.add_error("address", _("Enter the address where the appointment takes place."))
        return cleaned

    def values(self) -> dict[str, Any]:
        """What the services take."""
        data = self.data_without_version()
        for name in ("day", "starts", "ends"):
            data.pop(name, None)
        return data


def initial_of(appointment: Appointment) -> dict[str, Any]:
    start = timezone.localtime(appointment.starts_at)
    end = timezone.localtime(appointment.ends_at)
    return {
        "kind": appointment.kind,
        "day": start.date(),
        "starts": start.time(),
        "ends": end.time(),
        "place": appointment.place,
        "site": appointment.site_id,
        "address": appointment.address,
        "online_link": appointment.online_link,
        "counsellor": appointment.counsellor_id,
        "interpreter": appointment.interpreter_id,
        "interpreter_name": appointment.interpreter_name,
        "interpreter_language": appointment.interpreter_language,
        "note": appointment.note,
        "status": appointment.status,
    }


class SlotCounsellorForm(KernForm):
    """Whose consultation hours to book (GET)."""

    counsellor = PersonField(label=_("Counsellor"), queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, participant: Participant, organisation_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = _people(participant.network_id).filter(  # type: ignore[attr-defined]
            membership__role__in=CASE_ROLES,
            membership__organisation_id__in={participant.organisation_id, organisation_id},
        )


class SlotBookForm(KernForm):
    """One slot, posted by its button."""

    counsellor = forms.IntegerField(widget=forms.HiddenInput)
    starts_at = forms.DateTimeField(widget=forms.HiddenInput)
    site = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=AppointmentKind.choices, initial=AppointmentKind.COUNSELLING, required=False
    )


def user_label(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class AppointmentSettingsForm(KernForm):
    reminder_lead_hours = forms.IntegerField(
        label=_("Reminder this many hours before the appointment"),
        min_value=1,
        max_value=168,
        help_text=_("Participants with an e-mail address are reminded then; 24 is a day."),
    )
    slot_minutes = forms.IntegerField(
        label=_("Length of a slot in the consultation hours, in minutes"),
        min_value=10,
        max_value=120,
    )
