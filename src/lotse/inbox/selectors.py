"""Reads of the inbox: each source's rows for the user, overdue first."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.core.formats import short_date_formatter
from lotse.inbox.models import NotificationPreference
from lotse.inbox.registry import InboxSource, inbox_source, inbox_sources


@dataclass(frozen=True, slots=True)
class ShownRow:
    """A row as the page shows it: the source's row and its dates, formatted once here."""

    row: Any
    since: str
    due: str
    overdue: bool


@dataclass(frozen=True)
class SourceRows:
    """A source's rows for the page. What waits in all (`count`) is not read here: the page
    loads it after itself (`source_count`, through `inbox:badge`), like the navigation's badge,
    so that the page does not wait for the sources' counts."""

    source: InboxSource
    rows: list[ShownRow]
    overdue: int

    @property
    def counted(self) -> bool:
        """Whether the heading shows what waits (a source with a count)."""
        return self.source.count is not None


def _overdue(row: Any, today: datetime.date) -> bool:
    due = getattr(row, "due", None)
    return due is not None and due < today


def inbox_of(user: User) -> list[SourceRows]:
    """Each source the user has, with its rows: the overdue ones first (longest overdue first),
    the others in the source's own order."""
    today = timezone.localdate()
    short_date = short_date_formatter()
    shown = []
    for source in inbox_sources():
        if source.shown is not None and not source.shown(user):
            continue
        rows = list(source.rows(user))
        late = sorted((r for r in rows if _overdue(r, today)), key=lambda r: r.due)
        rest = [r for r in rows if not _overdue(r, today)]
        shown_rows = [
            ShownRow(
                r,
                short_date(getattr(r, "since", None)),
                short_date(getattr(r, "due", None)),
                i < len(late),
            )
            for i, r in enumerate(late + rest)
        ]
        shown.append(SourceRows(source, shown_rows, len(late)))
    return shown


def source_count(user: User, key: str) -> int:
    """What waits for the user's answer in one source (0 for a source the user does not have)."""
    source = inbox_source(key)
    if source is None or source.count is None:
        return 0
    if source.shown is not None and not source.shown(user):
        return 0
    return source.count(user)


def waiting_count(user: User) -> int:
    """What waits for the user's answer, over all sources: the navigation's badge."""
    total = 0
    for source in inbox_sources():
        if source.count is None:
            continue
        if source.shown is not None and not source.shown(user):
            continue
        total += source.count(user)
    return total


def wants_email(user: User) -> bool:
    return NotificationPreference.objects.filter(user=user, email=True).exists()
