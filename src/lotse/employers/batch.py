"""Vacancies saved as one batch (the BA import).

Each vacancy saved in the pages starts a search for who fits it (`placements.matches`
listens to `post_save`). An import of hundreds would start hundreds; inside `vacancy_batch()`
the single saves start none, and the importer sends `vacancies_imported` once with the new
open vacancies, so the batch starts one search (and none when nothing new is open). A signal,
because `employers` sits below the matching and may not call it."""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.dispatch import Signal

# sender: the Vacancy model; network_id: int; vacancy_ids: list[int] (new and open).
vacancies_imported = Signal()

_in_batch: contextvars.ContextVar[bool] = contextvars.ContextVar("vacancy_batch", default=False)


def in_batch() -> bool:
    return _in_batch.get()


@contextmanager
def vacancy_batch() -> Iterator[None]:
    token = _in_batch.set(True)
    try:
        yield
    finally:
        _in_batch.reset(token)
