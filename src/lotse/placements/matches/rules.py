"""Who may rank a vacancy's candidates: the roles that work on cases. A participant's ranked
vacancies need the case itself (`participants.view_case`)."""

import rules

from lotse.network.rules import has_case_access

rules.add_perm("matches.view_candidates", has_case_access)
