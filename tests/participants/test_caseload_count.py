"""The team lead's caseload keeps the size of the organisation's set of cases between changes;
a case registered or deleted counts afresh in every process."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.participants import services
from lotse.participants.access import participant_for_user
from tests.conftest import Network, client_for
from tests.factories import participant_for


def _total(client: Any, **params: str) -> int:
    response = client.get("/participants/", params)
    assert response.status_code == 200
    return int(response.context["page"].paginator.count)


def test_the_whole_organisation_is_counted_once_per_change(net: Network) -> None:
    lead = client_for(net.team_lead)
    assert _total(lead) == 1
    with CaptureQueriesContext(connection) as counted:
        assert _total(lead) == 1
    assert not any("COUNT(" in q["sql"] for q in counted.captured_queries)

    # The cache still holds the old count (as another process's would): the generation it is
    # filed under is no longer the current one.

    participant_for(net.counsellor, first_names="Zweite", last_name="Person")
    assert _total(lead) == 2

    case = participant_for_user(net.counsellor, net.participant.pk)
    services.participant_erase(actor=net.counsellor, case=case)
    assert _total(lead) == 1


def test_filtered_views_count_what_they_show(net: Network) -> None:
    participant_for(net.colleague, first_names="Dritte", last_name="Person")
    lead = client_for(net.team_lead)
    assert _total(lead) == 2
    assert _total(lead, q="Al-Masri") == 1
    assert _total(lead, counsellor=str(net.colleague.pk)) == 1
    assert _total(client_for(net.counsellor)) == 1
