"""Reads of the inbox: each source's rows for the user, overdue first."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.inbox.models import NotificationPreference
from lotse.inbox.registry import InboxSource, inbox_sources


@dataclass(frozen=True)
class SourceRows:
    source: InboxSource
    rows: list[Any]
    overdue: int
    count: int | None


def _overdue(row: Any, today: datetime.date) -> bool:
    due = getattr(row, "due", None)
    return due is not None and due < today


def inbox_of(user: User) -> list[SourceRows]:
    """Each source the user has, with its rows: the overdue ones first (longest overdue first),
    the others in the source's own order."""
    today = timezone.localdate()
    shown = []
    for source in inbox_sources():
        if source.shown is not None and not source.shown(user):
            continue
        rows = list(source.rows(user))
        late = sorted((r for r in rows if _overdue(r, today)), key=lambda r: r.due)
        rest = [r for r in rows if not _overdue(r, today)]
        count = source.count(user) if source.count is not None else None
        shown.append(SourceRows(source, late + rest, len(late), count))
    return shown


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
