"""Who may do what with placements. On a case: reading needs `participants.view_case`, writing
`participants.change_case` (the case owner), both asked of the `CaseAccess`. Off a case: the
follow-up list is for the roles that work on cases (it lists only what each may see); the
network's follow-up schedule is the coordinator's."""

import rules

from lotse.network.rules import has_case_access, is_coordinator

rules.add_perm("placement_records.view_follow_up", has_case_access)
rules.add_perm("placement_records.change_settings", is_coordinator)
