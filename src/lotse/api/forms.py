from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.api.services import DEFAULT_VALIDITY_DAYS, VALIDITY_DAYS
from lotse.core.forms import KernCharField, KernForm


class ApiTokenCreateForm(KernForm):
    name = KernCharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses the token, e.g. “Reporting script”"),
    )
    days = forms.TypedChoiceField(label=_("Valid for"), coerce=int, initial=DEFAULT_VALIDITY_DAYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [  # type: ignore[attr-defined]
            (days, ngettext("%(count)d day", "%(count)d days", days) % {"count": days})
            for days in VALIDITY_DAYS
        ]
