"""Who may do what with the network's offers. Offers are network data: every member of the
network reads them; a partner keeps its own, the coordinator keeps all."""

import rules
from django.contrib.auth.models import AnonymousUser, User

from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.network.rules import has_case_access, is_coordinator
from lotse.offers.models import Offer


@rules.predicate
def is_network_member(user: User | AnonymousUser) -> bool:
    return membership_of(user) is not None


@rules.predicate
def keeps_offer(user: User | AnonymousUser, offer: Offer | None) -> bool:
    membership = membership_of(user)
    if membership is None or offer is None:
        return False
    if offer.network_id != membership.organisation.network_id:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.role in CASE_ROLES and offer.provider_id == membership.organisation_id


rules.add_perm("offers.view_catalogue", is_network_member)
rules.add_perm("offers.add_offer", is_coordinator | has_case_access)
rules.add_perm("offers.change_offer", keeps_offer)
rules.add_perm("offers.publish_catalogue", is_coordinator)
rules.add_perm("offers.import_offers", is_coordinator)
