"""Who is asking: the one place that turns a request's user into a membership."""

from django.contrib.auth.models import AnonymousUser, User

from lotse.audit.services import ActorContext
from lotse.network.models import Membership

# Kept on the user object, which lives as long as the request; Django's User does not declare it.
_CACHED = "_lotse_membership"


def membership_of(user: User | AnonymousUser) -> Membership | None:
    if not user.is_authenticated:
        return None
    if hasattr(user, _CACHED):
        cached: Membership | None = getattr(user, _CACHED)
        return cached
    membership = (
        Membership.objects.select_related("organisation__network").filter(user=user).first()
    )
    setattr(user, _CACHED, membership)
    return membership


def actor_context(user: User) -> ActorContext:
    """The organisation and network an audit event by this user belongs to."""
    membership = membership_of(user)
    if membership is None:
        return ActorContext(organisation_id=None, network_id=None)
    return ActorContext(
        organisation_id=membership.organisation_id,
        network_id=membership.organisation.network_id,
    )
