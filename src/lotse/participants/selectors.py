"""Reads of personal data. These access functions are the security boundary (DESIGN.md §3):
a participant the user may not see is answered exactly like one that does not exist."""

import datetime
import heapq
import re
import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django_scopes import scopes_disabled

from lotse.core.formats import alphabetical
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Organisation

# Visibility is computed in `access.py`; the caseload's paging reads it through these names.
from lotse.participants.access import (
    CaseAccess,
    VisibleParts,
    shared_participant_ids,
    visible_participant_parts,
    visible_participants,
)
from lotse.participants.enums import OPEN_TASK_STATUSES
from lotse.participants.models import (
    CaseCount,
    Child,
    Consent,
    CounsellingContact,
    IntakeDraft,
    Participant,
    ParticipantNameToken,
    ResidenceDocument,
    Share,
    StatusChange,
    Task,
)
from lotse.participants.names import query_keys

__all__ = ["MergedIds", "VisibleParts", "search_participants", "visible_participant_parts"]


class MergedIds:
    """The ids of `VisibleParts`, ordered by `ordering` (ending in the primary key), as one
    sequence that Django's Paginator can count and slice. The own part reads at most `stop`
    index entries; the shared part is read once, whole. Without a shared part a page is a
    subquery, so the rows shown are read in the same query as their ids."""

    def __init__(
        self, parts: VisibleParts, ordering: tuple[str, ...], own_count: int | None = None
    ) -> None:
        """`own_count`: the size of the own part where the caller knows it (see
        `organisation_case_count`)."""
        self.parts = parts
        self.ordering = ordering
        self.own_count = own_count

    @cached_property
    def _shared_keys(self) -> list[tuple[Any, ...]]:
        if self.parts.shared is None:
            return []
        return list(self.parts.shared.order_by(*self.ordering).values_list(*self.ordering))

    def count(self) -> int:
        own = self.own_count if self.own_count is not None else self.parts.own.count()
        return own + len(self._shared_keys)

    def __getitem__(self, key: slice) -> "list[int] | QuerySet[Participant, int]":
        own = self.parts.own.order_by(*self.ordering)
        if self.parts.shared is None:
            return own.values_list("pk", flat=True)[key]
        stop = key.stop
        own_keys = list(own.values_list(*self.ordering)[:stop])
        merged = list(heapq.merge(own_keys, self._shared_keys))[key.start : stop]
        return [row[-1] for row in merged]


# Only a safety net: the generation changes with the set of cases.
CASE_COUNT_TTL = 24 * 60 * 60


def organisation_case_count(organisation_id: int) -> int:
    """The number of the organisation's own cases, counted once per change of that set."""
    generation = (
        CaseCount.objects.filter(organisation_id=organisation_id)
        .values_list("generation", flat=True)
        .first()
    )
    key = f"lotse:case-count:{organisation_id}:{generation or 0}"
    count: int | None = cache.get(key)
    if count is None:
        count = Participant.objects.filter(organisation_id=organisation_id).count()
        cache.set(key, count, CASE_COUNT_TTL)
    return count


DAY_FIRST, MONTH_FIRST = ("day", "month", "year"), ("month", "day", "year")
DATE_PATTERNS = (
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (DAY_FIRST,)),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (("year", "month", "day"),)),
    # Day first, as every page shows dates (English ones too); month first only where the
    # numbers make no date the other way.
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), (DAY_FIRST, MONTH_FIRST)),
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


# The case file of one participant as the participant page shows it: plain ORM reads in the
# request's network scope, one query per table whatever the number of rows, each read once per
# request (`CaseAccess.loaded`) however many sections show it.


def documents_of(case: CaseAccess) -> list[ResidenceDocument]:
    """Newest first: the current one leads."""

    def load() -> list[ResidenceDocument]:
        documents = list(ResidenceDocument.objects.filter(participant=case.participant))
        documents.sort(key=ResidenceDocument.newness, reverse=True)
        return documents

    return case.loaded("participants.documents", load)


def children_of(case: CaseAccess) -> list[int]:
    """Birth years, oldest child first."""
    # Through the model's manager: a related manager (`participant.children`) builds its class
    # anew on each access.
    return case.loaded(
        "participants.children",
        lambda: list(
            Child.objects.filter(participant=case.participant)
            .order_by("birth_year")
            .values_list("birth_year", flat=True)
        ),
    )


def contacts_of(case: CaseAccess) -> list[CounsellingContact]:
    """Newest first."""
    return case.loaded(
        "participants.contacts",
        lambda: list(
            CounsellingContact.objects.filter(participant=case.participant)
            .select_related("organisation", "counsellor")
            .order_by("-took_place_on", "-created_at", "-pk")
        ),
    )


def tasks_of(case: CaseAccess) -> list[Task]:
    """All tasks of the case (from contacts, the plan or neither), by due date, undated last."""

    def load() -> list[Task]:
        tasks = list(
            Task.objects.filter(participant=case.participant).select_related(
                "organisation", "assignee"
            )
        )
        tasks.sort(key=lambda t: (t.due_on is None, t.due_on or datetime.date.min, t.pk))
        return tasks

    return case.loaded("participants.tasks", load)


@dataclass(frozen=True, slots=True)
class NextTask:
    description: str
    due_on: datetime.date | None


def next_task_of(case: CaseAccess) -> NextTask | None:
    """What is to be done next for the person: the open task due first (undated last)."""
    for task in tasks_of(case):
        if task.is_open:
            return NextTask(task.description, task.due_on)
    return None


def status_changes_of(case: CaseAccess) -> list[StatusChange]:
    return case.loaded(
        "participants.status_changes",
        lambda: list(StatusChange.objects.filter(participant=case.participant)),
    )


def consents_of(case: CaseAccess) -> list[Consent]:
    """Newest first, each with the organisations it covers in name order."""

    def load() -> list[Consent]:
        consents = list(
            Consent.objects.filter(participant=case.participant)
            .order_by("-given_on", "-pk")
            .prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.only("pk", "name"))
            )
        )
        for consent in consents:
            consent.covered = sorted(  # type: ignore[attr-defined]
                consent.organisations.all(), key=lambda o: (alphabetical(o.name), o.pk)
            )
        return consents

    return case.loaded("participants.consents", load)


def shares_of(case: CaseAccess) -> list[Share]:
    return case.loaded(
        "participants.shares",
        lambda: list(
            Share.objects.filter(participant=case.participant)
            .select_related("organisation")
            .order_by("-started_at", "-pk")
        ),
    )


def volunteers_of(case: CaseAccess) -> list[tuple[int, str]]:
    """(user id, name) in name order."""

    def load() -> list[tuple[int, str]]:
        volunteers = [
            (user.pk, user.get_full_name() or user.get_username())
            for user in case.participant.volunteers.only(
                "pk", "first_name", "last_name", "username"
            )
        ]
        return sorted(volunteers, key=lambda v: (alphabetical(v[1]), v[0]))

    return case.loaded("participants.volunteers", load)


# The kernel's parts of the subject-access export (Art. 15 GDPR), one per case section: plain
# values, dates as ISO text. `participant_export` calls them through the section registry.


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _rows(queryset: QuerySet[Any], *fields: str) -> list[dict[str, Any]]:
    return [{k: _iso(v) for k, v in row.items()} for row in queryset.values(*fields)]


def documents_export(participant: Participant) -> dict[str, Any]:
    return {
        "residence_documents": _rows(
            ResidenceDocument.objects.filter(participant=participant).order_by("pk"),
            "document_type",
            "section",
            "issued_on",
            "valid_until",
            "annotation",
        ),
        "children": _rows(Child.objects.filter(participant=participant), "birth_year"),
    }


def contacts_export(participant: Participant) -> dict[str, Any]:
    return {
        "counselling_contacts": _rows(
            CounsellingContact.objects.filter(participant=participant).order_by("pk"),
            "took_place_on",
            "duration_minutes",
            "form",
            "topics",
            "interpreter_language",
            "note",
            "organisation__name",
        ),
    }


def tasks_export(participant: Participant) -> dict[str, Any]:
    return {
        "tasks": _rows(
            Task.objects.filter(participant=participant).order_by("pk"),
            "description",
            "organisation__name",
            "assignee_name",
            "due_on",
            "status",
            "done_on",
            "note",
            "contact__took_place_on",
        ),
    }


def consents_export(participant: Participant) -> dict[str, Any]:
    consents = Consent.objects.filter(participant=participant).order_by("pk")
    return {
        "consents": [
            {
                **{k: _iso(v) for k, v in row.items() if k != "pk"},
                "organisations": sorted(
                    Consent.organisations.through.objects.filter(consent_id=row["pk"]).values_list(
                        "organisation__name", flat=True
                    )
                ),
            }
            for row in consents.values(
                "pk", "purpose", "given_on", "form", "witness", "valid_until", "revoked_on"
            )
        ],
        "shares": _rows(
            Share.objects.filter(participant=participant).order_by("pk"),
            "organisation__name",
            "started_at",
            "ended_at",
        ),
    }


def status_export(participant: Participant) -> dict[str, Any]:
    return {
        "status_changes": _rows(
            StatusChange.objects.filter(participant=participant).order_by("pk"),
            "status",
            "exit_outcome",
            "effective_on",
        )
    }


# Reads of the API and the pages that are not the case file.


def contacts_with_steps(participant: Participant) -> QuerySet[CounsellingContact]:
    """The participant's counselling contacts, newest first, with what their API answer names."""
    return (
        CounsellingContact.objects.filter(participant=participant)
        .select_related("organisation", "counsellor", "site")
        .prefetch_related("tasks")
        .order_by("-took_place_on", "-created_at", "-pk")
    )


def contact_submission_key_used(key: uuid.UUID) -> bool:
    # Keys are unique across all networks, so the check must look beyond the caller's scope.
    with scopes_disabled():
        return CounsellingContact.objects.filter(submission_key=key).exists()


def residence_documents(participant: Participant) -> QuerySet[ResidenceDocument]:
    """In the model's order (newest issue first)."""
    return ResidenceDocument.objects.filter(participant=participant)


def task_of(case: CaseAccess, pk: int) -> Task | None:
    return Task.objects.filter(pk=pk, participant=case.participant).first()


def tasks_of_participant(participant: Participant) -> QuerySet[Task]:
    """The participant's tasks for the API, by due date, undated last."""
    return Task.objects.filter(participant=participant).select_related(
        "organisation", "assignee", "contact"
    )


def tasks_for_user(user: User | AnonymousUser, *, include_done: bool = False) -> QuerySet[Task]:
    """ "My tasks": the open tasks given to the user, and those of the user's own caseload given
    to no one in particular in the user's organisation; only of participants the user may see
    (a share that ended or a consent revoked takes its tasks off the list), by due date, so the
    overdue come first and the undated last."""
    membership = membership_of(user)
    if membership is None or membership.role not in CASE_ROLES:
        return Task.objects.none()
    mine = Q(assignee=user) | Q(
        assignee__isnull=True,
        organisation_id=membership.organisation_id,
        participant__counsellor=user,
    )
    tasks = Task.objects.filter(mine, participant__in=visible_participants(user).values("pk"))
    if not include_done:
        tasks = tasks.filter(status__in=OPEN_TASK_STATUSES)
    return tasks.select_related("participant", "organisation", "assignee", "contact").order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )


def consent_of(case: CaseAccess, pk: int) -> Consent | None:
    return Consent.objects.filter(pk=pk, participant=case.participant).first()


def share_of(case: CaseAccess, pk: int) -> Share | None:
    return Share.objects.filter(pk=pk, participant=case.participant).first()


def open_drafts_of(user: User) -> QuerySet[IntakeDraft]:
    """The user's own intake drafts that are open and not yet expired. A draft holds personal
    data of someone not yet registered: nobody but its author sees it."""
    return IntakeDraft.objects.filter(
        created_by=user, participant__isnull=True, updated_at__gte=IntakeDraft.kept_since()
    )


def completed_draft_of(user: User, pk: int) -> IntakeDraft | None:
    """The user's own draft `pk` if it has already become a participant."""
    return IntakeDraft.objects.filter(pk=pk, created_by=user, participant__isnull=False).first()


def counsellor_cases(
    participants: QuerySet[Participant], counsellor_id: int
) -> list[dict[str, Any]]:
    """The cases of one counsellor among `participants` (what the access functions returned),
    by name, as the team lead's transfer form lists them."""
    rows = (
        participants.filter(counsellor_id=counsellor_id)
        .order_by("last_name", "first_names", "pk")
        .values("pk", "last_name", "first_names", "file_number", "status")
    )
    return [dict(row) for row in rows]


@dataclass(frozen=True)
class SharedCases:
    count: int
    latest: datetime.datetime | None  # when the newest of them was shared


# The count is kept in the cache for a minute under a key that names the network's "sharing
# generation": it cost the caseload's first view ~5 ms of ~25 at 100,000 participants. It
# decides nothing about access (the caseload's rows do), and the services that start or end a
# share, record or revoke a consent, move or erase cases move the generation on, so that this
# process counts afresh at once (another worker process within the minute).
SHARED_CASES_TTL = 60


def _sharing_generation_key(network_id: int) -> str:
    return f"lotse:sharing-generation:{network_id}"


def forget_shared_cases(network_id: int) -> None:
    key = _sharing_generation_key(network_id)
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (yet, or any more)
        cache.set(key, 1, None)


def shared_cases_of(organisation_id: int, network_id: int, today: datetime.date) -> SharedCases:
    """How many cases other organisations share with this one today (the rule of the shared
    part of the caseload), and since when the newest: the caseload's first view says so."""
    generation = cache.get(_sharing_generation_key(network_id), 0)
    key = f"lotse:shared-cases:{organisation_id}:{today.isoformat()}:{generation}"
    cached: SharedCases | None = cache.get(key)
    if cached is not None:
        return cached
    found = (
        shared_participant_ids(organisation_id, today)
        .exclude(participant__organisation_id=organisation_id)
        .aggregate(count=Count("participant_id", distinct=True), latest=Max("started_at"))
    )
    shared = SharedCases(count=found["count"], latest=found["latest"])
    cache.set(key, shared, SHARED_CASES_TTL)
    return shared
