"""The "try a situation" page: the contract's fields as a form, nothing stored."""

import re
from typing import Any

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.legal import evaluate_json
from lotse.workpermission.models import ResidenceFacts
from tests.conftest import Network, client_for

URL = "/work-permission/try/"


def form_data(**changes: str) -> dict[str, str]:
    data = {
        "reference_date": "2025-07-15",
        "document": "gestattung",
        "residence_permit_section": "",
        "document_valid_until": "",
        "document_annotation": "",
        "nationality": "SY",
        "birth_date_value": "1999-04-01",
        "entry_date": "2025-01-10",
        "asylum_request_date": "2025-01-15",
        "asylum_application_date": "2025-01-15",
        "asylum_decision": "pending",
        "suspensive_effect_ordered": "unknown",
        "lives_in_reception_centre": "true",
        "duldung_since": "",
        "identity_clarified": "unknown",
        "unaccompanied_minor": "unknown",
        "has_minor_children": "unknown",
        "dublin_procedure": "false",
        "employment_since": "",
        "weekly_hours": "",
        "entered_to_obtain_benefits": "unknown",
        "entered_to_obtain_benefits_source": "",
        "removal_obstructed_by_own_fault": "unknown",
        "removal_obstructed_by_own_fault_source": "",
        "removal_measures_imminent": "unknown",
        "removal_measures_imminent_source": "",
        "stays-TOTAL_FORMS": "1",
        "stays-INITIAL_FORMS": "0",
        "stays-MIN_NUM_FORMS": "0",
        "stays-MAX_NUM_FORMS": "20",
        "stays-0-start": "",
        "stays-0-end": "",
        "stays-0-kind": "",
    }
    data.update(changes)
    return data


def test_url_name() -> None:
    assert reverse("workpermission:try") == URL


def test_try_shows_the_same_answer_and_stores_nothing(net: Network) -> None:
    client = client_for(net.counsellor)
    assert client.get(URL).status_code == 200
    events = AuditEvent.objects.count()
    response = client.post(URL, form_data())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beschäftigung: Anspruch auf Erlaubnis der Ausländerbehörde ab dem 16.07.2025" in html
    contract: dict[str, Any] = {
        "reference_date": "2025-07-15",
        "document": "gestattung",
        "nationality": "SY",
        "birth_date": "1999-04-01",
        "entry_date": "2025-01-10",
        "asylum_request_date": "2025-01-15",
        "asylum_application_date": "2025-01-15",
        "asylum_decision": "pending",
        "lives_in_reception_centre": True,
        "dublin_procedure": False,
    }
    import json

    assert json.loads(response.context["contract"]) == contract
    assert evaluate_json(contract)["activities"]["employment"]["available_from"] == "2025-07-16"
    assert not ResidenceFacts.objects.exists()
    assert AuditEvent.objects.count() == events


def test_try_with_permit_section_and_stays(net: Network) -> None:
    response = client_for(net.counsellor).post(
        URL,
        form_data(
            document="residence_permit",
            residence_permit_section="§ 25 Abs. 2",
            nationality="unclear",
            **{
                "stays-0-start": "2019-01-01",
                "stays-0-end": "2020-01-01",
                "stays-0-kind": "gestattet",
            },
        ),
    )
    contract = response.context["contract"]
    assert '"residence_permit_section": "25(2)"' in contract
    assert '"nationality": "unknown"' in contract
    assert '"kind": "gestattet"' in contract


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reference_date": ""}, "reference_date"),
        ({"reference_date": "2010-01-01"}, "reference_date"),
        ({"document": "passport"}, "document"),
        ({"residence_permit_section": "irgendwas"}, "residence_permit_section"),
        ({"entry_date": "1990-01-01"}, "entry_date"),  # before the birth date
        ({"removal_measures_imminent": "yes"}, "removal_measures_imminent_source"),
    ],
)
def test_try_refuses_bad_input(net: Network, changes: dict[str, str], field: str) -> None:
    response = client_for(net.counsellor).post(URL, form_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["panel"] is None


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_try_only_for_case_roles(net: Network, persona: str) -> None:
    assert client_for(getattr(net, persona)).get(URL).status_code == 403


def test_try_gives_the_panel_s_readable_answer_with_what_is_missing(net: Network) -> None:
    data = form_data(
        document="duldung",
        asylum_request_date="2018-05-02",
        asylum_application_date="2018-05-02",
        entry_date="",
        asylum_decision="rejected",
        lives_in_reception_centre="false",
    )
    html = (
        client_for(net.counsellor)
        .post(URL, data, headers={"accept-language": "de"})
        .content.decode()
    )
    start = html.index('id="h-answer"')
    answer = html[start : html.index("<details", start)]
    assert (
        "Beschäftigung: Erlaubnis der Ausländerbehörde in der Regel zu erteilen "
        "spätestens ab dem 15.10.2025 — § 60a Abs. 5b AufenthG"
    ) in answer
    assert "2 Angaben fehlen: Einreise nach Deutschland; Duldung seit" in answer
    # What is missing is completed in the form right below.
    assert '<a class="kern-link" href="#id_entry_date">jetzt ergänzen</a>' in answer
    assert not re.search(r"\b(?:R|P|PROG)-[A-Z0-9]+", html)
