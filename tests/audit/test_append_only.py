"""The audit log is append-only: through the ORM, and in the database itself (PostgreSQL and
SQLite)."""

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from lotse.audit.models import AuditEvent
from lotse.audit.services import audit_record


@pytest.fixture
def event(db: Any) -> AuditEvent:
    audit_record(actor=None, action="participants.participant.viewed", participant_id=1)
    return AuditEvent.objects.get()


def test_append_only_save_of_existing_row_raises(event: AuditEvent) -> None:
    event.action = "participants.participant.created"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get().action == "participants.participant.viewed"


def test_append_only_delete_raises(event: AuditEvent) -> None:
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.count() == 1


def test_append_only_queryset_update_raises(event: AuditEvent) -> None:
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    assert AuditEvent.objects.get().action == "participants.participant.viewed"


def test_append_only_queryset_delete_raises(event: AuditEvent) -> None:
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET action = 'forged'",
        "UPDATE audit_auditevent SET detail = '{}' WHERE id > 0",
        "DELETE FROM audit_auditevent",
        "DELETE FROM audit_auditevent WHERE action LIKE 'participants.%'",
    ],
)
def test_append_only_raw_sql_refused_by_trigger(event: AuditEvent, sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.get().action == "participants.participant.viewed"
