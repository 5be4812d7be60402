"""What the walk through the employer pages in a browser found (QA of issue 14 §1–2), held here:
a vacancy names its occupation and languages, unknown KldB codes in every field are refused, a
next step names who does it and reaches the coordinator too, and the BA import speaks German."""

import datetime
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from lotse.employers.importer import ImportRefusedError, ba_jobs_import
from lotse.employers.models import EmployerStep, Vacancy
from tests.conftest import Network, client_for
from tests.employers.helpers import employer, vacancy
from tests.employers.test_vacancies import _form
from tests.placements.pagetext import tables, terms


def _german(client: Any) -> Any:
    client.cookies["django_language"] = "de"
    return client


def test_the_vacancy_page_names_the_occupation_and_the_languages(net: Network) -> None:
    shown = vacancy(net, employer(net), languages=["en:B1", "ar:A2"], min_german="B1")
    page = _german(client_for(net.counsellor)).get(f"/employers/vacancies/{shown.pk}/")
    described = terms(page.content.decode())
    assert described["Beruf (KldB 2010)"] == (
        "51312 (Fachlagerist/in, Fachkraft für Lagerlogistik) · Fachkraft · ISCO-08 4321"
    )
    assert described["Weitere Sprachen erforderlich"] == "Englisch B1, Arabisch A2"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"qualifications": "51312, 99999"},
            "Qualifikationen oder anerkannte Berufe",
            "Kein Beruf der KldB 2010: 99999",
        ),
        (
            {"experience_kldb": "999"},
            "Erfahrung in Berufsgruppe (KldB)",
            "999 ist keine Berufsgruppe der KldB 2010.",
        ),
    ],
)
def test_unknown_kldb_codes_in_requirements_are_refused(
    net: Network, changes: dict[str, Any], field: str, message: str
) -> None:
    shared = employer(net)
    response = _german(client_for(net.counsellor)).post(
        f"/employers/{shared.pk}/vacancies/new/", _form(**changes)
    )
    assert response.status_code == 200
    assert f"{field}: {message}" in response.content.decode()
    assert not Vacancy.objects.exists()


def test_known_kldb_codes_in_requirements_are_kept(net: Network) -> None:
    shared = employer(net)
    response = client_for(net.counsellor).post(
        f"/employers/{shared.pk}/vacancies/new/",
        _form(qualifications="51312", experience_kldb="513"),
    )
    assert response.status_code == 302
    saved = Vacancy.objects.get()
    assert (saved.qualifications, saved.experience_kldb) == (["51312"], "513")


def _contact(client: Any, employer_pk: int, **changes: Any) -> Any:
    data = {
        "submission_key": str(uuid.uuid4()),
        "kind": "visit",
        "took_place_on": timezone.localdate().isoformat(),
        "next_step": "Zwei Profile schicken",
        "next_step_due": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
    }
    return client.post(f"/employers/{employer_pk}/contacts/new/", data | changes)


def test_a_next_step_without_a_responsible_person_is_the_recorders_own(net: Network) -> None:
    shared = employer(net)
    client = _german(client_for(net.counsellor))
    assert _contact(client, shared.pk).status_code == 302
    assert EmployerStep.objects.get().assignee == net.counsellor
    rows = tables(client.get("/tasks/").content.decode())["Nächste Schritte bei Arbeitgebern"]
    name = net.counsellor.get_full_name() or net.counsellor.username
    assert rows[1][1:4] == ["Lager Süd GmbH", "Zwei Profile schicken", name]


def test_the_coordinators_next_step_waits_in_the_coordinators_inbox(net: Network) -> None:
    shared = employer(net)
    client = _german(client_for(net.coordinator))
    form = client.get(f"/employers/{shared.pk}/contacts/new/").content.decode()
    assert f'<option value="{net.coordinator.pk}">' in form
    assert _contact(client, shared.pk).status_code == 302
    inbox = client.get("/inbox/").content.decode()
    due = (timezone.localdate() + datetime.timedelta(days=5)).strftime("%d.%m.%Y")
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert tables(inbox)["Nächste Schritte bei Arbeitgebern"][1] == [
        "Zwei Profile schicken Lager Süd GmbH",
        "offen",
        today,
        due,
    ]
    step = EmployerStep.objects.get()
    done = client.post(
        f"/employers/{shared.pk}/steps/{step.pk}/done/",
        {"version": step.version, "return_to": "inbox"},
    )
    assert done["Location"] == "/inbox/"
    step.refresh_from_db()
    assert step.status == "done"
    # A counsellor's steps are on "My tasks"; the inbox has no such heading for them.
    assert (
        "Nächste Schritte bei Arbeitgebern"
        not in _german(client_for(net.counsellor)).get("/inbox/").content.decode()
    )


def test_the_employer_page_joins_the_experience_and_its_note(net: Network) -> None:
    shared = employer(net, refugee_experience="some", experience_note="zwei Azubis aus Syrien")
    page = client_for(net.counsellor).get(f"/employers/{shared.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    described = terms(page.content.decode())
    assert described["Erfahrung mit Geflüchteten"] == "etwas: zwei Azubis aus Syrien"


def test_a_file_that_is_not_json_says_where_in_german(net: Network) -> None:
    with translation.override("de"), pytest.raises(ImportRefusedError) as refused:
        ba_jobs_import(actor=net.coordinator, network=net.owner.network, content=b"refnr;titel\n")
    with translation.override("de"):
        assert [str(p) for p in refused.value.problems] == [
            "Die Datei ist kein JSON (Zeile 1, Spalte 1), also kein Suchergebnis der Jobsuche."
        ]


def test_the_upload_counts_one_problem_in_the_singular(net: Network) -> None:
    client = _german(client_for(net.coordinator))
    upload = SimpleUploadedFile("jobs.json", b"[]x", "application/json")
    response = client.post("/employers/vacancies/import/", {"file": upload})
    assert response.status_code == 400
    assert (
        "Nichts wurde importiert: Die Datei hat 1 Problem, unten aufgeführt."
        in response.content.decode()
    )


def test_the_employer_page_lists_its_vacancies_without_repeating_the_employer(
    net: Network,
) -> None:
    shared = employer(net)
    vacancy(net, shared, title="Staplerfahrer/in", postcode="00110", city="Musterstadt")
    page = _german(client_for(net.counsellor)).get(f"/employers/{shared.pk}/").content.decode()
    assert '<caption class="kern-sr-only">Stellen dieses Arbeitgebers</caption>' in page
    assert tables(page)["Stellen dieses Arbeitgebers"] == [
        ["Stelle", "Art", "Beruf (KldB 2010)", "Ort", "Status"],
        ["Staplerfahrer/in", "Arbeitsstelle", "51312 · Fachkraft", "00110 Musterstadt", "offen"],
    ]
