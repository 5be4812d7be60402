from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import KernForm


class ApiTokenCreateForm(KernForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses the token, e.g. “Reporting script”"),
    )
