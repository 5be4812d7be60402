"""A vacancy recorded in the pages or the API starts the search for who fits it.

A signal, because `employers` sits below `placements` and may not call matching; the search
runs in the worker once the vacancy is committed, so recording it stays quick. A batch (the BA
import, `employers.batch`) starts one search for its new open vacancies, not one per row."""

from typing import Any

from django.db import transaction

from lotse.employers.batch import in_batch
from lotse.employers.enums import VacancyStatus
from lotse.employers.models import Vacancy
from lotse.placements.matches.tasks import find_new_matches


def vacancy_saved(sender: type[Vacancy], instance: Vacancy, created: bool, **kwargs: Any) -> None:
    if not created or instance.status != VacancyStatus.OPEN or kwargs.get("raw") or in_batch():
        return
    network_id, vacancy_id = instance.network_id, instance.pk
    transaction.on_commit(lambda: find_new_matches.enqueue(network_id, [vacancy_id]))


def vacancies_imported(
    sender: type[Vacancy], network_id: int, vacancy_ids: list[int], **kwargs: Any
) -> None:
    if not vacancy_ids:
        return
    ids = list(vacancy_ids)
    transaction.on_commit(lambda: find_new_matches.enqueue(network_id, ids))
