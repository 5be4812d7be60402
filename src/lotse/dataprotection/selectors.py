"""Reading the audit log for the data-protection officer (DESIGN.md §3.3 and §3.4).

The officer sees the log, never case files: rows carry file numbers and ids of participants, and
the detail with personal fields masked, but never a participant's name or other personal data."""

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils import timezone

from lotse.audit.actions import action_label
from lotse.audit.models import AuditEvent, ListedParticipant
from lotse.audit.services import MASK, MASKED_FIELDS
from lotse.dataprotection.detail import detail_text, participant_ids_in
from lotse.participants.models import Participant
from lotse.participants.selectors import search_participants


@dataclass(frozen=True)
class AuditFilter:
    """What the officer searches for; empty fields do not narrow the result."""

    participant: str = ""  # as typed: a file number or an id
    name: str = ""  # as typed; never written into the log
    participant_ids: tuple[int, ...] | None = None  # resolved; None means "any participant"
    username: str = ""
    organisation_id: int | None = None
    action_prefix: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_detail(self) -> dict[str, Any]:
        """The filter as it is written into the log's own audit events."""
        detail = {
            "participant": self.participant,
            # The officer's search for a person is recorded with the participants it found
            # (see the view), not with the name: the log keeps no names.
            "name": MASK if self.name else "",
            "user": self.username,
            "organisation": self.organisation_id,
            "action": self.action_prefix,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
        return {key: value for key, value in detail.items() if value not in (None, "")}


@dataclass(frozen=True)
class AuditRow:
    occurred_at: datetime.datetime
    username: str
    organisation: str
    action: str
    action_label: str
    object: str
    file_number: str
    detail: str
    # A list event's participants, or a list view's older events shown as one row
    # (`grouped`): how many, and their file numbers.
    count: int = 1
    file_numbers: tuple[str, ...] = ()
    # Written as one list event: already one row per page, never merged with the next.
    is_list: bool = False


def participant_ids_by_file_number(*, network_id: int, file_number: str) -> list[int]:
    return list(
        Participant.objects.filter(
            network_id=network_id, file_number__iexact=file_number.strip()
        ).values_list("pk", flat=True)
    )


# A name that matches more people than this is too short to mean one person.
NAME_MATCHES_MAX = 50


def participant_ids_by_name(*, network_id: int, name: str) -> list[int]:
    """Participants of the network whose names match `name` in any spelling or script (the
    caseload's name search); at most one more than the form accepts."""
    found = search_participants(
        Participant.objects.filter(network_id=network_id), name, names_only=True
    )
    return list(found.order_by("pk").values_list("pk", flat=True)[: NAME_MATCHES_MAX + 1])


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_current_timezone()
    )


def audit_events(*, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events of the network in scope (the officer's), newest first."""
    events = AuditEvent.objects.all()
    if filters.participant_ids is not None:
        # An event about the person, or a list that showed them: as one union of the two
        # indexed lookups, since an OR of them would have the database read the network's
        # whole log.
        about = AuditEvent.objects.filter(participant_id__in=filters.participant_ids)
        listed = ListedParticipant.objects.filter(participant_id__in=filters.participant_ids)
        events = events.filter(pk__in=about.values("pk").union(listed.values("event_id")))
    if filters.username:
        events = events.filter(actor_username__iexact=filters.username)
    if filters.organisation_id is not None:
        events = events.filter(organisation_id=filters.organisation_id)
    if filters.action_prefix:
        events = events.filter(action__startswith=filters.action_prefix)
    # Both ends inclusive, as whole days in the user's time zone.
    if filters.date_from:
        events = events.filter(occurred_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        events = events.filter(
            occurred_at__lt=_day_start(filters.date_to + datetime.timedelta(days=1))
        )
    return events.order_by("-occurred_at", "-pk")


def masked_detail(value: Any) -> Any:
    """Personal fields masked at any depth, also where a service forgot to mask them."""
    if isinstance(value, Mapping):
        return {
            key: MASK if key in MASKED_FIELDS else masked_detail(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [masked_detail(item) for item in value]
    return value


def _model(object_type: str) -> type[Model] | None:
    if not object_type:
        return None
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _object_text(object_type: str, object_id: str) -> str:
    if not object_type:
        return ""
    model = _model(object_type)
    name = str(model._meta.verbose_name) if model is not None else object_type
    return f"{name} {object_id}".strip()


def _file_numbers(network_id: int, participant_ids: Iterable[int]) -> dict[int, str]:
    ids = set(participant_ids)
    if not ids:
        return {}
    return dict(
        Participant.objects.filter(network_id=network_id, pk__in=ids).values_list(
            "pk", "file_number"
        )
    )


def audit_rows(
    events: Sequence[AuditEvent],
    *,
    network_id: int,
    organisation_names: Mapping[int, str],
    listed_among: Collection[int] | None = None,
) -> list[AuditRow]:
    """Display rows for a page of events: one query finds the participants the page's list
    events showed, one resolves all participant file numbers (of the events, of those lists
    and of the participants their details name). A list event is one row with its number of
    people and their file numbers; with `listed_among`, only those of its people."""
    listed: dict[int, list[int]] = defaultdict(list)
    people = ListedParticipant.objects.filter(event_id__in=[event.pk for event in events])
    if listed_among is not None:
        people = people.filter(participant_id__in=listed_among)
    for event_id, participant_id in people.order_by("pk").values_list("event_id", "participant_id"):
        listed[event_id].append(participant_id)
    named = {pk for ids in listed.values() for pk in ids}
    for event in events:
        if event.participant_id is not None:
            named.add(event.participant_id)
        named |= participant_ids_in(event.detail)
    file_numbers = _file_numbers(network_id, named)

    def file_number(participant_id: int) -> str:
        # A deleted participant, or one outside the network, shows only its id.
        return file_numbers.get(participant_id, f"#{participant_id}")

    rows = []
    for event in events:
        shown = [file_number(pk) for pk in listed.get(event.pk, ())]
        if event.participant_id is not None:
            shown.insert(0, file_number(event.participant_id))
        if event.organisation_id is None:
            organisation = ""
        else:
            organisation = organisation_names.get(
                event.organisation_id, f"#{event.organisation_id}"
            )
        rows.append(
            AuditRow(
                occurred_at=event.occurred_at,
                username=event.actor_username,
                organisation=organisation,
                action=event.action,
                action_label=action_label(event.action),
                object=_object_text(event.object_type, event.object_id),
                file_number=shown[0] if len(shown) == 1 else "",
                count=max(len(shown), 1),
                file_numbers=tuple(shown) if len(shown) > 1 else (),
                is_list=event.pk in listed,
                detail=detail_text(
                    masked_detail(event.detail),
                    organisation_names=organisation_names,
                    file_numbers=file_numbers,
                    model=_model(event.object_type),
                ),
            )
        )
    return rows


# Events that one list page wrote by the dozen before a list became one event with its
# participants (audit migration 0007): a log that reaches back keeps them, shown as one row.
GROUPED_ACTIONS = frozenset(
    {
        "participants.participant.listed",
        "participants.participant.search_hit",
        "participants.participant.transferred",
        "workpermission.radar.listed",
        "profiles.career_step.overdue_listed",
    }
)
# A list page's events are written in one statement; a minute apart is another page.
GROUP_WINDOW = datetime.timedelta(seconds=5)


def grouped(rows: Sequence[AuditRow]) -> list[AuditRow]:
    """Consecutive events of one list page (same user, action and detail, written within
    seconds) as one row with their number and file numbers, so that the log stays readable:
    a caseload page wrote 50 events. The export keeps one row per person."""
    result: list[AuditRow] = []
    for row in rows:
        last = result[-1] if result else None
        if (
            last is not None
            and not (row.is_list or last.is_list)
            and row.action in GROUPED_ACTIONS
            and (row.action, row.username, row.organisation, row.detail)
            == (last.action, last.username, last.organisation, last.detail)
            and last.occurred_at - row.occurred_at <= GROUP_WINDOW  # newest first
        ):
            numbers = last.file_numbers or (last.file_number,)
            more = row.file_numbers or (row.file_number,)
            result[-1] = replace(last, count=last.count + row.count, file_numbers=(*numbers, *more))
        else:
            result.append(row)
    return result


def export_row_count(
    events: QuerySet[AuditEvent], *, listed_among: Collection[int] | None = None
) -> int:
    """The rows the file would have: a list event has one per person (of `listed_among`),
    so a month of a busy desk's lists is far more rows than events."""
    people = ListedParticipant.objects.filter(event__in=events.order_by())
    if listed_among is not None:
        people = people.filter(participant_id__in=listed_among)
    lists = events.filter(pk__in=people.values("event_id")).count()
    return events.count() - lists + people.count()
