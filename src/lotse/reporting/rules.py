"""Who may do what with the ESF data of a case and with reports.

Case-level predicates take a `CaseAccess`; report predicates take the scope asked about (an
`Organisation`, or the `Network` for the whole network). Reports are aggregates: the network's
coordinator and the funder read them for the whole network and any organisation; case workers
for their own organisation. Only case workers open the people behind a number, and only those
they may see.
"""

from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser, User

from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.network.models import Network, Organisation
from lotse.network.rules import has_case_access, is_coordinator
from lotse.participants.rules import is_case_owner, works_on_case

NETWORK_WIDE_ROLES = frozenset({Role.COORDINATOR, Role.FUNDER})


@rules.predicate
def is_funder(user: User | AnonymousUser) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role == Role.FUNDER


@rules.predicate
def may_report_on(user: User | AnonymousUser, scope: Any) -> bool:
    membership = membership_of(user)
    if membership is None:
        return False
    network_id = membership.organisation.network_id
    if isinstance(scope, Network):
        return membership.role in NETWORK_WIDE_ROLES and scope.pk == network_id
    if isinstance(scope, Organisation):
        if scope.network_id != network_id:
            return False
        if membership.role in NETWORK_WIDE_ROLES:
            return True
        return membership.role in CASE_ROLES and scope.pk == membership.organisation_id
    return False


rules.add_perm("reporting.view_esf", works_on_case)
rules.add_perm("reporting.change_esf", is_case_owner)
# Disability is a special category (GDPR Art. 9): the case owner's alone.
rules.add_perm("reporting.view_special_category", is_case_owner)
rules.add_perm("reporting.view_reports", has_case_access | is_coordinator | is_funder)
rules.add_perm("reporting.report_on", may_report_on)
# The people behind a number: case workers only, and only the cases they may see.
rules.add_perm("reporting.drill_down", has_case_access)
