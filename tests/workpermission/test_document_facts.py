"""The dates the assessment needs, asked for with the residence document (the kernel's
`DocumentFacts` hook): in "add a document" and in the intake's residence step."""

import datetime
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.participants.models import IntakeDraft, Participant
from lotse.workpermission.models import ResidenceFacts
from tests.conftest import Network, client_for
from tests.participants.test_intake import CONTACT, HOUSEHOLD, PERSON
from tests.workpermission.helpers import gestattung_facts


def add_url(net: Network) -> str:
    return reverse("participants:document_add", args=[net.participant.pk])


def post(client: Client, url: str, **data: str) -> Any:
    return client.post(url, data, headers={"accept-language": "de"})


def test_add_document_form_asks_for_the_dates_in_a_fieldset(net: Network) -> None:
    html = (
        client_for(net.counsellor)
        .get(add_url(net), headers={"accept-language": "de"})
        .content.decode()
    )
    fieldset = html[html.index("<fieldset") : html.index("</fieldset>")]
    assert "Daten für die Auskunft zur Arbeitserlaubnis" in fieldset
    for name in (
        "entry_date",
        "asylum_request_date",
        "asylum_application_date",
        "asylum_decision",
        "duldung_since",
    ):
        assert f'name="{name}"' in fieldset
    assert 'class="kern-form-input__input"' in fieldset


def test_add_document_offers_the_issue_date_as_duldung_since_for_confirmation(
    net: Network,
) -> None:
    client = client_for(net.counsellor)
    document = {"document_type": "duldung", "issued_on": "2024-11-04", "entry_date": "2019-03-01"}
    offered = post(client, add_url(net), **document)
    assert offered.status_code == 200
    html = offered.content.decode()
    assert re.search(r'name="duldung_since" value="2024-11-04"', html)
    assert "Seit wann ist die Person geduldet?" in html
    assert not ResidenceFacts.objects.filter(participant=net.participant).exists()

    confirmed = post(
        client, add_url(net), **document, duldung_since="2024-11-04", duldung_since_offered="1"
    )
    assert confirmed.status_code == 302
    facts = ResidenceFacts.objects.get(participant=net.participant)
    assert (facts.duldung_since, facts.entry_date) == (
        datetime.date(2024, 11, 4),
        datetime.date(2019, 3, 1),
    )
    assert AuditEvent.objects.filter(action="workpermission.residence_facts.changed").count() == 1


def test_an_emptied_offer_is_accepted_as_not_known(net: Network) -> None:
    client = client_for(net.counsellor)
    response = post(
        client,
        add_url(net),
        document_type="duldung",
        issued_on="2024-11-04",
        duldung_since="",
        duldung_since_offered="1",
    )
    assert response.status_code == 302
    assert not ResidenceFacts.objects.filter(participant=net.participant).exists()
    assert net.participant.residence_documents.filter(document_type="duldung").count() == 1


def test_add_document_shows_recorded_dates_and_empty_fields_keep_them(net: Network) -> None:
    gestattung_facts(net)
    client = client_for(net.counsellor)
    html = client.get(add_url(net)).content.decode()
    assert 'name="asylum_request_date" value="2025-01-15"' in html
    response = post(
        client,
        add_url(net),
        document_type="gestattung",
        issued_on="2025-02-01",
        entry_date="",
        asylum_request_date="",
    )
    assert response.status_code == 302
    facts = ResidenceFacts.objects.get(participant=net.participant)
    assert (facts.entry_date, facts.asylum_request_date, facts.version) == (
        datetime.date(2025, 1, 10),
        datetime.date(2025, 1, 15),
        1,
    )


def test_dates_in_the_wrong_order_are_refused(net: Network) -> None:
    response = post(
        client_for(net.counsellor),
        add_url(net),
        document_type="gestattung",
        entry_date="2025-02-01",
        asylum_request_date="2025-01-01",
    )
    assert response.status_code == 200
    assert "asylum_request_date" in response.context["form"].errors


def test_intake_records_the_dates_with_the_document(net: Network) -> None:
    client = client_for(net.counsellor)
    client.post("/participants/intake/new/", {**PERSON, "action": "draft"})
    draft = IntakeDraft.objects.latest("pk").pk

    def step(name: str, data: dict[str, str]) -> Any:
        return client.post(f"/participants/intake/{draft}/{name}/", {**data, "action": "next"})

    step("person", PERSON)
    step("contact", CONTACT)
    residence = {
        "document_type": "duldung",
        "issued_on": "2025-03-01",
        "valid_until": "2025-08-31",
        "entry_date": "2018-05-02",
        "asylum_request_date": "2018-05-03",
        "asylum_decision": "rejected",
    }
    offered = step("residence", residence)
    assert offered.status_code == 200
    assert 'name="duldung_since" value="2025-03-01"' in offered.content.decode()
    confirmed = step(
        "residence", {**residence, "duldung_since": "2023-06-01", "duldung_since_offered": "1"}
    )
    assert confirmed["Location"] == f"/participants/intake/{draft}/household/"
    step("household", HOUSEHOLD)
    step("esf", {"labour_status": "unemployed"})
    step("consent", {})
    review = client.get(
        f"/participants/intake/{draft}/review/", headers={"accept-language": "de"}
    ).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", review))
    assert "Einreise nach Deutschland 02.05.2018" in text
    assert "Duldung seit 01.06.2023" in text
    assert "Entscheidung über den Asylantrag abgelehnt" in text
    created = client.post(f"/participants/intake/{draft}/review/")
    assert created.status_code == 302
    participant = Participant.objects.latest("pk")
    facts = ResidenceFacts.objects.get(participant=participant)
    assert (facts.entry_date, facts.duldung_since, facts.asylum_decision) == (
        datetime.date(2018, 5, 2),
        datetime.date(2023, 6, 1),
        "rejected",
    )


def test_facts_form_offers_the_duldung_issue_date_as_a_hint_not_a_value(net: Network) -> None:
    from tests.workpermission.helpers import record_document

    record_document(
        net.counsellor,
        net.participant,
        document_type="duldung",
        issued_on=datetime.date(2026, 11, 14),
    )
    url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    html = client_for(net.counsellor).get(url, headers={"accept-language": "de"}).content.decode()
    assert "Die aktuelle Duldung wurde am 14.11.2026 ausgestellt." in html
    assert 'name="duldung_since" value=' not in html
