"""Audit events carry their network: written in or out of a scope, read only inside one."""

import pytest
from django_scopes import ScopeError, scope

from lotse.audit.models import AuditEvent
from lotse.audit.services import audit_record
from tests.audit.helpers import VIEWED, log_page, result_count
from tests.conftest import Network, client_for
from tests.factories import NetworkFactory, OrganisationFactory, member


def test_event_by_actor_carries_actors_network(net: Network) -> None:
    audit_record(actor=net.counsellor, action=VIEWED, obj=net.participant)

    event = AuditEvent.objects.get(action=VIEWED)
    assert (event.organisation_id, event.network_id) == (net.owner.pk, net.owner.network_id)


def test_event_without_actor_takes_objects_network(net: Network) -> None:
    audit_record(actor=None, action="network.organisation.changed", obj=net.other)

    event = AuditEvent.objects.get(action="network.organisation.changed")
    assert event.network_id == net.other.network_id


def test_event_without_actor_takes_given_network(net: Network) -> None:
    audit_record(
        actor=None,
        action="participants.intake_draft.purged",
        organisation_id=net.owner.pk,
        network_id=net.owner.network_id,
        detail={"count": 2},
    )

    event = AuditEvent.objects.get(action="participants.intake_draft.purged")
    assert (event.organisation_id, event.network_id) == (net.owner.pk, net.owner.network_id)


@pytest.mark.parametrize("scoped", ["none", "empty", "other"])
def test_event_written_in_or_out_of_scope(net: Network, scoped: str) -> None:
    # A command runs without a scope, a log-in before the user's scope, a page in its own.
    networks = {"empty": [], "other": [NetworkFactory().pk]}
    with scope(**({"network": networks[scoped]} if scoped in networks else {})):
        audit_record(actor=net.counsellor, action=VIEWED, obj=net.participant)

    assert AuditEvent.objects.get(action=VIEWED).network_id == net.owner.network_id


def test_events_read_without_scope_raise(net: Network) -> None:
    audit_record(actor=net.counsellor, action=VIEWED, obj=net.participant)

    with scope(), pytest.raises(ScopeError):
        AuditEvent.objects.count()


def test_events_read_in_scope_show_only_that_network(net: Network) -> None:
    elsewhere = OrganisationFactory(network=NetworkFactory(), name="Anderswo")
    stranger = member(elsewhere, "counsellor", "fremd")
    audit_record(actor=net.counsellor, action=VIEWED, obj=net.participant)
    audit_record(actor=stranger, action=VIEWED)

    with scope(network=[net.owner.network_id]):
        viewed = AuditEvent.objects.filter(action=VIEWED)
        actors = list(viewed.values_list("actor_username", flat=True))

    assert actors == ["berater"]


def test_data_protection_officer_sees_only_own_networks_events(net: Network) -> None:
    elsewhere = OrganisationFactory(network=NetworkFactory(), name="Anderswo")
    stranger = member(elsewhere, "counsellor", "fremd")
    audit_record(actor=net.counsellor, action=VIEWED, obj=net.participant)
    audit_record(actor=stranger, action=VIEWED)

    response = log_page(client_for(net.data_protection), action=VIEWED)

    assert result_count(response) == 1
    assert [row.username for row in response.context["rows"]] == ["berater"]
