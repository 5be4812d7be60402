import datetime
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.appointments import slots
from lotse.appointments.enums import AppointmentKind, AppointmentStatus, Place
from lotse.appointments.models import Appointment
from lotse.core.forms import (
    DateInput,
    KernCharField,
    KernForm,
    KernModelChoiceField,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.network.enums import CASE_ROLES, Weekday
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
    # Asked for only when a confirmed time lies outside the counsellor's consultation hours.
    confirm_outside_hours = forms.BooleanField(
        label=_("Yes, confirm this time outside the consultation hours"), required=False
    )

    required_when: ClassVar[Mapping[str, str | Promise]] = {
        "site": _("needed for an appointment at a site"),
        "address": _("needed for an appointment at an address"),
    }

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
        # Interpreting is case work: counsellors and team leads, never a volunteer or a funder.
        self.fields["interpreter"].queryset = _people(network_id).filter(  # type: ignore[attr-defined]
            membership__role__in=CASE_ROLES
        )
        self.asks_outside_hours = bool(self.data.get("confirm_outside_hours"))

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
        self._ask_outside_hours(cleaned)
        place = cleaned.get("place")
        if place == Place.SITE and not cleaned.get("site"):
            self.add_error("site", _("Choose the site where the appointment takes place."))
        if place == Place.ADDRESS and not cleaned.get("address"):
            self.add_error("address", _("Enter the address where the appointment takes place."))
        return cleaned

    def visible_fields(self) -> list[Any]:
        """The confirmation box only when the form asks it."""
        return [
            field
            for field in super().visible_fields()
            if field.name != "confirm_outside_hours" or self.asks_outside_hours
        ]

    def refuse(self, error: Exception) -> None:
        """A service's refusal, next to its field where it names one."""
        field = getattr(error, "field", None)
        message = getattr(error, "message", str(error))
        self.add_error(field if field in self.fields else None, message)

    def _ask_outside_hours(self, cleaned: dict[str, Any]) -> None:
        """A confirmed appointment outside the counsellor's consultation hours is confirmed
        twice: the form shows the question and saves only with the box ticked."""
        counsellor = cleaned.get("counsellor")
        if (
            cleaned.get("status") != AppointmentStatus.CONFIRMED
            or counsellor is None
            or "starts_at" not in cleaned
            or not slots.has_hours(counsellor)
            or slots.within_hours(
                counsellor,
                cleaned["starts_at"],
                cleaned["ends_at"],
                site=cleaned.get("site") if cleaned.get("place") == Place.SITE else None,
            )
        ):
            return
        self.asks_outside_hours = True
        if not cleaned.get("confirm_outside_hours"):
            self.add_error(
                "confirm_outside_hours",
                _(
                    "This time lies outside the counsellor's consultation hours. Tick the box "
                    "to confirm it all the same."
                ),
            )

    def values(self) -> dict[str, Any]:
        """What the services take."""
        data = self.data_without_version()
        for name in ("day", "starts", "ends", "confirm_outside_hours"):
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
    """Whose consultation hours to book, and which day (GET)."""

    counsellor = PersonField(label=_("Counsellor"), queryset=get_user_model().objects.none())
    day = forms.DateField(label=_("Day"), widget=DateInput(), required=False)

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


class MarkForm(VersionedFormMixin, KernForm):
    """The front desk's buttons: attended or did not attend, against the version it showed."""

    status = forms.ChoiceField(
        choices=[
            (AppointmentStatus.DONE, AppointmentStatus.DONE.label),
            (AppointmentStatus.MISSED, AppointmentStatus.MISSED.label),
        ]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A mark always changes a shown appointment: without its version it is refused.
        self.fields["version"].required = True


class HoursForm(KernForm):
    """One entry of a counsellor's consultation hours: a weekday from–until at a site, or
    "by appointment" at a site."""

    site = SiteField(label=_("Site"), queryset=Site.objects.none())
    by_appointment = forms.TypedChoiceField(
        label=_("When"),
        choices=[
            ("", _("Consultation hours on a weekday")),
            ("1", _("By appointment (no fixed hours)")),
        ],
        coerce=bool,
        empty_value="",
        required=False,
        widget=forms.RadioSelect,
    )
    # Optional as fields, required for hours on a weekday (`clean`): "by appointment" has none.
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", "—"), *Weekday.choices],
        coerce=int,
        required=False,
        help_text=_("Weekday, from and until: for consultation hours on a weekday."),
    )
    starts_at = forms.TimeField(label=_("From"), widget=TimeInput(), required=False)
    ends_at = forms.TimeField(label=_("Until"), widget=TimeInput(), required=False)
    state = KernCharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("by_appointment"):
            return cleaned
        if cleaned.get("weekday") in (None, ""):
            self.add_error("weekday", _("Choose the weekday."))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts is None and "starts_at" not in self.errors:
            self.add_error("starts_at", _("Enter when the consultation hours begin."))
        if ends is None and "ends_at" not in self.errors:
            self.add_error("ends_at", _("Enter when the consultation hours end."))
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", _("The consultation hours must end after they begin."))
        return cleaned

    def refuse(self, error: Exception) -> None:
        field = getattr(error, "field", None)
        self.add_error(field if field in self.fields else None, getattr(error, "message", ""))


class HoursPersonForm(KernForm):
    """Whose hours a team lead keeps (GET)."""

    counsellor = PersonField(label=_("Counsellor"), queryset=get_user_model().objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = people  # type: ignore[attr-defined]
