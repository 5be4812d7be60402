"""What a user may do with a case's profile and plan (object predicates over a `CaseAccess`)."""

import rules

from lotse.participants.rules import is_case_owner, works_on_case

rules.add_perm("profiles.view_profile", works_on_case)
rules.add_perm("profiles.change_profile", is_case_owner)
# Health data (Art. 9 GDPR) only for the case owner, never for a sharing organisation.
rules.add_perm("profiles.view_health", is_case_owner)
