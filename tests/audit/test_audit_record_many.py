"""The list audit: one row per participant shown, written in as few statements as the database
allows, and read back like any other event."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.audit.services import audit_record_many
from tests.conftest import Network


def test_rows_read_back_like_single_events(net: Network) -> None:
    before = timezone.now()

    audit_record_many(
        actor=net.counsellor,
        action="participants.participant.search_hit",
        participant_ids=[net.participant.pk],
        detail={"query_length": 5},
    )

    event = AuditEvent.objects.get(action="participants.participant.search_hit")
    assert (event.actor_id, event.actor_username) == (net.counsellor.pk, "berater")
    assert (event.organisation_id, event.network_id) == (net.owner.pk, net.owner.network_id)
    assert (event.object_type, event.object_id) == (
        "participants.participant",
        str(net.participant.pk),
    )
    assert event.participant_id == net.participant.pk
    assert event.detail == {"query_length": 5}
    assert before - datetime.timedelta(seconds=1) <= event.occurred_at <= timezone.now()
    assert AuditEvent.objects.filter(detail__query_length=5).count() == 1


def test_nothing_is_written_for_no_rows(net: Network) -> None:
    audit_record_many(
        actor=net.counsellor, action="participants.participant.listed", participant_ids=[]
    )

    assert not AuditEvent.objects.filter(action="participants.participant.listed").exists()


def test_long_lists_are_split_below_the_parameter_limit(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on an SQLite build that allows only 100 parameters per statement.
    monkeypatch.setattr(type(connection.features), "max_query_params", 100)
    monkeypatch.delitem(connection.features.__dict__, "max_query_params", raising=False)
    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        audit_record_many(
            actor=net.counsellor,
            action="participants.participant.listed",
            participant_ids=range(1, 251),
        )

    assert len(statements) == 25  # 10 columns, so 10 rows per statement
    assert all(sql.count("%s") <= 100 for sql in statements)
    written = AuditEvent.objects.filter(action="participants.participant.listed")
    assert sorted(written.values_list("participant_id", flat=True)) == list(range(1, 251))


def test_page_of_events_is_one_statement(net: Network) -> None:
    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        audit_record_many(
            actor=net.counsellor,
            action="participants.participant.listed",
            participant_ids=range(1, 51),
        )

    inserts = [sql for sql in statements if sql.startswith("INSERT")]
    assert len(inserts) == 1
