"""Reading the audit log for the data-protection officer (DESIGN.md §3.3 and §3.4).

The officer sees the log, never case files: rows carry file numbers and ids of participants, and
the detail with personal fields masked, but never a participant's name or other personal data."""

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from lotse.audit.actions import action_label
from lotse.audit.models import AuditEvent
from lotse.audit.services import MASK, MASKED_FIELDS
from lotse.participants.models import Participant


@dataclass(frozen=True)
class AuditFilter:
    """What the officer searches for; empty fields do not narrow the result."""

    participant: str = ""  # as typed: a file number or an id
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


def participant_ids_by_file_number(*, network_id: int, file_number: str) -> list[int]:
    return list(
        Participant.objects.filter(
            network_id=network_id, file_number__iexact=file_number.strip()
        ).values_list("pk", flat=True)
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_current_timezone()
    )


def audit_events(*, filters: AuditFilter) -> QuerySet[AuditEvent]:
    """Events of the network in scope (the officer's), newest first."""
    events = AuditEvent.objects.all()
    if filters.participant_ids is not None:
        events = events.filter(participant_id__in=filters.participant_ids)
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


def _detail_text(detail: Any) -> str:
    if not detail:
        return ""
    return json.dumps(masked_detail(detail), ensure_ascii=False, sort_keys=True, default=str)


def _object_text(object_type: str, object_id: str) -> str:
    if not object_type:
        return ""
    try:
        name = str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        name = object_type
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
    events: Sequence[AuditEvent], *, network_id: int, organisation_names: Mapping[int, str]
) -> list[AuditRow]:
    """Display rows for a page of events: one query resolves all participant file numbers."""
    file_numbers = _file_numbers(
        network_id, (e.participant_id for e in events if e.participant_id is not None)
    )
    rows = []
    for event in events:
        if event.participant_id is None:
            file_number = ""
        else:
            # A deleted participant, or one outside the network, shows only its id.
            file_number = file_numbers.get(event.participant_id, f"#{event.participant_id}")
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
                file_number=file_number,
                detail=_detail_text(event.detail),
            )
        )
    return rows
