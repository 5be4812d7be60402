"""The coordinator sets up the first team lead of a new organisation (issue 12, part 5)."""

from django.contrib.auth import get_user_model

from lotse.audit.models import AuditEvent
from lotse.network.models import Membership, Organisation
from tests.conftest import Network, client_for
from tests.factories import OrganisationFactory, password_works

LEAD = {
    "username": "leitung.neu",
    "first_name": "Nora",
    "last_name": "Neumann",
    "email": "n.neumann@integration.example",
    "password": "Start-Passwort-2026",
}


def _new_organisation(net: Network) -> Organisation:
    response = client_for(net.coordinator).post(
        "/network/organisations/new/",
        {"name": "Integrationsdienst Test", "kind": "welfare", "file_number_prefix": "ID"},
    )
    organisation = Organisation.objects.get(name="Integrationsdienst Test")
    assert response["Location"] == f"/network/organisations/{organisation.pk}/team-lead/"
    return organisation


def test_coordinator_creates_the_first_team_lead_of_a_new_organisation(net: Network) -> None:
    organisation = _new_organisation(net)
    client = client_for(net.coordinator)
    form = client.get(f"/network/organisations/{organisation.pk}/team-lead/")
    assert 'name="role"' not in form.content.decode()

    response = client.post(f"/network/organisations/{organisation.pk}/team-lead/", LEAD)

    assert response.status_code == 302
    membership = Membership.objects.select_related("user").get(user__username="leitung.neu")
    assert (membership.organisation, membership.role) == (organisation, "team_lead")
    assert membership.must_change_password
    assert membership.user.email == "n.neumann@integration.example"
    assert password_works("leitung.neu", "Start-Passwort-2026")
    event = AuditEvent.objects.get(action="network.account.created")
    assert (event.actor_id, event.organisation_id) == (net.coordinator.pk, net.municipality.pk)
    assert event.detail == {"role": "team_lead", "username": "leitung.neu"}
    # The new team lead first replaces the password the coordinator knows.
    lead = client_for(membership.user)
    assert lead.get("/network/accounts/")["Location"].startswith("/account/password/")


def test_the_overview_offers_a_first_team_lead_only_where_none_is(net: Network) -> None:
    organisation = _new_organisation(net)
    page = (
        client_for(net.coordinator)
        .get("/network/", headers={"accept-language": "de"})
        .content.decode()
    )
    assert f'href="/network/organisations/{organisation.pk}/team-lead/"' in page
    assert f'href="/network/organisations/{net.owner.pk}/team-lead/"' not in page
    assert "Erstes Konto der Teamleitung anlegen" in page
    # Other roles see the network, not the link.
    lead_page = client_for(net.team_lead).get("/network/").content.decode()
    assert "/team-lead/" not in lead_page


def test_an_organisation_with_a_team_lead_gets_no_second_from_the_coordinator(
    net: Network,
) -> None:
    client = client_for(net.coordinator)
    url = f"/network/organisations/{net.owner.pk}/team-lead/"
    page = client.get(url, headers={"accept-language": "de"}).content.decode()
    assert "hat bereits eine Teamleitung" in page
    assert 'name="username"' not in page

    response = client.post(url, LEAD, headers={"accept-language": "de"}, follow=True)

    assert not get_user_model().objects.filter(username="leitung.neu").exists()
    assert "Sozialwerk Test hat bereits eine Teamleitung" in response.content.decode()


def test_a_deactivated_team_lead_can_be_replaced_by_the_coordinator(net: Network) -> None:
    net.team_lead.is_active = False
    net.team_lead.save()
    response = client_for(net.coordinator).post(
        f"/network/organisations/{net.owner.pk}/team-lead/", LEAD
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="leitung.neu").organisation == net.owner


def test_only_the_coordinator_of_the_network_creates_team_leads(net: Network) -> None:
    organisation = _new_organisation(net)
    url = f"/network/organisations/{organisation.pk}/team-lead/"
    for user in (net.team_lead, net.counsellor, net.data_protection):
        assert client_for(user).post(url, LEAD).status_code == 403
    elsewhere = OrganisationFactory()  # another network
    response = client_for(net.coordinator).post(
        f"/network/organisations/{elsewhere.pk}/team-lead/", LEAD
    )
    assert response.status_code == 404
    assert not get_user_model().objects.filter(username="leitung.neu").exists()


def test_a_second_click_creates_one_team_lead(net: Network) -> None:
    organisation = _new_organisation(net)
    client = client_for(net.coordinator)
    data = {**LEAD, "submission_key": "0d6c4f0e-3f0a-4c52-9a4e-3b8f7d5e2a11"}
    url = f"/network/organisations/{organisation.pk}/team-lead/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Membership.objects.filter(organisation=organisation).count() == 1
