from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.versioning import Versioned
from lotse.reporting.disclosure import DEFAULT_THRESHOLD


class StatisticsPublication(Versioned):
    """A network's decision to publish its open statistics, and the smallest number of people
    a published cell may show (smaller counts are suppressed). Aggregates only: no personal
    data, so no scoped manager (like the offers' `Catalogue`)."""

    network = models.OneToOneField(
        "network.Network", on_delete=models.CASCADE, related_name="statistics_publication"
    )
    public = models.BooleanField(_("publish the statistics"), default=False)
    threshold = models.PositiveSmallIntegerField(
        _("smallest number shown"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(DEFAULT_THRESHOLD), MaxValueValidator(50)],
        help_text=_("Cells with fewer people (but not none) are shown as “.”."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Statistics of network {self.network_id}"
