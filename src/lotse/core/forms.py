"""KERN UX styling for every form: one mixin instead of classes in each template."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

WIDGET_CLASSES = {
    forms.CheckboxInput: "kern-form-check__checkbox",
    forms.RadioSelect: "kern-form-check__radio",
    forms.CheckboxSelectMultiple: "kern-form-check__checkbox",
    forms.Select: "kern-form-input__select",
    forms.SelectMultiple: "kern-form-input__select",
}


class KernSelect(forms.Select):
    """A single select whose options are joined in Python. Django's builds an attribute dict
    and renders a template per option: with a few dozen options (the counsellors of an
    organisation) that was a third of a list page's time."""

    template_name = "core/widgets/select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        selected = set(context["widget"]["value"])
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
        context["widget"]["options"] = mark_safe("".join(parts))  # noqa: S308 (joined escaped parts)
        return context

    @staticmethod
    def _options(choices: Any, selected: set[str]) -> str:
        texts = [("" if v is None else str(v), label) for v, label in choices]
        return format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, " selected" if v in selected else "", label) for v, label in texts),
        )


class KernFormMixin:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = next(
                (c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "kern-form-input__input",
            )
            widget.attrs.setdefault("class", css)
            if type(widget) is forms.Select:
                # The field's widget is this form's own copy, so changing its class is local.
                widget.__class__ = KernSelect
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
