"""Everyone who belongs to a network has an inbox; what is in it is each source's decision."""

import rules
from django.contrib.auth.models import AnonymousUser, User

from lotse.network.access import membership_of


@rules.predicate
def is_network_member(user: User | AnonymousUser) -> bool:
    return membership_of(user) is not None


rules.add_perm("inbox.view_inbox", is_network_member)
