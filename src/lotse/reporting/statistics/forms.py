from lotse.core.forms import KernModelForm
from lotse.core.versioning import VersionedFormMixin
from lotse.reporting.statistics_models import StatisticsPublication


class PublicationForm(VersionedFormMixin, KernModelForm):
    class Meta:
        model = StatisticsPublication
        fields = ("public", "threshold")
