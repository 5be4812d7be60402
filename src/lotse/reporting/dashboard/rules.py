"""Who may open a dashboard and the statistics settings (aggregates only, never a case)."""

import rules
from django.contrib.auth.models import AnonymousUser, User

from lotse.network.access import membership_of
from lotse.network.enums import Role


@rules.predicate
def has_dashboard(user: User | AnonymousUser) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role in (
        Role.COUNSELLOR,
        Role.TEAM_LEAD,
        Role.COORDINATOR,
        Role.FUNDER,
    )


@rules.predicate
def publishes_statistics(user: User | AnonymousUser) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role == Role.COORDINATOR


rules.add_perm("reporting.view_dashboard", has_dashboard)
rules.add_perm("reporting.publish_statistics", publishes_statistics)
