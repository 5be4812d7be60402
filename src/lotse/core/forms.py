"""KERN UX styling for every form: one mixin instead of classes in each template."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.core.validators import RegexValidator
from django.db import connection
from django.db.models import Model
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
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


def html_attributes(attrs: dict[str, Any]) -> SafeString:
    """Attributes as Django's attrs.html writes them: in order, True bare, False left out."""
    return mark_safe(  # noqa: S308 (joined escaped parts)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class KernSelect(forms.Select):
    """A single select rendered in Python. Django builds an attribute dict and renders a
    template per option (and one per attribute): with a few dozen options (the counsellors of
    an organisation) that was a third of a list page's time."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        selected = set(widget["value"])
        parts = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(
                    format_html(
                        '<optgroup label="{}">{}</optgroup>',
                        option_value,
                        self._options(label, selected),
                    )
                )
            else:
                parts.append(self._options([(option_value, label)], selected))
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            html_attributes(widget["attrs"]),
            mark_safe("".join(parts)),  # noqa: S308 (joined escaped parts)
        )

    @staticmethod
    def _options(choices: Any, selected: set[str]) -> SafeString:
        options = []
        for value, label in choices:
            text = "" if value is None else str(value)
            mark = " selected" if text in selected else ""
            options.append(
                f'<option value="{escape(text)}"{mark}>{conditional_escape(label)}</option>'
            )
        return mark_safe("".join(options))  # noqa: S308 (escaped parts)


# Django's templates of these widgets only include input.html, which InputInPython writes.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in ("text", "email", "number", "date", "tel", "url", "search", "password", "hidden")
) | {"django/forms/widgets/checkbox.html", "django/forms/widgets/input.html"}


class InputInPython:
    """Writes an <input> as Django's input.html would, without its two templates: each cost
    ~0.2 ms, a filter form with a search box and a checkbox ~1 ms."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            html_attributes(widget["attrs"]),
        )


_IN_PYTHON: dict[type, type] = {}


def _in_python(widget_class: type) -> type:
    """The same widget class with InputInPython's render (made once per class)."""
    if widget_class not in _IN_PYTHON:
        _IN_PYTHON[widget_class] = type(widget_class.__name__, (InputInPython, widget_class), {})
    return _IN_PYTHON[widget_class]


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


# Swapped in for Django's own classes on every form (see KernFormMixin).
SAFER_FIELDS = {
    forms.CharField: KernCharField,
    forms.ModelChoiceField: KernModelChoiceField,
    forms.ModelMultipleChoiceField: KernModelMultipleChoiceField,
}


class KernFormMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if type(field) in SAFER_FIELDS:
                # The field is this form's own copy, so changing its class is local.
                field.__class__ = SAFER_FIELDS[type(field)]
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "kern-form-input__input",
            )
            widget.attrs.setdefault("class", css)
            # The field's widget is this form's own copy, so changing its class is local.
            if type(widget) is forms.Select:
                widget.__class__ = KernSelect
            elif (
                isinstance(widget, forms.widgets.Input) and widget.template_name in INPUT_TEMPLATES
            ):
                widget.__class__ = _in_python(type(widget))
            if (
                isinstance(widget, forms.RadioSelect)
                and not isinstance(widget, forms.CheckboxSelectMultiple)  # a RadioSelect too
                and not isinstance(field, forms.ModelChoiceField)  # no empty choice when required
                and field.required
            ):
                # A required radio group needs no "nothing chosen" radio of its own. Fixed lists
                # only: a model field's choices follow its queryset, which forms set later.
                field.choices = [c for c in field.choices if c[0] != ""]
            if isinstance(field, forms.CharField) and field.max_length:
                widget.attrs.setdefault("maxlength", field.max_length)

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


class KernModelForm(KernFormMixin, forms.ModelForm):
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
