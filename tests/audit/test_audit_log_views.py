"""The audit log page for the data-protection officer (DESIGN.md §3.3 and §3.4, issue 2 point 8)."""

import datetime
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.audit.services import audit_record
from lotse.network.enums import Role
from lotse.participants import services
from lotse.participants.models import Participant
from tests.audit.helpers import VIEWED, event_at, log_page, result_count
from tests.conftest import SECRET_ANNOTATION, SECRET_NOTE, Network, client_for
from tests.factories import NetworkFactory, OrganisationFactory, member, participant_for

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def second(net: Network) -> Participant:
    """A participant of the Jobcenter, to tell participants apart in the log."""
    return participant_for(net.other_counsellor, first_names="Leyla", last_name="Haddad")


@pytest.fixture
def views(net: Network, second: Participant) -> None:
    """Four view events: 3 of the first participant (2 by berater, 1 by kollegin, both at the
    Sozialwerk), 1 of the second one (by jobcenter, at the Jobcenter)."""
    for actor, participant in (
        (net.counsellor, net.participant),
        (net.counsellor, net.participant),
        (net.colleague, net.participant),
        (net.other_counsellor, second),
    ):
        audit_record(actor=actor, action=VIEWED, obj=participant, participant_id=participant.pk)


# --- who may see it ------------------------------------------------------------------------------


def test_log_data_protection_officer_sees_events(net: Network, views: None) -> None:
    response = log_page(client_for(net.data_protection), action=VIEWED)
    assert result_count(response) == 4
    content = response.content.decode()
    assert "Participant viewed" in content
    assert net.participant.file_number in content
    assert "Sozialwerk Test" in content
    assert "berater" in content


@pytest.mark.parametrize(
    "persona",
    ["counsellor", "team_lead", "colleague", "volunteer", "other_counsellor", "coordinator"],
)
@pytest.mark.parametrize("url_name", ["audit:log", "audit:export"])
def test_log_other_roles_forbidden(net: Network, persona: str, url_name: str) -> None:
    response = client_for(getattr(net, persona)).get(reverse(url_name))
    assert response.status_code == 403


def test_log_anonymous_redirected_to_login(db: Any) -> None:
    from django.test import Client

    response = Client().get(reverse("audit:log"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_log_url_is_audit_root() -> None:
    assert reverse("audit:log") == "/audit/"


# --- the log, never the case file ----------------------------------------------------------------


def test_log_never_shows_personal_data_of_participants(net: Network, views: None) -> None:
    services.participant_update(
        actor=net.counsellor,
        participant=net.participant,
        expected_version=net.participant.version,
        changes={"last_name": "Al-Masri-Neu", "city": "Teststadt"},
    )
    response = log_page(client_for(net.data_protection))
    content = response.content.decode()
    assert 0 < result_count(response) <= 50  # all on this one page
    assert "participants.participant.changed" in content
    assert "Changes: (City: not recorded; Last name: not recorded)" in content
    for secret in ("Mohammad", "Al-Masri", "m.almasri@mail.example", "+49 170 0000000",
                   "Leyla", "Haddad", SECRET_NOTE, SECRET_ANNOTATION, "1999"):  # fmt: skip
        assert secret not in content


def test_log_masks_personal_fields_a_service_left_in_clear(net: Network) -> None:
    audit_record(
        actor=net.counsellor,
        action="participants.test.leaky",
        participant_id=net.participant.pk,
        detail={"nested": {"last_name": "Al-Masri"}, "phone": "+49 170 0000000"},
    )
    response = log_page(client_for(net.data_protection), action="participants.test")
    assert result_count(response) == 1
    content = response.content.decode()
    assert "Al-Masri" not in content
    assert "+49 170 0000000" not in content
    assert "participants.test.leaky" in content  # an unknown code is shown as is


def test_log_only_events_of_own_network(net: Network, views: None) -> None:
    elsewhere = OrganisationFactory(network=NetworkFactory(name="Anderes Netz"), name="Fremd e.V.")
    stranger = member(elsewhere, Role.COUNSELLOR, "fremd")
    foreign = participant_for(stranger, first_names="Fremda", last_name="Person")
    audit_record(actor=stranger, action=VIEWED, obj=foreign, participant_id=foreign.pk)
    response = log_page(client_for(net.data_protection), action=VIEWED)
    assert result_count(response) == 4
    assert "Fremd e.V." not in response.content.decode()
    assert "fremd" not in response.content.decode()


# --- filters: each narrows the result ------------------------------------------------------------


def test_log_filter_by_participant_file_number(net: Network, views: None) -> None:
    client = client_for(net.data_protection)
    assert result_count(log_page(client, action=VIEWED)) == 4
    assert result_count(log_page(client, action=VIEWED,
                                 participant=net.participant.file_number.lower())) == 3  # fmt: skip


def test_log_filter_by_participant_id(net: Network, second: Participant, views: None) -> None:
    client = client_for(net.data_protection)
    assert result_count(log_page(client, action=VIEWED, participant=str(second.pk))) == 1


def test_log_filter_by_participant_without_action_counts_all_its_events(
    net: Network, views: None
) -> None:
    expected = AuditEvent.objects.filter(participant_id=net.participant.pk).count()
    total = result_count(log_page(client_for(net.data_protection)))
    response = log_page(client_for(net.data_protection), participant=net.participant.file_number)
    assert 3 < expected < total
    assert result_count(response) == expected


def test_log_filter_by_user(net: Network, views: None) -> None:
    client = client_for(net.data_protection)
    assert result_count(log_page(client, action=VIEWED, user="BERATER")) == 2
    assert result_count(log_page(client, action=VIEWED, user="kollegin")) == 1
    assert result_count(log_page(client, action=VIEWED, user="niemand")) == 0


def test_log_filter_by_organisation(net: Network, views: None) -> None:
    client = client_for(net.data_protection)
    assert result_count(log_page(client, action=VIEWED, organisation=net.owner.pk)) == 3
    assert result_count(log_page(client, action=VIEWED, organisation=net.other.pk)) == 1
    assert result_count(log_page(client, action=VIEWED, organisation=net.third.pk)) == 0


def test_log_filter_by_action_prefix(net: Network, views: None) -> None:
    client = client_for(net.data_protection)
    assert result_count(log_page(client, action="participants.participant.viewed")) == 4
    assert result_count(log_page(client, action="participants.contact.")) == 1


def test_log_filter_by_period_in_berlin_time(net: Network) -> None:
    fields = {"actor_username": "berater", "organisation_id": net.owner.pk, "action": VIEWED,
              "participant_id": net.participant.pk}  # fmt: skip
    # 23:30 and 00:30 in Berlin: both on 1 March in UTC, but on two days for the user.
    event_at(datetime.datetime(2025, 3, 1, 23, 30, tzinfo=BERLIN), **fields)
    event_at(datetime.datetime(2025, 3, 2, 0, 30, tzinfo=BERLIN), **fields)
    event_at(datetime.datetime(2025, 3, 3, 12, 0, tzinfo=BERLIN), **fields)
    client = client_for(net.data_protection)

    def count(**period: str) -> int:
        return result_count(log_page(client, action=VIEWED, **period))

    assert count() == 3
    assert count(date_from="2025-03-02", date_to="2025-03-02") == 1
    assert count(date_from="2025-03-01", date_to="2025-03-02") == 2
    assert count(date_from="2025-03-02") == 2
    assert count(date_to="2025-03-01") == 1
    assert count(date_from="2025-03-04") == 0


def test_log_filters_combine(net: Network, views: None) -> None:
    response = log_page(
        client_for(net.data_protection),
        action=VIEWED,
        user="berater",
        organisation=net.owner.pk,
        participant=net.participant.file_number,
    )
    assert result_count(response) == 2


# --- paging, order, queries ----------------------------------------------------------------------


def test_log_newest_first_and_paginated(net: Network) -> None:
    start = datetime.datetime(2025, 5, 1, 9, 0, tzinfo=BERLIN)
    for minute in range(55):
        event_at(start + datetime.timedelta(minutes=minute), actor_username="berater",
                 organisation_id=net.owner.pk, action=VIEWED, object_id=str(minute))  # fmt: skip
    client = client_for(net.data_protection)
    first = log_page(client, action=VIEWED)
    assert result_count(first) == 55
    rows = first.context["rows"]
    assert len(rows) == 50
    assert rows[0].occurred_at == start + datetime.timedelta(minutes=54)
    assert [r.occurred_at for r in rows] == sorted((r.occurred_at for r in rows), reverse=True)
    second_page = log_page(client, action=VIEWED, page=2)
    assert len(second_page.context["rows"]) == 5
    assert second_page.context["rows"][-1].occurred_at == start


def test_log_query_count_independent_of_rows(net: Network, second: Participant) -> None:
    client = client_for(net.data_protection)
    audit_record(actor=net.counsellor, action=VIEWED, participant_id=net.participant.pk)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert log_page(client, action=VIEWED).status_code == 200
        return len(context.captured_queries)

    one = queries()
    assert result_count(log_page(client, action=VIEWED)) == 1
    audit_record(actor=net.other_counsellor, action=VIEWED, participant_id=second.pk)
    extra = participant_for(net.counsellor, first_names="Dritte", last_name="Person")
    audit_record(actor=net.colleague, action=VIEWED, participant_id=extra.pk)
    assert result_count(log_page(client, action=VIEWED)) == 3
    assert queries() == one


# --- the log is itself audited -------------------------------------------------------------------


def test_log_search_is_audited(net: Network, views: None) -> None:
    log_page(client_for(net.data_protection), action=VIEWED, user="berater",
             date_from="2025-01-01")  # fmt: skip
    event = AuditEvent.objects.filter(action="audit.log.searched").get()
    assert event.actor_username == "datenschutz"
    assert event.organisation_id == net.municipality.pk
    assert event.detail == {
        "filter": {"action": VIEWED, "user": "berater", "from": "2025-01-01"},
        "page": 1,
        "results": 2,
    }


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2025-03-02", "date_to": "2025-03-01"}, "date_to"),
        ({"date_from": "2025-13-45"}, "date_from"),
        ({"date_to": "gestern"}, "date_to"),
        ({"date_to": "9999-12-31"}, "date_to"),
        ({"date_from": "0001-01-01"}, "date_from"),
        ({"user": "x" * 151}, "user"),
        ({"participant": "SW-" + "9" * 60}, "participant"),
        ({"participant": "9" * 30}, "participant"),
        ({"participant": "XX-2025-99999"}, "participant"),
        ({"action": "a" * 81}, "action"),
        ({"action": "participants'; DROP"}, "action"),
        ({"organisation": "abc"}, "organisation"),
        ({"organisation": "999999"}, "organisation"),
    ],
)
def test_log_bad_filter_gives_message(net: Network, params: dict[str, str], field: str) -> None:
    response = log_page(client_for(net.data_protection), **params)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert errors[field][0] in response.content.decode().replace("&quot;", '"')
    assert response.context["page"] is None
    assert not AuditEvent.objects.filter(action="audit.log.searched").exists()


def test_log_bad_page_number_shows_a_page(net: Network, views: None) -> None:
    response = log_page(client_for(net.data_protection), page="x'")
    assert response.status_code == 200
    assert response.context["page"].number == 1


def test_every_action_code_the_code_writes_has_a_name() -> None:
    # A raw code in the log is English jargon for the data-protection officer.
    import re
    from pathlib import Path

    from lotse.audit.actions import action_label

    source = Path(__file__).resolve().parents[2] / "src" / "lotse"
    codes = set()
    for path in source.rglob("*.py"):
        codes |= set(
            re.findall(
                r'"((?:participants|network|core|audit|api|profiles|'
                r'workpermission)\.[a-z_]+\.[a-z_]+)"',
                path.read_text(),
            )
        )
    assert codes  # the pattern still finds the codes
    unnamed = sorted(code for code in codes if action_label(code) == code)
    assert unnamed == []
    assert action_label("profiles.language_skill.created") != "profiles.language_skill.created"
