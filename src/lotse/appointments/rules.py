"""Who may do what with appointments. On a case: the organisations that work on it book and
change appointments; the assigned volunteer reads only where and when."""

import rules

from lotse.network.rules import has_case_access, is_coordinator, is_team_lead
from lotse.participants.rules import is_assigned_volunteer, works_on_case

rules.add_perm("appointments.view_appointments", works_on_case | is_assigned_volunteer)
rules.add_perm("appointments.view_details", works_on_case)
rules.add_perm("appointments.book", works_on_case)
rules.add_perm("appointments.change_appointment", works_on_case)
# Pages of the user's own: "my appointments", a site's day list, the calendar feed.
rules.add_perm("appointments.my_appointments", has_case_access)
rules.add_perm("appointments.site_day", has_case_access)
# Where and when one counsels (`/appointments/hours/`): one's own; a team lead also those of
# the counsellors of their organisation (`selectors.hours_people`).
rules.add_perm("appointments.keep_hours", has_case_access)
rules.add_perm("appointments.keep_team_hours", is_team_lead)
# The network's reminder lead time and slot length.
rules.add_perm("appointments.manage_settings", is_coordinator)
