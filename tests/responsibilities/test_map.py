"""The responsibility map as its users meet it: the coordinator describes the path, every
member reads the table, the participant page answers who is responsible for this person, and
the network may publish the map and export it."""

import io
import uuid

import openpyxl
import pypdf
from django.test import Client

from lotse.audit.models import AuditEvent
from lotse.responsibilities.models import PathStep, Responsibility
from lotse.responsibilities.services import map_publish
from tests.conftest import Network, client_for
from tests.responsibilities.helpers import demo_path, step


def _german(user: object) -> Client:
    client = client_for(user)
    client.cookies["django_language"] = "de"
    return client


def _row(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "legal_spheres": ["sgb_ii"],
        "min_age": "18",
        "max_age": "27",
        "contact": "Team U25",
        "phone": "0421 55501",
        "channel_note": "Di 9–12 offene Sprechstunde",
    }
    data.update(changes)
    return data


def test_the_coordinator_describes_the_path_step_by_step(net: Network) -> None:
    client = _german(net.coordinator)
    response = client.post(
        "/responsibilities/steps/new/",
        {"submission_key": str(uuid.uuid4()), "name": "Sprachkurs", "position": "30"},
    )
    assert response.status_code == 302
    sprachkurs = PathStep.objects.get(name="Sprachkurs")
    response = client.post(
        f"/responsibilities/steps/{sprachkurs.pk}/new/", _row(organisation=net.other.pk)
    )
    assert response.status_code == 302
    row = Responsibility.objects.get()
    assert (row.step, row.organisation, row.legal_spheres) == (sprachkurs, net.other, ["sgb_ii"])
    assert AuditEvent.objects.filter(action="responsibilities.responsibility.created").count() == 1

    page = client.get("/responsibilities/").content.decode()
    assert "30. Sprachkurs" in page
    assert "SGB II · 18 bis 27 Jahre" in page
    assert "Team U25" in page


def test_a_double_click_saves_one_step(net: Network) -> None:
    client = _german(net.coordinator)
    data = {"submission_key": str(uuid.uuid4()), "name": "Anerkennung", "position": "40"}
    assert client.post("/responsibilities/steps/new/", data).status_code == 302
    assert client.post("/responsibilities/steps/new/", data).status_code == 302
    assert PathStep.objects.count() == 1


def test_bad_rows_are_refused_with_a_message_and_kept(net: Network) -> None:
    target = step(net, "Berufsorientierung", 50)
    client = _german(net.coordinator)
    response = client.post(
        f"/responsibilities/steps/{target.pk}/new/", _row(min_age="30", max_age="20")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Das Höchstalter liegt unter dem Mindestalter." in page
    assert "Wählen Sie den Träger oder nennen Sie einen außerhalb des Netzwerks." in page
    assert "Team U25" in page
    assert not Responsibility.objects.exists()

    response = client.post(
        "/responsibilities/steps/new/",
        {"submission_key": str(uuid.uuid4()), "name": "Berufsorientierung", "position": "60"},
    )
    assert "Der Weg hat bereits einen Schritt mit diesem Namen." in response.content.decode()
    assert PathStep.objects.count() == 1


def test_a_stale_edit_is_refused_and_a_stale_delete_deletes_nothing(net: Network) -> None:
    rows = demo_path(net)
    row = rows["sgb_ii"]
    client = _german(net.coordinator)
    first = _row(organisation=net.other.pk, contact="Erste Fassung", version=row.version)
    second = _row(organisation=net.other.pk, contact="Zweite Fassung", version=row.version)
    assert client.post(f"/responsibilities/{row.pk}/edit/", first).status_code == 302
    response = client.post(f"/responsibilities/{row.pk}/edit/", second)
    assert response.status_code == 200
    assert "Zweite Fassung" in response.content.decode()  # what was typed stays
    row.refresh_from_db()
    assert row.contact == "Erste Fassung"

    response = client.post(f"/responsibilities/{row.pk}/delete/", {"version": row.version - 1})
    assert response.status_code == 200
    assert Responsibility.objects.filter(pk=row.pk).exists()
    response = client.post(f"/responsibilities/{row.pk}/delete/", {"version": row.version})
    assert response.status_code == 302
    assert not Responsibility.objects.filter(pk=row.pk).exists()


def test_deleting_a_step_deletes_its_rows(net: Network) -> None:
    rows = demo_path(net)
    placement = rows["placement"]
    response = _german(net.coordinator).post(
        f"/responsibilities/steps/{placement.pk}/delete/", {"version": placement.version}
    )
    assert response.status_code == 302
    assert list(Responsibility.objects.values_list("contact", flat=True)) == ["Migrationsberatung"]
    assert AuditEvent.objects.filter(action="responsibilities.step.deleted").exists()


def test_only_the_coordinator_edits_the_map(net: Network) -> None:
    rows = demo_path(net)
    for user in (net.counsellor, net.team_lead, net.third_counsellor, net.data_protection):
        client = client_for(user)
        assert client.get("/responsibilities/").status_code == 200
        assert client.get("/responsibilities/edit/").status_code == 403
        assert client.post(f"/responsibilities/{rows['first'].pk}/delete/", {}).status_code == 403
    assert Responsibility.objects.count() == 4


def test_the_participant_page_says_who_is_responsible_for_this_person(net: Network) -> None:
    demo_path(net)
    client = _german(net.counsellor)
    page = client.get(f"/participants/{net.participant.pk}/").content.decode()
    assert "/sections/responsibilities.for_person/" in page
    response = client.get(
        f"/participants/{net.participant.pk}/sections/responsibilities.for_person/",
        HTTP_HX_REQUEST="true",
    )
    panel = response.content.decode()
    assert response.status_code == 200
    # Erstberatung is everyone's; the person is 27 with an Aufenthaltsgestattung: the
    # Jugendberufsagentur is responsible; which legal sphere applies is not recorded.
    assert "Migrationsberatung" in panel
    assert "Jugendberufsagentur" in panel
    assert "Rechtskreis unbekannt (SGB II)" in panel
    assert "Team Integration" in panel
    assert AuditEvent.objects.filter(
        action="participants.participant.viewed", participant_id=net.participant.pk
    ).exists()


def test_no_answer_for_a_participant_the_user_may_not_see(net: Network) -> None:
    demo_path(net)
    url = f"/participants/{net.participant.pk}/sections/responsibilities.for_person/"
    assert client_for(net.third_counsellor).get(url).status_code == 404
    assert client_for(net.coordinator).get(url).status_code == 404


def test_the_map_is_public_only_once_the_network_publishes_it(net: Network) -> None:
    demo_path(net)
    network = net.owner.network
    anonymous = Client()
    assert anonymous.get(f"/responsibilities/public/{network.pk}/").status_code == 404
    assert anonymous.get(f"/responsibilities/public/{network.pk}/export/pdf/").status_code == 404

    response = client_for(net.coordinator).post("/responsibilities/publish/", {"public": "on"})
    assert response.status_code == 302
    page = anonymous.get(f"/responsibilities/public/{network.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    assert "Jugendberufsagentur" in page.content.decode()
    assert net.participant.last_name not in page.content.decode()

    map_publish(actor=net.coordinator, network=network, public=False)
    assert anonymous.get(f"/responsibilities/public/{network.pk}/").status_code == 404


def test_the_map_exports_as_a_spreadsheet(net: Network) -> None:
    demo_path(net)
    response = _german(net.counsellor).get("/responsibilities/export/xlsx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Schritt", "Personengruppe", "Träger"]
    assert rows[1][:4] == ["Erstberatung", "alle", "Sozialwerk Test", "Migrationsberatung"]
    assert rows[2][:4] == ["Arbeitsvermittlung", "SGB II", "Jobcenter Test", "Team Integration"]
    assert len(rows) == 5


def test_the_map_exports_as_a_pdf(net: Network) -> None:
    demo_path(net)
    map_publish(actor=net.coordinator, network=net.owner.network, public=True)
    response = Client().get(
        f"/responsibilities/public/{net.owner.network.pk}/export/pdf/", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Zuständigkeiten" in text
    assert "Arbeitsvermittlung" in text
    assert "Jugendberufsagentur" in text
    assert "18 bis 27 Jahre" in text


def test_an_unknown_export_format_is_not_found(net: Network) -> None:
    assert client_for(net.counsellor).get("/responsibilities/export/csv/").status_code == 404


def test_the_api_returns_the_map_and_the_answer_for_a_participant(net: Network) -> None:
    demo_path(net)
    client = client_for(net.counsellor)
    steps = client.get("/api/v1/responsibilities").json()
    assert [s["name"] for s in steps] == ["Erstberatung", "Arbeitsvermittlung"]
    assert steps[1]["responsibilities"][0]["group"]["legal_spheres"] == ["sgb_ii"]

    answer = client.get(f"/api/v1/participants/{net.participant.pk}/responsibilities").json()
    placement = answer[1]
    assert [r["contact"] for r in placement["responsible"]] == ["Jugendberufsagentur"]
    assert [r["contact"] for r in placement["possible"]] == ["Team Integration", "Berufsberatung"]
    assert placement["possible"][0]["unknown"][0]["criterion"] == "legal_sphere"

    assert (
        client_for(net.coordinator)
        .get(f"/api/v1/participants/{net.participant.pk}/responsibilities")
        .status_code
        == 403
    )
    assert (
        client_for(net.third_counsellor)
        .get(f"/api/v1/participants/{net.participant.pk}/responsibilities")
        .status_code
        == 404
    )
