"""The audit log is append-only: through the ORM, and in the database itself (PostgreSQL and
SQLite)."""

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from lotse.audit.models import AuditEvent, ListedParticipant
from lotse.audit.services import audit_record, audit_record_many


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


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_listedparticipant SET participant_id = 99",
        "DELETE FROM audit_listedparticipant",
    ],
)
def test_a_lists_participants_are_append_only_too(db: Any, sql: str) -> None:
    audit_record_many(actor=None, action="participants.participant.listed", participant_ids=[7])
    listed = ListedParticipant.objects.get()
    with pytest.raises(PermissionError):
        listed.delete()
    with pytest.raises(PermissionError):
        ListedParticipant.objects.filter(pk=listed.pk).update(participant_id=8)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert ListedParticipant.objects.get().participant_id == 7
