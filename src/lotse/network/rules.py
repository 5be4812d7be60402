"""Who may do what, by role. Which participants a user may see is `participants.selectors`."""

import rules
from django.contrib.auth.models import AnonymousUser, User

from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role


def _role_is(*roles: str) -> rules.Predicate:
    def check(user: User | AnonymousUser) -> bool:
        membership = membership_of(user)
        return membership is not None and membership.role in roles

    return rules.predicate(check, name=f"role_is_{'_'.join(roles)}")


has_case_access = _role_is(*CASE_ROLES)
is_team_lead = _role_is(Role.TEAM_LEAD)
is_volunteer = _role_is(Role.VOLUNTEER)
is_coordinator = _role_is(Role.COORDINATOR)
is_data_protection_officer = _role_is(Role.DATA_PROTECTION)
# Accounts a team lead looks after; the others are set up for the whole network.
has_team_lead = _role_is(Role.COUNSELLOR, Role.VOLUNTEER)

rules.add_perm("participants.list_participants", has_case_access | is_volunteer)
rules.add_perm("participants.run_intake", has_case_access)
rules.add_perm("network.manage_network", is_coordinator)
rules.add_perm("network.manage_accounts", is_team_lead)
# Who works on which case, within the own organisation (a person leaves).
rules.add_perm("participants.transfer_cases", is_team_lead)
rules.add_perm("network.ask_team_lead", has_team_lead)
rules.add_perm("network.view_network", rules.is_authenticated)
rules.add_perm("audit.view_log", is_data_protection_officer)
