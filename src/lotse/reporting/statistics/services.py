from django.contrib.auth.models import User
from django.db import transaction

from lotse.audit.services import audit_record
from lotse.core.versioning import lock_current
from lotse.network.models import Network
from lotse.reporting.statistics_models import StatisticsPublication


@transaction.atomic
def statistics_publication_save(
    *,
    actor: User,
    network: Network,
    public: bool,
    threshold: int,
    expected_version: int | None,
) -> StatisticsPublication:
    """The coordinator publishes the network's statistics (or withdraws them) and sets the
    smallest number a published cell may show."""
    locked = lock_current(
        StatisticsPublication.objects.filter(network=network), expected_version=expected_version
    )
    publication = locked or StatisticsPublication(network=network)
    publication.public = public
    publication.threshold = threshold
    publication.save()
    audit_record(
        actor=actor,
        action="reporting.statistics.published" if public else "reporting.statistics.withdrawn",
        obj=publication,
        network_id=network.pk,
        detail={"threshold": threshold},
    )
    return publication
