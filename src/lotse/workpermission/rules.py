"""What a user may do with a case's work-permission assessment (predicates over a `CaseAccess`)."""

import rules

from lotse.participants.rules import is_case_owner, works_on_case

rules.add_perm("workpermission.view_assessment", works_on_case)
rules.add_perm("workpermission.change_facts", is_case_owner)
