"""Lists of the network's sites and an organisation's case workers, as the caseload's filter
shows them on every request.

They are kept in the cache for a minute: reading and compiling the two queries cost the
caseload ~2 ms of its ~15. They decide nothing about access (the filter only narrows what the
access functions allow), so a list a minute old in another worker process is harmless; the
services that change sites, organisations and accounts forget them at once in their own."""

from django.contrib.auth import get_user_model
from django.core.cache import cache

from lotse.network.enums import Role
from lotse.network.models import Membership, Site

TTL_SECONDS = 60


def _sites_key(network_id: int) -> str:
    return f"lotse:network-sites:{network_id}"


def _case_workers_key(organisation_id: int) -> str:
    return f"lotse:case-workers:{organisation_id}"


def network_sites(network_id: int) -> list[tuple[int, str, int, str]]:
    """(site id, site name, organisation id, organisation name) of every site in the network."""
    key = _sites_key(network_id)
    sites: list[tuple[int, str, int, str]] | None = cache.get(key)
    if sites is None:
        sites = list(
            Site.objects.filter(organisation__network_id=network_id).values_list(
                "pk", "name", "organisation_id", "organisation__name"
            )
        )
        cache.set(key, sites, TTL_SECONDS)
    return sites


def case_workers(organisation_id: int) -> list[tuple[int, str, bool]]:
    """(user id, display name, active) of the organisation's counsellors and team leads, the
    active ones first. Deactivated accounts stay: their participants are still to be found."""
    key = _case_workers_key(organisation_id)
    workers: list[tuple[int, str, bool]] | None = cache.get(key)
    if workers is None:
        rows = (
            get_user_model()
            .objects.filter(
                membership__organisation_id=organisation_id,
                membership__role__in=[Role.COUNSELLOR, Role.TEAM_LEAD],
            )
            .order_by("-is_active", "last_name", "username")
            .values_list("pk", "first_name", "last_name", "username", "is_active")
        )
        workers = [
            (pk, f"{first} {last}".strip() or username, active)
            for pk, first, last, username, active in rows
        ]
        cache.set(key, workers, TTL_SECONDS)
    return workers


def forget_lists(*, network_id: int | None = None, organisation_id: int | None = None) -> None:
    if network_id is not None:
        cache.delete(_sites_key(network_id))
    if organisation_id is not None:
        cache.delete(_case_workers_key(organisation_id))


def has_active_team_lead(organisation_id: int) -> bool:
    return Membership.objects.filter(
        organisation_id=organisation_id, role=Role.TEAM_LEAD, user__is_active=True
    ).exists()


def team_lead_names(organisation_id: int) -> list[str]:
    """The active team leads of an organisation, as the coordinator's pages name them."""
    rows = (
        get_user_model()
        .objects.filter(
            membership__organisation_id=organisation_id,
            membership__role=Role.TEAM_LEAD,
            is_active=True,
        )
        .order_by("last_name", "username")
        .values_list("first_name", "last_name", "username")
    )
    return [f"{first} {last}".strip() or username for first, last, username in rows]
