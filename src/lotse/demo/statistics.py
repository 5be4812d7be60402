"""The demo network publishes its open statistics, so the public page has something to show,
and offers a few language courses with free seats, so that its needs analysis has capacity
to set against the needs ("target group × offers")."""

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.network.models import Network
from lotse.offers.models import Offer
from lotse.offers.services import offer_save
from lotse.reporting.disclosure import DEFAULT_THRESHOLD
from lotse.reporting.statistics.services import statistics_publication_save

PERMITS = ["residence_permit", "fictional_certificate", "settlement_permit"]
TOLERATED = ["duldung", "ausbildungsduldung", "beschaeftigungsduldung", "gestattung"]

LANGUAGE_COURSES: tuple[tuple[str, str, str, list[str], int, int], ...] = (
    # title, kind, minimum level of German, documents accepted (none: everyone), seats, free
    ("Integrationskurs (Allgemein)", "integration_course", "", [*PERMITS, "gestattung"], 20, 6),
    ("Deutsch A2 am Nachmittag", "language_course", "A1", [], 16, 4),
    ("Berufssprachkurs B2", "job_language_course", "B1", PERMITS, 18, 5),
    ("Deutsch für den Beruf B1", "job_language_course", "A2", [*PERMITS, *TOLERATED], 15, 3),
)


def load_statistics(network: Network, coordinator: User) -> None:
    statistics_publication_save(
        actor=coordinator,
        network=network,
        public=True,
        threshold=DEFAULT_THRESHOLD,
        expected_version=None,
    )
    today = timezone.localdate()
    for title, kind, german, documents, seats, free in LANGUAGE_COURSES:
        offer_save(
            actor=coordinator,
            network=network,
            offer=Offer(
                outside_provider="Volkshochschule Musterstadt",
                kind=kind,
                title=title,
                min_german=german,
                documents=documents,
                seats=seats,
                seats_free=free,
                seats_updated_on=today,
                start_date=today.replace(day=1),
            ),
            sites=[],
            expected_version=None,
        )
