"""Writing the audit log. Every service that touches personal data calls `audit_record`."""

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.network.access import membership_of

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
    membership = membership_of(actor)
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
    organisation_id: int | None = None,
) -> None:
    """`organisation_id`: the organisation concerned, for events without an actor (jobs, the
    command line), so that the log can still be searched by organisation; with an actor the
    event belongs to the actor's organisation."""
    _insert(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        rows=[(str(obj.pk) if obj is not None else "", participant_id)],
        detail=detail,
        organisation_id=organisation_id,
    )


def audit_record_many(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    participant_ids: Iterable[int],
    detail: Mapping[str, Any] | None = None,
) -> None:
    """One event per participant in a single insert: lists and search hits."""
    _insert(
        actor=actor,
        action=action,
        object_type="participants.participant",
        rows=[(str(pk), pk) for pk in participant_ids],
        detail=detail,
    )


def _insert(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    object_type: str,
    rows: list[tuple[str, int | None]],
    detail: Mapping[str, Any] | None,
    organisation_id: int | None = None,
) -> None:
    """Written as plain SQL: building model instances and letting the ORM compile their INSERT
    cost more than all other work of a caseload page's view, and ~0.4 ms for a single event. The
    columns that are the same for every row are sent once (INSERT … SELECT over a VALUES list
    of (object id, participant id)), which halves the time the database and the driver spend
    on a list's statement. `AuditEvent` (append-only) stays the model that reads the log."""
    if not rows:
        return
    fields = _actor_fields(actor)
    if actor is None:
        fields["organisation_id"] = organisation_id
    shared = [
        connection.ops.adapt_datetimefield_value(timezone.now()),
        fields["actor"].pk if fields["actor"] is not None else None,
        fields["actor_username"],
        fields["organisation_id"],
        action,
        object_type,
        json.dumps(dict(detail or {})),
    ]
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    # A database caps the parameters of one statement (SQLite: 999 on older builds).
    max_params = connection.features.max_query_params or 20_000
    rows_per_insert = (max_params - len(shared)) // 2
    with connection.cursor() as cursor:
        for start in range(0, len(rows), rows_per_insert):
            chunk = rows[start : start + rows_per_insert]
            params = list(shared)
            for object_id, participant_id in chunk:
                params += [object_id, participant_id]
            # Only the table name and the number of placeholders are put into the text. SQLite
            # and PostgreSQL both name the columns of a VALUES list column1, column2, ...; the
            # cast keeps PostgreSQL from typing a column of NULLs as text.
            sql = (
                f"INSERT INTO {table} (occurred_at, actor_id, actor_username, organisation_id,"  # noqa: S608
                " action, object_type, detail, object_id, participant_id)"
                " SELECT %s, %s, %s, %s, %s, %s, %s, ids.column1, CAST(ids.column2 AS BIGINT)"
                " FROM (VALUES " + ", ".join(["(%s, %s)"] * len(chunk)) + ") AS ids"
            )
            cursor.execute(sql, params)
