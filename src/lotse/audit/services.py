"""Writing the audit log. Every service that touches personal data calls `audit_record`.

The audit app sits right above `core` in the layers: `network`'s own services write events, so
the log cannot import `network` to learn an actor's organisation and network. `network` hands
that lookup over once, in its `AppConfig.ready` (`actor_context_install`)."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from django.contrib.auth.models import AnonymousUser, User

from lotse.audit.models import AuditEvent, ListedParticipant

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


class ActorContext(NamedTuple):
    organisation_id: int | None
    network_id: int | None


_actor_context: Callable[[User], ActorContext] | None = None


def actor_context_install(lookup: Callable[[User], ActorContext]) -> None:
    """How a signed-in user maps to their organisation and network; installed by `network`."""
    global _actor_context
    _actor_context = lookup


def _actor_fields(actor: User | AnonymousUser | None) -> dict[str, Any]:
    if actor is None or not actor.is_authenticated:
        return {"actor_id": None, "actor_username": "", "organisation_id": None, "network_id": None}
    if _actor_context is None:
        raise RuntimeError("no actor context installed: is lotse.network in INSTALLED_APPS?")
    context = _actor_context(actor)
    return {
        "actor_id": actor.pk,
        "actor_username": actor.get_username(),
        "organisation_id": context.organisation_id,
        "network_id": context.network_id,
    }


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: Any = None,
    participant_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
    organisation_id: int | None = None,
    network_id: int | None = None,
) -> None:
    """`organisation_id` and `network_id`: the organisation and network concerned, for events
    without an actor (jobs, the command line), so that the log can still be searched by
    organisation and read in its network's scope; with an actor the event belongs to the
    actor's organisation and network. Without either, an object's own network is taken."""
    if network_id is None:
        network_id = getattr(obj, "network_id", None)
    AuditEvent.objects.bulk_create(
        [
            _event(
                actor,
                action=action,
                object_type=obj._meta.label_lower if obj is not None else "",
                object_id=str(obj.pk) if obj is not None else "",
                participant_id=participant_id,
                detail=detail,
                organisation_id=organisation_id,
                network_id=network_id,
            )
        ]
    )


def audit_record_many(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    participant_ids: Iterable[int],
    detail: Mapping[str, Any] | None = None,
) -> None:
    """A list's participants (a caseload page, search hits, the front desk's day): one event,
    and one `ListedParticipant` row per person, in as few INSERTs as the database's parameter
    limit allows. Repeated ids are written once."""
    ids = list(dict.fromkeys(participant_ids))
    if not ids:
        return
    # `bulk_create` returns the new event's key on PostgreSQL and SQLite alike, and works
    # whether or not a scope is active: an event is written, never read, here.
    [event] = AuditEvent.objects.bulk_create(
        [
            _event(
                actor,
                action=action,
                object_type="participants.participant",
                object_id="",
                participant_id=None,
                detail=detail,
            )
        ]
    )
    ListedParticipant.objects.bulk_create(
        ListedParticipant(event_id=event.pk, participant_id=pk) for pk in ids
    )


def _event(
    actor: User | AnonymousUser | None,
    *,
    action: str,
    object_type: str,
    object_id: str,
    participant_id: int | None,
    detail: Mapping[str, Any] | None,
    organisation_id: int | None = None,
    network_id: int | None = None,
) -> AuditEvent:
    fields = _actor_fields(actor)
    if fields["actor_id"] is None:
        fields["organisation_id"] = organisation_id
    if fields["network_id"] is None:  # no actor, or one without a membership
        fields["network_id"] = network_id
    return AuditEvent(
        **fields,
        action=action,
        object_type=object_type,
        object_id=object_id,
        participant_id=participant_id,
        detail=dict(detail or {}),
    )
