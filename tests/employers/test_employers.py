"""Employers as the partners meet them: list, record, edit (no lost update), contact persons
(personal data, audited, historised), the contact timeline with next steps on "My tasks"."""

import datetime
import uuid
from typing import Any

from django.test import Client
from django.utils import timezone, translation

from lotse.audit.models import AuditEvent
from lotse.employers.models import ContactPerson, Employer, EmployerStep
from tests.conftest import Network, client_for
from tests.employers.helpers import employer, vacancy


def _employer_form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_key": str(uuid.uuid4()),
        "name": "Nordlicht Spedition GmbH",
        "legal_form": "gmbh",
        "industry": "H",
        "size_class": "medium",
        "postcode": "00110",
        "city": "Musterstadt",
        "offers": ["jobs", "apprenticeships"],
        "refugee_experience": "some",
    }
    data.update(changes)
    return data


def _german(client: Client) -> Client:
    client.cookies["django_language"] = "de"
    return client


def test_a_partner_records_an_employer_and_finds_it_by_industry_and_offer(net: Network) -> None:
    client = client_for(net.other_counsellor)
    response = client.post("/employers/new/", _employer_form(lead_organisation=net.other.pk))
    saved = Employer.objects.get(name="Nordlicht Spedition GmbH")
    assert response.status_code == 302
    assert response["Location"] == f"/employers/{saved.pk}/"
    assert saved.offers == ["jobs", "apprenticeships"]
    assert AuditEvent.objects.filter(
        action="employers.employer.created", object_id=str(saved.pk)
    ).exists()
    employer(net, name="Café Sonne", industry="I", offers=["internships"])

    def names(query: str) -> list[str]:
        page = client.get(f"/employers/?{query}").content.decode()
        return [n for n in ("Nordlicht Spedition GmbH", "Café Sonne") if n in page]

    assert names("industry=H") == ["Nordlicht Spedition GmbH"]
    assert names("offer=internships") == ["Café Sonne"]
    assert names("offer=apprenticeships") == ["Nordlicht Spedition GmbH"]
    assert names(f"lead={net.other.pk}") == ["Nordlicht Spedition GmbH"]
    assert names("text=sonne") == ["Café Sonne"]


def test_a_double_click_records_one_employer(net: Network) -> None:
    client = client_for(net.counsellor)
    data = _employer_form()
    client.post("/employers/new/", data)
    client.post("/employers/new/", data)
    assert Employer.objects.filter(name="Nordlicht Spedition GmbH").count() == 1


def test_two_people_editing_one_employer_lose_nothing(net: Network) -> None:
    shared = employer(net, name="Bäckerei Korn")
    first, second = client_for(net.counsellor), _german(client_for(net.other_counsellor))
    version = shared.version
    response = first.post(
        f"/employers/{shared.pk}/edit/",
        _employer_form(name="Bäckerei Korn", notes="Sucht Azubis", version=version),
    )
    assert response.status_code == 302
    response = second.post(
        f"/employers/{shared.pk}/edit/",
        _employer_form(name="Bäckerei Korn KG", notes="Kein Bedarf", version=version),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jemand anderes hat" in page
    assert "Bäckerei Korn KG" in page  # what was typed stays in the form
    shared.refresh_from_db()
    assert (shared.name, shared.notes) == ("Bäckerei Korn", "Sucht Azubis")


def test_volunteers_and_the_data_protection_officer_see_no_employer(net: Network) -> None:
    shared = employer(net)
    for user in (net.volunteer, net.data_protection):
        assert client_for(user).get(f"/employers/{shared.pk}/").status_code == 403
    assert client_for(net.third_counsellor).get(f"/employers/{shared.pk}/").status_code == 200
    assert client_for(net.coordinator).get(f"/employers/{shared.pk}/").status_code == 200


def test_contact_persons_are_audited_when_shown_and_keep_their_history(net: Network) -> None:
    shared = employer(net)
    client = client_for(net.counsellor)
    response = client.post(
        f"/employers/{shared.pk}/people/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "name": "Jana Beispiel",
            "function": "Ausbildungsleitung",
            "phone": "+49 170 1234567",
            "email": "jana@beispiel.example",
        },
    )
    assert response.status_code == 302
    person = ContactPerson.objects.get(name="Jana Beispiel")
    before = AuditEvent.objects.filter(action="employers.employer.viewed").count()
    assert "Jana Beispiel" in client.get(f"/employers/{shared.pk}/").content.decode()
    assert AuditEvent.objects.filter(action="employers.employer.viewed").count() == before + 1

    response = client.post(
        f"/employers/{shared.pk}/people/{person.pk}/remove/", {"version": person.version}
    )
    assert response.status_code == 302
    assert not ContactPerson.objects.filter(pk=person.pk).exists()
    assert [h.history_type for h in ContactPerson.history.filter(id=person.pk)] == ["-", "+"]
    assert AuditEvent.objects.filter(
        action="employers.contact_person.removed", object_id=str(person.pk)
    ).exists()


def test_a_stale_removal_keeps_the_contact_person(net: Network) -> None:
    shared = employer(net)
    client = client_for(net.counsellor)
    client.post(
        f"/employers/{shared.pk}/people/new/",
        {"submission_key": str(uuid.uuid4()), "name": "Jana Beispiel"},
    )
    person = ContactPerson.objects.get(name="Jana Beispiel")
    client.post(
        f"/employers/{shared.pk}/people/{person.pk}/edit/",
        {"name": "Jana Beispiel-Korn", "version": person.version},
    )
    client.post(f"/employers/{shared.pk}/people/{person.pk}/remove/", {"version": person.version})
    assert ContactPerson.objects.get(pk=person.pk).name == "Jana Beispiel-Korn"


def test_a_contact_with_a_next_step_lands_in_my_tasks(net: Network) -> None:
    shared = employer(net, name="Gärtnerei Grün")
    client = _german(client_for(net.counsellor))
    today = timezone.localdate()
    response = client.post(
        f"/employers/{shared.pk}/contacts/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "kind": "information",
            "took_place_on": today.isoformat(),
            "note": "Informiert über Beschäftigungsduldung und Zustimmung der BA.",
            "next_step": "Unterlagen zur Einstiegsqualifizierung schicken",
            "next_step_due": (today + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    step = EmployerStep.objects.get()
    assert step.organisation == net.owner
    tasks = client.get("/tasks/").content.decode()
    assert "Nächste Schritte bei Arbeitgebern" in tasks
    assert "Unterlagen zur Einstiegsqualifizierung schicken" in tasks
    assert "Gärtnerei Grün" in tasks
    # A colleague of another organisation has not this task.
    other = client_for(net.other_counsellor).get("/tasks/").content.decode()
    assert "Unterlagen zur Einstiegsqualifizierung schicken" not in other

    response = client.post(
        f"/employers/{shared.pk}/steps/{step.pk}/done/",
        {"version": step.version, "return_to": "tasks"},
    )
    assert response["Location"] == "/tasks/"
    step.refresh_from_db()
    assert step.status == "done"
    assert "Unterlagen zur Einstiegsqualifizierung" not in client.get("/tasks/").content.decode()


def test_a_next_step_given_to_a_colleague_is_on_the_colleagues_list(net: Network) -> None:
    shared = employer(net)
    client_for(net.counsellor).post(
        f"/employers/{shared.pk}/contacts/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "kind": "call",
            "took_place_on": timezone.localdate().isoformat(),
            "next_step": "Rückruf Personalabteilung",
            "assignee": net.colleague.pk,
        },
    )
    assert "Rückruf Personalabteilung" in client_for(net.colleague).get("/tasks/").content.decode()


def test_a_contact_in_the_future_or_a_date_without_a_step_is_refused(net: Network) -> None:
    shared = employer(net)
    client = _german(client_for(net.counsellor))
    response = client.post(
        f"/employers/{shared.pk}/contacts/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "kind": "visit",
            "took_place_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
            "next_step_due": timezone.localdate().isoformat(),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Datum liegt in der Zukunft." in page
    with translation.override("de"):
        assert "Sagen Sie, was der nächste Schritt ist" in page
    assert not shared.contacts.exists()


def test_the_employer_page_lists_its_vacancies(net: Network) -> None:
    shared = employer(net)
    vacancy(net, shared, title="Staplerfahrer/in")
    page = client_for(net.counsellor).get(f"/employers/{shared.pk}/").content.decode()
    assert "Staplerfahrer/in" in page


def test_the_employer_list_reads_the_same_queries_for_one_or_three(
    net: Network, django_assert_max_num_queries: Any
) -> None:
    client = client_for(net.counsellor)
    employer(net, name="Eins")
    client.get("/employers/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/employers/")
    employer(net, name="Zwei")
    employer(net, name="Drei", lead_organisation=net.other)
    with CaptureQueriesContext(connection) as three:
        client.get("/employers/")
    assert len(three) == len(one)


def test_navigation_names_employers_for_partners_only(net: Network) -> None:
    assert 'href="/employers/"' in client_for(net.counsellor).get("/tasks/").content.decode()
    page = client_for(net.volunteer).get("/participants/").content.decode()
    assert 'href="/employers/"' not in page
