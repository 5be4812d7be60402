"""A counsellor leaves: the team lead moves all or some of their cases to another counsellor
(issue 12, part 5)."""

from typing import Any

from lotse.audit.models import AuditEvent
from lotse.network.enums import Role
from lotse.participants import services
from lotse.participants.models import Participant
from tests.audit.helpers import listed
from tests.conftest import Network, client_for
from tests.factories import member, participant_for

DE = {"accept-language": "de"}


def _three_more(net: Network) -> list[Participant]:
    return [
        participant_for(net.counsellor, first_names=first, last_name="Beispiel")
        for first in ("Amal", "Bashir", "Dana")
    ]


def _url(user: Any) -> str:
    return f"/participants/counsellors/{user.pk}/transfer/"


def test_team_lead_moves_all_cases_of_a_counsellor_who_leaves(net: Network) -> None:
    cases = [net.participant, *_three_more(net)]
    client = client_for(net.team_lead)
    page = client.get(_url(net.counsellor), headers=DE).content.decode()
    assert "hat 4 Fälle in Ihrem Träger" in page
    assert "Al-Masri, Mohammad" in page

    response = client.post(
        _url(net.counsellor),
        {"to_counsellor": str(net.colleague.pk), "which": "all"},
        headers=DE,
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/network/accounts/"
    assert "4 Fälle wurden an Test" in response.content.decode()
    for case in cases:
        before = case.version
        case.refresh_from_db()
        assert case.counsellor == net.colleague
        assert case.version == before + 1  # a form opened before the move is now stale
        latest = case.history.latest()
        assert (latest.counsellor_id, latest.history_user_id) == (
            net.colleague.pk,
            net.team_lead.pk,
        )
    event = AuditEvent.objects.get(action="participants.participant.transferred")
    assert sorted(listed(event.action)) == sorted(c.pk for c in cases)
    assert event.actor_id == net.team_lead.pk
    assert event.detail == {"counsellor": ["berater", "kollegin"]}
    # The transfer page listed the cases: audited like a caseload page.
    assert len(listed("participants.participant.listed", actor=net.team_lead)) == 4


def test_team_lead_moves_only_the_ticked_cases(net: Network) -> None:
    amal, bashir, dana = _three_more(net)
    response = client_for(net.team_lead).post(
        _url(net.counsellor),
        {
            "to_counsellor": str(net.colleague.pk),
            "which": "selected",
            "participants": [str(amal.pk), str(dana.pk)],
        },
    )
    assert response.status_code == 302
    owners = dict(Participant.objects.values_list("pk", "counsellor_id"))
    assert owners == {
        net.participant.pk: net.counsellor.pk,
        amal.pk: net.colleague.pk,
        bashir.pk: net.counsellor.pk,
        dana.pk: net.colleague.pk,
    }


def test_a_case_moved_meanwhile_stays_where_it_went(net: Network) -> None:
    amal, bashir, _dana = _three_more(net)
    lead = member(net.owner, Role.TEAM_LEAD, "leitung2")
    services.caseload_transfer(
        actor=lead,
        from_counsellor_id=net.counsellor.pk,
        to_counsellor_id=lead.pk,
        participant_ids=[amal.pk],
    )
    moved = services.caseload_transfer(
        actor=net.team_lead,
        from_counsellor_id=net.counsellor.pk,
        to_counsellor_id=net.colleague.pk,
        participant_ids=[amal.pk, bashir.pk],
    )
    assert moved == [bashir.pk]
    amal.refresh_from_db()
    assert amal.counsellor == lead


def test_ticking_nothing_and_choosing_no_one_are_explained(net: Network) -> None:
    response = client_for(net.team_lead).post(
        _url(net.counsellor), {"to_counsellor": "", "which": "selected"}, headers=DE
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dieses Feld ist ein Pflichtfeld." in page
    assert "Kreuzen Sie die Fälle an, die übergehen sollen" in page
    assert Participant.objects.get().counsellor == net.counsellor


def test_cases_move_only_to_an_active_counsellor_of_the_own_organisation(net: Network) -> None:
    net.colleague.is_active = False
    net.colleague.save()
    client = client_for(net.team_lead)
    for target in (net.colleague, net.other_counsellor, net.volunteer):
        response = client.post(
            _url(net.counsellor), {"to_counsellor": str(target.pk), "which": "all"}, headers=DE
        )
        assert response.status_code == 200
    assert Participant.objects.get().counsellor == net.counsellor
    assert not AuditEvent.objects.filter(action="participants.participant.transferred").exists()


def test_only_a_team_lead_of_the_organisation_moves_its_cases(net: Network) -> None:
    data = {"to_counsellor": str(net.colleague.pk), "which": "all"}
    for user in (net.counsellor, net.colleague, net.coordinator, net.data_protection):
        assert client_for(user).post(_url(net.counsellor), data).status_code == 403
    other_lead = member(net.other, Role.TEAM_LEAD, "leitung.jobcenter")
    assert client_for(other_lead).post(_url(net.counsellor), data).status_code == 404
    assert Participant.objects.get().counsellor == net.counsellor


def test_the_accounts_page_offers_to_move_the_cases_of_case_workers(net: Network) -> None:
    page = client_for(net.team_lead).get("/network/accounts/", headers=DE).content.decode()
    assert f'href="/participants/counsellors/{net.counsellor.pk}/transfer/"' in page
    assert f'href="/participants/counsellors/{net.volunteer.pk}/transfer/"' not in page


def test_ticked_cases_with_all_cases_chosen_are_sent_back_not_all_moved(net: Network) -> None:
    # "All cases" is chosen when the page opens: a team lead who ticks two cases and sends
    # moved every case of the counsellor.
    amal, _bashir, _dana = _three_more(net)
    response = client_for(net.team_lead).post(
        _url(net.counsellor),
        {"to_counsellor": str(net.colleague.pk), "which": "all", "participants": [str(amal.pk)]},
        headers=DE,
    )
    assert response.status_code == 200
    assert "Sie haben einzelne Fälle angekreuzt" in response.content.decode()
    assert set(Participant.objects.values_list("counsellor_id", flat=True)) == {net.counsellor.pk}
