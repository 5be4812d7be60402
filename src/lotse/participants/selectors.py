"""Reads of personal data. These access functions are the security boundary (DESIGN.md §3):
a participant the user may not see is answered exactly like one that does not exist."""

import datetime
import heapq
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_language

# Visibility is computed in `access.py`; the caseload's paging reads it through these names.
from lotse.participants.access import VisibleParts, visible_participant_parts
from lotse.participants.models import Participant, ParticipantNameToken
from lotse.participants.names import query_keys

__all__ = ["MergedIds", "VisibleParts", "search_participants", "visible_participant_parts"]


class MergedIds:
    """The ids of `VisibleParts`, ordered by `ordering` (ending in the primary key), as one
    sequence that Django's Paginator can count and slice. The own part reads at most `stop`
    index entries; the shared part is read once, whole. Without a shared part a page is a
    subquery, so the rows shown are read in the same query as their ids."""

    def __init__(self, parts: VisibleParts, ordering: tuple[str, ...]) -> None:
        self.parts = parts
        self.ordering = ordering

    @cached_property
    def _shared_keys(self) -> list[tuple[Any, ...]]:
        if self.parts.shared is None:
            return []
        return list(self.parts.shared.order_by(*self.ordering).values_list(*self.ordering))

    def count(self) -> int:
        return self.parts.own.count() + len(self._shared_keys)

    def __getitem__(self, key: slice) -> "list[int] | QuerySet[Participant, int]":
        own = self.parts.own.order_by(*self.ordering)
        if self.parts.shared is None:
            return own.values_list("pk", flat=True)[key]
        stop = key.stop
        own_keys = list(own.values_list(*self.ordering)[:stop])
        merged = list(heapq.merge(own_keys, self._shared_keys))[key.start : stop]
        return [row[-1] for row in merged]


DAY_FIRST, MONTH_FIRST = ("day", "month", "year"), ("month", "day", "year")
DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (DAY_FIRST,)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (("year", "month", "day"),)),
    # As the English pages show dates (month first), else as most of the world writes them.
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (MONTH_FIRST, DAY_FIRST)),
)
YEAR_PATTERN = re.compile(r"^(19|20)\d{2}$")
FILE_NUMBER_PATTERN = re.compile(r"^[A-Za-z]{1,8}-?\d+[-\d]*$")
# The end of a file number, as counsellors quote it: "00094", "2026-00094".
FILE_NUMBER_END_PATTERN = re.compile(r"^\d[-\d]*$")


def _as_date(text: str) -> datetime.date | None:
    for pattern, orders in DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        numbers = [int(g) for g in match.groups()]
        if len(orders) > 1 and not (get_language() or "").startswith("en"):
            orders = orders[::-1]
        for order in orders:
            parts = dict(zip(order, numbers, strict=True))
            try:
                return datetime.date(parts["year"], parts["month"], parts["day"])
            except ValueError:
                continue
        return None
    return None


def search_participants(
    queryset: QuerySet[Participant], query: str, *, names_only: bool = False
) -> QuerySet[Participant]:
    """Name (any spelling or script), date or year of birth, or file number. `names_only` for
    volunteers, whose searches must not reveal a birth date through hits and misses."""
    query = query.strip()[:200]
    if not query:
        return queryset
    words = query.split()
    name_words: list[str] = []
    for word in words:
        if names_only:
            name_words.append(word)
            continue
        birth_date = _as_date(word)
        if birth_date is not None:
            queryset = queryset.filter(
                Q(birth_date=birth_date) | Q(birth_date__isnull=True, birth_year=birth_date.year)
            )
        elif YEAR_PATTERN.match(word):
            queryset = queryset.filter(birth_year=int(word))
        elif FILE_NUMBER_PATTERN.match(word) and any(ch.isdigit() for ch in word):
            queryset = queryset.filter(file_number__iexact=word.upper())
        elif FILE_NUMBER_END_PATTERN.match(word):
            queryset = queryset.filter(file_number__endswith=word)
        else:
            name_words.append(word)
    for key in query_keys(" ".join(name_words)):
        queryset = queryset.filter(name_key_prefix(key))
    return queryset


def name_key_prefix(key: str) -> Exists:
    """Some name of the participant has a phonetic key starting with `key`."""
    return Exists(
        ParticipantNameToken.objects.filter(
            participant=OuterRef("pk"), network=OuterRef("network"), token__startswith=key
        )
    )


@dataclass(frozen=True)
class DuplicateHint:
    """What the duplicate check may reveal: only where, and whom to ask."""

    participant_id: int
    organisation_id: int
    organisation_name: str
    contact_email: str
    contact_phone: str
    own_organisation: bool
