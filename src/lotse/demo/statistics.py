"""The demo network publishes its open statistics, so the public page has something to show."""

from django.contrib.auth.models import User

from lotse.network.models import Network
from lotse.reporting.disclosure import DEFAULT_THRESHOLD
from lotse.reporting.statistics.services import statistics_publication_save


def load_statistics(network: Network, coordinator: User) -> None:
    statistics_publication_save(
        actor=coordinator,
        network=network,
        public=True,
        threshold=DEFAULT_THRESHOLD,
        expected_version=None,
    )
