"""Writes to the offer catalogue: audited, versioned, keyword-only."""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_existing
from lotse.network.models import Network, Site
from lotse.offers import selectors
from lotse.offers.models import Catalogue, Offer


def _check(offer: Offer) -> None:
    """The form's rules once more, for callers without the form (import, command line, API):
    an offer that breaks one is refused whole, with the form's message."""
    if offer.provider_id and offer.outside_provider:
        raise DomainError(
            _(
                "Name the provider once: either a partner of the network or a provider outside "
                "it, not both."
            )
        )
    if offer.seats is not None and offer.seats_free is not None and offer.seats_free > offer.seats:
        raise DomainError(_("More seats are free than the offer has."))
    if offer.start_date and offer.end_date and offer.end_date < offer.start_date:
        raise DomainError(_("The offer cannot end before it starts."))
    if offer.min_age is not None and offer.max_age is not None and offer.max_age < offer.min_age:
        raise DomainError(_("The maximum age is below the minimum age."))
    if offer.starts_at and offer.ends_at and offer.ends_at <= offer.starts_at:
        raise DomainError(_("The end time must come after the start time."))


@transaction.atomic
def offer_save(
    *,
    actor: User,
    network: Network,
    offer: Offer,
    sites: Iterable[Site],
    expected_version: int | None,
) -> Offer:
    """Refuses an offer someone else saved after the form was opened, and sites of another
    network."""
    sites = list(sites)
    if any(site.organisation.network_id != network.pk for site in sites):
        raise DomainError(_("A site of another network cannot hold this offer."))
    _check(offer)
    created = offer.pk is None
    if not created:
        offer.version = lock_existing(
            Offer.objects.filter(pk=offer.pk, network=network), expected_version=expected_version
        ).version
    offer.network = network
    offer.save()
    offer.sites.set(sites)
    # This process asks its next eligibility question of the changed catalogue; dropped again
    # after the commit, in case a question in between prepared the old one.
    selectors.forget_catalogue(network.pk)
    transaction.on_commit(lambda: selectors.forget_catalogue(network.pk))
    audit_record(
        actor=actor,
        action="offers.offer.created" if created else "offers.offer.changed",
        obj=offer,
        detail={"title": offer.title},
    )
    return offer


@transaction.atomic
def catalogue_publish(*, actor: User, network: Network, public: bool) -> Catalogue:
    catalogue, _created = Catalogue.objects.select_for_update().get_or_create(network=network)
    catalogue.public = public
    catalogue.save()
    audit_record(
        actor=actor,
        action="offers.catalogue.published" if public else "offers.catalogue.withdrawn",
        obj=catalogue,
        network_id=network.pk,
    )
    return catalogue
