"""The list audit: one event per list shown, with one narrow row per participant in it, written
in as few statements as the database allows, and found by participant like any other event."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from lotse.audit.models import AuditEvent, ListedParticipant
from lotse.audit.services import audit_record_many
from tests.conftest import Network


def test_a_list_is_one_event_with_its_participants(net: Network) -> None:
    before = timezone.now()

    audit_record_many(
        actor=net.counsellor,
        action="participants.participant.search_hit",
        participant_ids=[net.participant.pk, 5, net.participant.pk],
        detail={"query_length": 5},
    )

    event = AuditEvent.objects.get(action="participants.participant.search_hit")
    assert (event.actor_id, event.actor_username) == (net.counsellor.pk, "berater")
    assert (event.organisation_id, event.network_id) == (net.owner.pk, net.owner.network_id)
    assert (event.object_type, event.object_id, event.participant_id) == (
        "participants.participant",
        "",
        None,
    )
    assert event.detail == {"query_length": 5}
    assert before - datetime.timedelta(seconds=1) <= event.occurred_at <= timezone.now()
    # Each person once.
    assert sorted(event.listed.values_list("participant_id", flat=True)) == sorted(
        [net.participant.pk, 5]
    )


def test_nothing_is_written_for_no_rows(net: Network) -> None:
    audit_record_many(
        actor=net.counsellor, action="participants.participant.listed", participant_ids=[]
    )

    assert not AuditEvent.objects.filter(action="participants.participant.listed").exists()
    assert not ListedParticipant.objects.exists()


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

    assert len(statements) == 1 + 5  # the event, then 50 people (two columns) per statement
    assert all(sql.count("%s") <= 100 for sql in statements)
    event = AuditEvent.objects.get(action="participants.participant.listed")
    assert sorted(event.listed.values_list("participant_id", flat=True)) == list(range(1, 251))


def test_a_page_is_two_statements(net: Network) -> None:
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

    assert [sql.split('"')[1] for sql in statements] == [
        "audit_auditevent",
        "audit_listedparticipant",
    ]
