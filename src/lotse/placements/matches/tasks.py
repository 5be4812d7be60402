"""Background work of matching, run by the worker (`lotse db_worker`)."""

from django.tasks import task
from django.utils import timezone

from lotse.placements.matches.services import new_matches_record


@task()
def find_new_matches(network_id: int, vacancy_ids: list[int] | None = None) -> int:
    """Who fits the new vacancies (all open ones of the network when none are given)."""
    return new_matches_record(
        network_id=network_id, today=timezone.localdate(), vacancy_ids=vacancy_ids
    )
