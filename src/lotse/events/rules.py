"""Who may do what with the network's events. Events are network data: every member reads the
event itself; its organisers keep it, the coordinator keeps all. Which participants' names a
reader sees is not a rule of the event but of the case (`selectors.registrations_for`)."""

import rules
from django.contrib.auth.models import AnonymousUser, User

from lotse.events.models import Event
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.network.rules import has_case_access, is_coordinator, is_team_lead


@rules.predicate
def is_network_member(user: User | AnonymousUser) -> bool:
    return membership_of(user) is not None


@rules.predicate
def keeps_event(user: User | AnonymousUser, event: Event | None) -> bool:
    membership = membership_of(user)
    if membership is None or event is None:
        return False
    if event.network_id != membership.organisation.network_id:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.role in CASE_ROLES and membership.organisation_id in {
        o.pk for o in event.organisers.all()
    }


rules.add_perm("events.view_events", is_network_member)
rules.add_perm("events.add_event", is_coordinator | has_case_access)
rules.add_perm("events.change_event", keeps_event)
# Registering a participant needs the case as well (`participants.add_contact`).
rules.add_perm("events.register_participants", has_case_access)
rules.add_perm("events.view_overview", is_coordinator | is_team_lead)
# Attendance of the participants the user may see (the organisers' and the registering
# organisations' counsellors), and the counted groups' for those who keep the event.
rules.add_perm("events.record_attendance", keeps_event | has_case_access)
