"""The cached lists of sites and case workers follow the services that change them."""

from typing import Any

from lotse.network import services
from lotse.network.models import Site
from lotse.network.selectors import case_workers, network_sites
from tests.conftest import Network


def test_renaming_an_organisation_renews_the_network_sites(
    net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    network_id = net.owner.network_id
    assert ("Hauptstelle", "Sozialwerk Test") in {(s[1], s[3]) for s in network_sites(network_id)}
    Site.objects.create(organisation=net.other, name="Nebenstelle")
    assert "Nebenstelle" not in {s[1] for s in network_sites(network_id)}  # read a minute ago

    net.owner.name = "Sozialwerk Neu"
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_save(
            actor=None,
            network=net.owner.network,
            organisation=net.owner,
            expected_version=net.owner.version,
        )

    sites = {(s[1], s[3]) for s in network_sites(network_id)}
    assert ("Hauptstelle", "Sozialwerk Neu") in sites
    assert ("Nebenstelle", "Jobcenter Test") in sites


def test_a_new_account_renews_the_case_workers(
    net: Network, django_capture_on_commit_callbacks: Any
) -> None:
    before = {name for _pk, name, _active in case_workers(net.owner.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        services.account_create(
            actor=net.team_lead,
            organisation=net.owner,
            username="neu.beratung",
            first_name="Nora",
            last_name="Neu",
            email="nora@example.org",
            role="counsellor",
            password="Ein-langes-Startpasswort-1",
        )
    after = {name for _pk, name, _active in case_workers(net.owner.pk)}
    assert after - before == {"Nora Neu"}
    assert "Nora Neu" not in {name for _pk, name, _a in case_workers(net.other.pk)}
