"""The forms of the house: KERN UX classes on every widget (one mixin instead of classes in each
template), and field classes that answer what the browser sends as the page promised."""

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.core.validators import RegexValidator
from django.db import connection, models
from django.db.models import Model
from django.forms.models import ModelFormMetaclass
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(
    r"^\d{5}$", _("A German postcode has exactly five digits, e.g. 12345.")
)
phone_validator = RegexValidator(
    r"^\+?[\d\s()/-]{5,30}$",
    _("Enter a phone number with digits only, e.g. +49 170 1234567."),
)

# The first class a widget is an instance of wins: CheckboxSelectMultiple is a RadioSelect too.
WIDGET_CLASSES = {
    forms.CheckboxInput: "kern-form-check__checkbox",
    forms.CheckboxSelectMultiple: "kern-form-check__checkbox",
    forms.RadioSelect: "kern-form-check__radio",
    forms.Select: "kern-form-input__select",
    forms.SelectMultiple: "kern-form-input__select",
}


def _outside_key_range(field: forms.ModelChoiceField, value: Any) -> bool:  # type: ignore[type-arg]
    """A number too large for the primary key: the database would fail on it, not answer."""
    if field.to_field_name or isinstance(value, Model):
        return False
    try:
        number = int(str(value))
    except ValueError:
        return False  # Django answers "not a valid choice" itself
    low, high = connection.ops.integer_field_range(
        field.queryset.model._meta.pk.get_internal_type()  # type: ignore[union-attr]
    )
    low = -(2**63) if low is None else low
    high = 2**63 - 1 if high is None else high
    return not low <= number <= high


class KernModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _outside_key_range(self, value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class KernModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def _check_values(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else []:
            if _outside_key_range(self, item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:20]},
                )
        return super()._check_values(value)  # type: ignore[misc]


class KernCharField(forms.CharField):
    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            # Browsers count a line break as one character against `maxlength` but send two
            # (CR LF): without this, text the page accepted would be refused as too long.
            value = value.replace("\r\n", "\n")
        return super().to_python(value)


# Django's field classes that the ones above replace: declared fields name ours, model forms
# get them from `kern_formfield` (tests/core check that no form declares Django's own).
PLAIN_FIELDS = {
    forms.CharField: KernCharField,
    forms.ModelChoiceField: KernModelChoiceField,
    forms.ModelMultipleChoiceField: KernModelMultipleChoiceField,
}


def kern_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:  # type: ignore[type-arg]
    """The form field of a model field, as Django makes it but of the classes above."""
    if isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", KernModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", KernModelMultipleChoiceField)
    elif type(db_field) in (models.CharField, models.TextField):
        # Exactly these: an EmailField or a field with choices brings its own form field.
        kwargs.setdefault("form_class", KernCharField)
    return db_field.formfield(**kwargs)


def kern_field(field: forms.Field) -> None:
    """KERN UX classes and `maxlength` on a field's widget (also for fields a form adds later)."""
    widget = field.widget
    css = next(
        (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)),
        "kern-form-input__input",
    )
    widget.attrs.setdefault("class", css)
    if (
        isinstance(widget, forms.RadioSelect)
        and not isinstance(widget, forms.CheckboxSelectMultiple)  # a RadioSelect too
        and not isinstance(field, forms.ModelChoiceField)  # no empty choice when required
        and field.required
    ):
        # A required radio group needs no "nothing chosen" radio of its own. Fixed lists
        # only: a model field's choices follow its queryset, which forms set later.
        field.choices = [c for c in field.choices if c[0] != ""]  # type: ignore[attr-defined]
    if isinstance(field, forms.CharField) and field.max_length:
        widget.attrs.setdefault("maxlength", field.max_length)


class KernFormMixin:
    """What every form of the house does beyond Django: KERN UX classes on the widgets (the
    markup itself comes from the templates of `core/renderers.py`), no empty choice in a
    required radio group, `maxlength` from the field.

    `required_when` names the fields that are needed only in some cases (the form's `clean`
    asks for them) and says when: their label says that instead of "optional"."""

    required_when: ClassVar[Mapping[str, str | Promise]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            kern_field(field)
            if name in self.required_when:
                field.required_when = self.required_when[name]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = (
                    f"{widget.attrs.get('class', '')} kern-form-input__input--error"
                )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def not_in_future(value: datetime.date | None) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date lies in the future."))


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelFormMetaclass(ModelFormMetaclass):
    """Gives every model form of the house `kern_formfield` (each form writes its own Meta)."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> type:
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(kern_formfield)
        return super().__new__(mcs, name, bases, attrs)


# The stubs' ModelForm is generic in its model; Django's takes no type argument at run time.
if TYPE_CHECKING:
    _ModelForm = forms.ModelForm[Any]
else:
    _ModelForm = forms.ModelForm


class KernModelForm(KernFormMixin, _ModelForm, metaclass=KernModelFormMetaclass):
    pass


class LoginForm(KernFormMixin, AuthenticationForm):
    pass


class PasswordChangeForm(KernFormMixin, DjangoPasswordChangeForm):
    def clean_new_password1(self) -> str:
        new: str = self.cleaned_data["new_password1"]
        # A start password chosen by someone else must really be replaced.
        if self.user.check_password(new):
            raise forms.ValidationError(
                _("The new password must differ from the current one."), code="password_unchanged"
            )
        return new
