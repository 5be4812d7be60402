"""What waits for a person: the registry of inbox sources.

`inbox` sits beside the case kernel and imports no app above it. An app that puts things in the
inbox registers an `InboxSource` in its `AppConfig.ready` (like a case section): a key, a
heading, the template that renders its rows, `rows(user)` (what the signed-in user sees, at most
`ROWS_PER_SOURCE`) and `count(user)` (what waits for them, for the navigation's badge). The page
`/inbox/` and the badge iterate the registry; `inbox.services.notify` e-mails that something waits.

Rows are `InboxRow`s (or objects with the same attributes); the page lists the overdue ones of a
source first, each source in its `order`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A page stays quick however much waits: a source reads at most this many rows (overdue first)
# and says how many there are in its count.
ROWS_PER_SOURCE = 50
ROWS_TEMPLATE = "inbox/_rows.html"


@dataclass(frozen=True, slots=True)
class InboxRow:
    """One thing that waits: finished display strings, so the template only places them."""

    title: str
    url: str
    state: str = ""
    detail: str = ""
    due: datetime.date | None = None  # answered by then, else overdue
    since: datetime.date | None = None

    def overdue_on(self, today: datetime.date) -> bool:
        return self.due is not None and self.due < today


@dataclass(frozen=True)
class InboxSource:
    key: str
    heading: str | Promise
    rows: Callable[["User"], list[Any]]
    count: Callable[["User"], int] | None = None  # what waits for an answer; none: no badge
    template: str = ROWS_TEMPLATE
    order: int = 50
    # Whether the user has this source at all (a role without it sees no empty heading).
    shown: Callable[["User"], bool] | None = None


_sources: dict[str, InboxSource] = {}


def register(source: InboxSource) -> None:
    if source.key in _sources and _sources[source.key] != source:
        raise ValueError(f"An inbox source {source.key!r} is registered already.")
    _sources[source.key] = source


def unregister(key: str) -> None:
    _sources.pop(key, None)


def inbox_sources() -> list[InboxSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def inbox_source(key: str) -> InboxSource | None:
    return _sources.get(key)
