"""Turn a type-checked JSON body into form data, so the API validates with the very forms the
pages use: same rules, same messages, same language."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from lotse.api.errors import NON_FIELD, InvalidDataError

UNSTORABLE_TEXT = _("The text contains characters that cannot be stored.")


def form_data(values: Mapping[str, Any]) -> MultiValueDict[str, Any]:
    """JSON values as a browser would post them; null counts as "not sent"."""
    data: MultiValueDict[str, Any] = MultiValueDict()
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        items = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and not _storable(item) for item in items):
            errors[name] = [str(UNSTORABLE_TEXT)]
        elif isinstance(value, list):
            data.setlist(name, [str(item) for item in value])
        elif isinstance(value, bool):
            data[name] = value
        elif value is not None:
            data[name] = str(value)
    if errors:
        raise InvalidDataError(errors)
    return data


def _storable(text: str) -> bool:
    # JSON may carry lone surrogates (\ud800); no database can store them.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def form_errors(form: forms.BaseForm, prefix: str = "") -> dict[str, list[str]]:
    return {
        (f"{prefix}{field}" if field != NON_FIELD else (prefix.rstrip(".") or NON_FIELD)): [
            str(message) for message in messages
        ]
        for field, messages in form.errors.items()
    }


def cleaned(form: forms.BaseForm, prefix: str = "") -> dict[str, Any]:
    if not form.is_valid():
        raise InvalidDataError(form_errors(form, prefix))
    return dict(form.cleaned_data)
