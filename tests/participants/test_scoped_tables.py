"""Intake drafts and volunteer assignments carry their network and are read only in a scope."""

import datetime

import pytest
from django.utils import timezone
from django_scopes import ScopeError, scope

from lotse.audit.models import AuditEvent
from lotse.participants import services
from lotse.participants.models import IntakeDraft, VolunteerAssignment
from tests.conftest import Network
from tests.factories import NetworkFactory


def test_intake_draft_carries_organisations_network(net: Network) -> None:
    draft = services.intake_draft_save(
        actor=net.counsellor, draft=None, step="person", data={"last_name": ["Haidari"]}
    )

    assert IntakeDraft.objects.get(pk=draft.pk).network_id == net.owner.network_id


def test_intake_drafts_read_only_in_their_network(net: Network) -> None:
    services.intake_draft_save(actor=net.counsellor, draft=None, step="person", data={})

    with scope(network=[net.owner.network_id]):
        own = IntakeDraft.objects.count()
    with scope(network=[NetworkFactory().pk]):
        elsewhere = IntakeDraft.objects.count()
    with scope(), pytest.raises(ScopeError):
        IntakeDraft.objects.count()

    assert (own, elsewhere) == (1, 0)


def test_volunteer_assignment_carries_participants_network(net: Network) -> None:
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )

    assignment = VolunteerAssignment.objects.get()
    assert (assignment.participant_id, assignment.user_id, assignment.network_id) == (
        net.participant.pk,
        net.volunteer.pk,
        net.participant.network_id,
    )
    with scope(network=[NetworkFactory().pk]):
        assert VolunteerAssignment.objects.count() == 0
    with scope(), pytest.raises(ScopeError):
        VolunteerAssignment.objects.count()


def test_volunteer_unassigned_in_scope(net: Network) -> None:
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )

    with scope(network=[net.owner.network_id]):
        services.volunteer_unassign(
            actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
        )

    assert VolunteerAssignment.objects.count() == 0


def test_purge_runs_outside_any_scope_and_logs_network(net: Network) -> None:
    draft = services.intake_draft_save(actor=net.counsellor, draft=None, step="person", data={})
    IntakeDraft.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=31)
    )

    with scope():  # as on the command line: no network at all
        deleted = services.intake_drafts_purge()

    assert deleted == 1
    event = AuditEvent.objects.get(action="participants.intake_draft.purged")
    assert (event.organisation_id, event.network_id) == (net.owner.pk, net.owner.network_id)
