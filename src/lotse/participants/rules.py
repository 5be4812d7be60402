"""What a user may do with a case, as `rules` object predicates over a `CaseAccess`.

Views ask `case.allows("participants.change_case")` (or `participant_for_user(…, require=…)`),
templates `case.can.participants.change_case`. A new kind of access is a new predicate here
and in the apps that grant it something, never a string compared in a template.
"""

from typing import Any

import rules

from lotse.participants.access import AccessKind, CaseAccess


def _kind_is(*kinds: AccessKind) -> rules.Predicate:
    def check(_user: Any, case: Any) -> bool:
        return isinstance(case, CaseAccess) and case.kind in kinds

    return rules.predicate(check, name=f"case_kind_is_{'_'.join(kinds)}")


is_case_owner = _kind_is(AccessKind.OWNER)
is_sharing_organisation = _kind_is(AccessKind.SHARED)
is_assigned_volunteer = _kind_is(AccessKind.VOLUNTEER)
# An organisation that accepted a referral works on the case like a sharing one, while it lasts.
is_referral_recipient = _kind_is(AccessKind.REFERRAL)
# Organisations that work on the case: they read the whole case file and record contacts.
works_on_case = is_case_owner | is_sharing_organisation | is_referral_recipient

rules.add_perm("participants.view_contact_data", works_on_case | is_assigned_volunteer)
rules.add_perm("participants.view_case", works_on_case)
rules.add_perm("participants.add_contact", works_on_case)
# Tasks given to the own organisation; the owner completes any (`CaseAccess.may_complete_task`).
rules.add_perm("participants.complete_any_task", is_case_owner)
rules.add_perm("participants.change_case", is_case_owner)
rules.add_perm("participants.manage_consent", is_case_owner)
rules.add_perm("participants.assign_volunteer", is_case_owner)
# A subject-access export and a deletion (GDPR Art. 15, 17) are the controller's: the owner.
rules.add_perm("participants.export_case", is_case_owner)
rules.add_perm("participants.erase_case", is_case_owner)
