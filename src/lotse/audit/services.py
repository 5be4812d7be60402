"""Writing the audit log. Every service that touches personal data calls `audit_record`."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from lotse.audit.models import AuditEvent

MASK = "•••"
# Field values that never enter the log in clear, wherever they appear in a detail.
MASKED_FIELDS = frozenset(
    {
        "first_names",
        "last_name",
        "aliases",
        "birth_date",
        "birth_year",
        "street",
        "postcode",
        "city",
        "phone",
        "email",
        "note",
        "wishes",
        "annotation",
        "witness",
        "description",
        "password",
        "nationality",
        "gender",
    }
)
# In a diff only these fields are shown with their values: administrative facts of the case,
# not facts about the person. Everything else appears as "changed" only.
DIFF_SHOWN_FIELDS = frozenset(
    {
        "status",
        "site",
        "counsellor",
        "entry_date",
        "exit_date",
        "exit_outcome",
        "role",
        "is_active",
        "interpreter_needed",
    }
)


def masked_diff(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, Any]:
    return {
        field: [_plain(old), _plain(new)] if field in DIFF_SHOWN_FIELDS else MASK
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
