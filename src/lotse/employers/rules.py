"""Who may do what with the network's employers and vacancies.

Employers are shared by the network (not case data): the case roles of every partner
organisation read them, record contacts and keep them up to date, and the coordinator keeps
all. Volunteers, the funder and the data-protection officer have no business with them (their
contact persons are personal data)."""

import rules

from lotse.network.rules import has_case_access, is_coordinator

works_with_employers = has_case_access | is_coordinator

rules.add_perm("employers.view_employers", works_with_employers)
rules.add_perm("employers.change_employers", works_with_employers)
rules.add_perm("employers.import_vacancies", is_coordinator)
