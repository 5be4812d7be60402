"""Writing the audit log. Every service that touches personal data calls `audit_record`."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from lotse.audit.models import AuditEvent

MASK = "•••"
# Field values that never enter the log in clear, only the fact that they changed.
MASKED_FIELDS = frozenset(
    {
        "first_names",
        "last_name",
        "aliases",
        "birth_date",
        "street",
        "phone",
        "email",
        "note",
        "wishes",
        "annotation",
        "witness",
        "description",
        "password",
    }
)


def masked_diff(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, Any]:
    return {
        field: MASK if field in MASKED_FIELDS else [_plain(old), _plain(new)]
        for field, (old, new) in changes.items()
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _actor_fields(actor: AbstractBaseUser | AnonymousUser | None) -> dict[str, Any]:
    if actor is None or not actor.is_authenticated:
        return {"actor": None, "actor_username": "", "organisation_id": None}
    membership = getattr(actor, "membership", None)
    return {
        "actor": actor,
        "actor_username": actor.get_username(),
        "organisation_id": membership.organisation_id if membership else None,
    }


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: Any = None,
    participant_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        **_actor_fields(actor),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        participant_id=participant_id,
        detail=dict(detail or {}),
    )


def audit_record_many(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    participant_ids: Iterable[int],
    detail: Mapping[str, Any] | None = None,
) -> None:
    """One event per participant in a single insert: lists and search hits."""
    fields = _actor_fields(actor)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                **fields,
                action=action,
                object_type="participants.participant",
                object_id=str(pk),
                participant_id=pk,
                detail=dict(detail or {}),
            )
            for pk in participant_ids
        ]
    )
