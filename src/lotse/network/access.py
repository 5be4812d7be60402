"""Who is asking: the one place that turns a request's user into a membership."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from lotse.audit.services import ActorContext
from lotse.network.models import Membership


def membership_of(user: AbstractBaseUser | AnonymousUser) -> Membership | None:
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_lotse_membership", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    membership = (
        Membership.objects.select_related("organisation__network").filter(user=user).first()
    )
    user._lotse_membership = membership  # type: ignore[union-attr]
    return membership


def actor_context(user: AbstractBaseUser) -> ActorContext:
    """The organisation and network an audit event by this user belongs to."""
    membership = membership_of(user)
    if membership is None:
        return ActorContext(organisation_id=None, network_id=None)
    return ActorContext(
        organisation_id=membership.organisation_id,
        network_id=membership.organisation.network_id,
    )
