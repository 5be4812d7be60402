"""The inbox's source of new matches when nothing waits: one probe of an index, not the
participants the counsellor may see."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from lotse.placements.matches.inbox import SOURCE
from lotse.placements.matches.models import NewMatch
from lotse.placements.matches.services import new_matches_record
from tests.placements.test_matching_pages import profile, vacancy

pytestmark = pytest.mark.django_db


def _costs(user, network_id):
    with scope(network=network_id):
        with CaptureQueriesContext(connection) as rows_queries:
            rows = SOURCE.rows(user)
        with CaptureQueriesContext(connection) as count_queries:
            count = SOURCE.count(user)
    sql = [q["sql"] for q in (*rows_queries.captured_queries, *count_queries.captured_queries)]
    return rows, count, len(rows_queries), len(count_queries), sql


def _probes_only(sql):
    """Only the index on (counsellor, seen_on): no participant, share, consent or grant."""
    return [statement.partition(" FROM ")[2].split(" ")[0] for statement in sql] == [
        '"matches_newmatch"',
        '"matches_newmatch"',
    ] and not any("participant" in statement for statement in sql)


def test_an_empty_source_costs_one_indexed_query(net):
    rows, count, rows_queries, count_queries, sql = _costs(net.counsellor, net.owner.network_id)
    assert (rows, count, rows_queries, count_queries) == ([], 0, 1, 1)
    assert _probes_only(sql)


def test_a_seen_match_leaves_the_source_empty_and_cheap(net):
    profile(net.participant)
    vacancy(net, kldb_code="51311", title="Lagerhelfer/in")
    assert new_matches_record(network_id=net.owner.network_id, today=timezone.localdate()) == 1
    rows, count, rows_queries, _, sql = _costs(net.counsellor, net.owner.network_id)
    assert ([row.title for row in rows], count) == (["Lagerhelfer/in für Mohammad Al-Masri"], 1)
    # The probe, the rows of visible participants, the audit event and its listed people.
    assert rows_queries == 4
    assert not _probes_only(sql)

    NewMatch.objects.update(seen_on=timezone.localdate())
    rows, count, rows_queries, count_queries, sql = _costs(net.counsellor, net.owner.network_id)
    assert (rows, count, rows_queries, count_queries) == ([], 0, 1, 1)
    assert _probes_only(sql)


def test_a_match_of_a_participant_no_longer_visible_is_not_shown(net):
    """The probe only decides whether to look: what is shown is still limited to the
    participants the counsellor sees."""
    profile(net.participant)
    vacancy(net, kldb_code="51311", title="Lagerhelfer/in")
    new_matches_record(network_id=net.owner.network_id, today=timezone.localdate())
    NewMatch.objects.update(counsellor=net.other_counsellor)
    rows, count, _, _, _ = _costs(net.other_counsellor, net.owner.network_id)
    assert (rows, count) == ([], 0)
