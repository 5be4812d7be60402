from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import (
    KernCharField,
    KernForm,
    KernModelForm,
    phone_validator,
    postcode_validator,
)
from lotse.core.versioning import VersionedFormMixin
from lotse.network.enums import Role
from lotse.network.models import ConsultationHour, Organisation, Site

postcode_field = KernCharField(label=_("Postcode"), max_length=5, validators=[postcode_validator])


class OrganisationForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "file_number_prefix", "contact_email", "contact_phone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_phone"].validators.append(phone_validator)

    def clean_file_number_prefix(self) -> str:
        prefix: str = self.cleaned_data["file_number_prefix"].upper()
        # A to Z only: the file number search recognises file numbers by that shape.
        if not (prefix.isascii() and prefix.isalpha()):
            raise forms.ValidationError(_("Use the letters A to Z only, e.g. SW."))
        return prefix

    def clean(self) -> dict[str, Any]:
        # The unique constraints include the network, which is not a field of this form, so
        # Django does not check them here; without this a taken name would fail on save.
        cleaned = super().clean() or {}
        others = Organisation.objects.filter(network_id=self.instance.network_id).exclude(
            pk=self.instance.pk
        )
        name, prefix = cleaned.get("name"), cleaned.get("file_number_prefix")
        if name and others.filter(name__iexact=name).exists():
            self.add_error("name", _("The network has an organisation of this name already."))
        if prefix and others.filter(file_number_prefix=prefix).exists():
            self.add_error("file_number_prefix", _("Another organisation uses this prefix."))
        return cleaned


class SiteForm(VersionedFormMixin, KernModelForm):
    postcode = postcode_field

    class Meta:
        model = Site
        fields = ["name", "street", "postcode", "city", "by_appointment"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        # Two sites of one name would look the same in every site filter and form.
        siblings = Site.objects.filter(organisation_id=self.instance.organisation_id)
        if siblings.exclude(pk=self.instance.pk).filter(name__iexact=name.strip()).exists():
            raise forms.ValidationError(_("The organisation has a site of this name already."))
        return name


class ConsultationHourForm(KernModelForm):
    class Meta:
        model = ConsultationHour
        fields = ["weekday", "starts_at", "ends_at"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("The end must be after the start."))
        return cleaned


class BaseConsultationHourFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def add_fields(self, form: "forms.ModelForm[Any]", index: int | None) -> None:
        super().add_fields(form, index)
        # The formset adds its own check box, which no form of the house declares.
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "kern-form-check__checkbox"
            form.fields["DELETE"].label = _("Remove this consultation hour")

    def clean(self) -> None:
        super().clean()
        # A row with its own errors (an empty or unknown weekday) has no complete cleaned_data;
        # its message is shown at the row, and the overlap check waits for a correct one.
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.errors
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("starts_at")
            and form.cleaned_data.get("ends_at")
        ]
        for i, hour in enumerate(kept):
            for other in kept[i + 1 :]:
                if (
                    hour["weekday"] == other["weekday"]
                    and hour["starts_at"] < other["ends_at"]
                    and other["starts_at"] < hour["ends_at"]
                ):
                    raise forms.ValidationError(
                        _("Two consultation hours on the same day overlap.")
                    )


ConsultationHourFormSet = forms.inlineformset_factory(
    Site,
    ConsultationHour,
    form=ConsultationHourForm,
    formset=BaseConsultationHourFormSet,
    extra=2,
    can_delete=True,
    max_num=14,
)

ASSIGNABLE_ROLES = [(r.value, r.label) for r in (Role.COUNSELLOR, Role.TEAM_LEAD, Role.VOLUNTEER)]


class AccountCreateForm(KernForm):
    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        error_messages={"invalid": _("Letters, digits and . @ + - _ only.")},
    )
    first_name = KernCharField(label=_("First name"), max_length=150)
    last_name = KernCharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ASSIGNABLE_ROLES)
    password = KernCharField(
        label=_("Initial password"),
        strip=False,  # a password is exactly what was typed, spaces included
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; the person should change it at first log-in."),
    )

    def clean_username(self) -> str:
        # Checked in the form Django stores it (NFKC: "ﬀ" is saved as "ff").
        user_model = get_user_model()
        username: str = user_model.normalize_username(self.cleaned_data["username"])
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is already taken."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password"):
            # With the future user, so that a password like the name or e-mail is refused.
            future_user = get_user_model()(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                validate_password(cleaned["password"], user=future_user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class TeamLeadCreateForm(AccountCreateForm):
    """The coordinator's form for an organisation's first team lead: the role is given."""

    role = None  # type: ignore[assignment]


class AccountChangeForm(VersionedFormMixin, KernForm):
    first_name = KernCharField(label=_("First name"), max_length=150)
    last_name = KernCharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=ASSIGNABLE_ROLES)
    is_active = forms.BooleanField(label=_("Account active"), required=False)
    new_password = KernCharField(
        label=_("New initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Only if the person has forgotten the password; leave empty otherwise."),
    )
    reset_second_factor = forms.BooleanField(
        label=_("Remove the second factor (lost phone); it is set up again at the next log-in"),
        required=False,
    )

    def __init__(self, *args: Any, user: Any, own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if own:
            # One's own role and account stay as they are (another team lead can change them).
            for name in ("role", "is_active"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("You cannot change this for your own account.")

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data["new_password"]
        if password:
            validate_password(password, user=self.user)
        return password
