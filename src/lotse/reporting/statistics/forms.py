from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import KernModelForm
from lotse.core.versioning import VersionedFormMixin
from lotse.reporting.disclosure import DEFAULT_THRESHOLD
from lotse.reporting.statistics_models import StatisticsPublication

MAX_THRESHOLD = 50


class PublicationForm(VersionedFormMixin, KernModelForm):
    # Declared here: the model's positive integer would offer 0 as the form's minimum (and the
    # browser would say so), where the rule is at least 3.
    threshold = forms.IntegerField(
        label=_("smallest number shown"),
        min_value=DEFAULT_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_("Cells with fewer people (but not none) are shown as “.”."),
        error_messages={
            "min_value": _("The smallest number shown must be at least %(limit_value)s."),
            "max_value": _("The smallest number shown can be at most %(limit_value)s."),
        },
    )

    class Meta:
        model = StatisticsPublication
        fields = ("public", "threshold")
