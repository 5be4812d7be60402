"""Who may do what with the responsibility map: network data every member reads; the
coordinator keeps it and decides whether it is public."""

import rules

from lotse.network.rules import is_coordinator
from lotse.offers.rules import is_network_member

rules.add_perm("responsibilities.view_map", is_network_member)
rules.add_perm("responsibilities.change_map", is_coordinator)
rules.add_perm("responsibilities.publish_map", is_coordinator)
