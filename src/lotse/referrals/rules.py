"""Who may refer a participant: the case owner, who controls the data a referral passes on."""

import rules

from lotse.network.rules import has_case_access
from lotse.participants.rules import is_case_owner

rules.add_perm("referrals.refer", is_case_owner)
# The inbox's referral sources: organisations that keep cases send and receive referrals.
rules.add_perm("referrals.use_referrals", has_case_access)
