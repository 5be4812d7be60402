"""Reads of personal data. These access functions are the security boundary (DESIGN.md §3):
a participant the user may not see is answered exactly like one that does not exist."""

import datetime
import enum
import heapq
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.network.models import Organisation
from lotse.participants.enums import ConsentPurpose
from lotse.participants.models import Consent, Participant, ParticipantNameToken, Share
from lotse.participants.names import query_keys

# Only these purposes open the case file to another organisation (purpose limitation).
SHARING_PURPOSES = (ConsentPurpose.CASE_SHARING, ConsentPurpose.REFERRAL)


class Access(enum.Enum):
    OWNER = "owner"  # the registering organisation: the whole case file
    SHARED = "shared"  # another organisation with consent and share: read, add contacts
    VOLUNTEER = "volunteer"  # assigned volunteer: contact data and appointments only


def valid_consents(organisation: Organisation | int, on: datetime.date) -> QuerySet[Consent]:
    """Consents that allow `organisation` to see the case on day `on`."""
    return Consent.objects.filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        organisations=organisation,
        given_on__lte=on,
        purpose__in=SHARING_PURPOSES,
    )


def shared_participant_ids(organisation: Organisation | int, on: datetime.date) -> QuerySet[Share]:
    """Participants of other organisations that this one may see today (a subquery)."""
    consent = valid_consents(organisation, on).filter(participant=OuterRef("participant"))
    return (
        Share.objects.filter(organisation=organisation, ended_at__isnull=True)
        .filter(Exists(consent))
        .values("participant_id")
    )


def visible_participants(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Participant]:
    membership = membership_of(user)
    if membership is not None and membership.role in CASE_ROLES:
        shared = shared_participant_ids(membership.organisation_id, timezone.localdate())
        return Participant.objects.filter(
            Q(organisation_id=membership.organisation_id) | Q(pk__in=shared)
        )
    return visible_participant_parts(user).own


@dataclass(frozen=True)
class VisibleParts:
    """What a user may see as two disjoint parts. Lists page over `own` through its index (an
    organisation can hold 10^5 participants) and read `shared` whole: it is bounded by the shares
    counsellors made by hand, and one OR over both would sort the whole organisation."""

    own: QuerySet[Participant]
    shared: QuerySet[Participant] | None = None

    def narrowed(
        self, narrow: Callable[[QuerySet[Participant]], QuerySet[Participant]]
    ) -> "VisibleParts":
        return VisibleParts(
            narrow(self.own), narrow(self.shared) if self.shared is not None else None
        )


def visible_participant_parts(
    user: AbstractBaseUser | AnonymousUser, *, with_shared: bool = True
) -> VisibleParts:
    """`with_shared=False` when the caller's filter cannot match a shared case (one of this
    organisation's counsellors): the shared part is then neither built nor read."""
    membership = membership_of(user)
    if membership is None:
        return VisibleParts(Participant.objects.none())
    if membership.role in CASE_ROLES:
        own = Participant.objects.filter(organisation_id=membership.organisation_id)
        if not with_shared:
            return VisibleParts(own)
        shared = shared_participant_ids(membership.organisation_id, timezone.localdate())
        return VisibleParts(
            own=own,
            shared=Participant.objects.filter(pk__in=shared).exclude(
                organisation_id=membership.organisation_id
            ),
        )
    if membership.role == Role.VOLUNTEER:
        return VisibleParts(
            Participant.objects.filter(organisation_id=membership.organisation_id, volunteers=user)
        )
    return VisibleParts(Participant.objects.none())


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

    def __getitem__(self, key: slice) -> "list[int] | QuerySet[Participant]":
        own = self.parts.own.order_by(*self.ordering)
        if self.parts.shared is None:
            return own.values_list("pk", flat=True)[key]
        stop = key.stop
        own_keys = list(own.values_list(*self.ordering)[:stop])
        merged = list(heapq.merge(own_keys, self._shared_keys))[key.start : stop]
        return [row[-1] for row in merged]


def access_for(user: AbstractBaseUser | AnonymousUser, participant: Participant) -> Access:
    membership = membership_of(user)
    assert membership is not None
    if membership.role == Role.VOLUNTEER:
        return Access.VOLUNTEER
    if participant.organisation_id == membership.organisation_id:
        return Access.OWNER
    return Access.SHARED


def _one(participants: QuerySet[Participant], pk: int) -> Participant | None:
    # The relations every case page shows. Not `.first()`: its ORDER BY only costs here.
    found = list(
        participants.select_related("organisation", "site", "counsellor").filter(pk=pk)[:1]
    )
    return found[0] if found else None


def participant_for_user(
    user: AbstractBaseUser | AnonymousUser, pk: int, *, require: frozenset[Access] | None = None
) -> tuple[Participant, Access]:
    """The participant if the user may see it (and has one of the required kinds of access)."""
    # Part by part: the own organisation's case is one lookup by primary key; the consent check
    # in one OR with it cost more to plan than the whole lookup, and building it ~1 ms.
    participant = _one(visible_participant_parts(user, with_shared=False).own, pk)
    if participant is None:
        shared = visible_participant_parts(user).shared
        if shared is not None:
            participant = _one(shared, pk)
    if participant is None:
        raise Http404
    access = access_for(user, participant)
    if require is not None and access not in require:
        raise Http404
    return participant, access


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
