"""Vacancies: the KldB code checked against the taxonomy, its level, CEFR levels only,
status with dates, the network's list with its filters and the link to the candidates."""

import uuid
from typing import Any

import pytest
from django.utils import timezone

from lotse.core.errors import DomainError
from lotse.employers.models import Vacancy
from tests.conftest import Network, client_for
from tests.employers.helpers import employer, vacancy


def _form(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_key": str(uuid.uuid4()),
        "kind": "job",
        "title": "Fachkraft für Lagerlogistik",
        "kldb_code": "51312",
        "places": "2",
        "postcode": "00110",
        "city": "Musterstadt",
        "working_time": "full_time",
        "hours_per_week": "39",
        "min_german": "B1",
        "languages": "en B1",
        "driving_licences": ["B"],
        "status": "open",
    }
    data.update(changes)
    return data


def _german(client: Any) -> Any:
    client.cookies["django_language"] = "de"
    return client


def test_a_vacancy_takes_its_level_and_isco_from_the_kldb_code(net: Network) -> None:
    shared = employer(net)
    client = client_for(net.counsellor)
    response = client.post(f"/employers/{shared.pk}/vacancies/new/", _form())
    saved = Vacancy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/employers/vacancies/{saved.pk}/"
    assert (saved.level, saved.isco_code) == ("skilled", "4321")
    assert saved.languages == ["en:B1"]
    assert saved.opened_on == timezone.localdate()
    page = client.get(f"/employers/vacancies/{saved.pk}/").content.decode()
    assert f'href="/matches/vacancies/{saved.pk}/"' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kldb_code": "51399"}, "51399 ist kein Beruf der KldB 2010."),
        ({"kldb_code": "5131"}, "Ein Code der KldB 2010 hat fünf Ziffern."),
        ({"min_german": "D1"}, "Nur die Stufen des Gemeinsamen Europäischen Referenzrahmens"),
        ({"languages": "en D2"}, "Nur die Stufen des Gemeinsamen Europäischen Referenzrahmens"),
        ({"closed_on": "2026-01-01"}, "Eine offene Stelle hat kein Datum"),
    ],
)
def test_bad_vacancy_input_gets_a_german_message_and_saves_nothing(
    net: Network, changes: dict[str, Any], message: str
) -> None:
    shared = employer(net)
    client = _german(client_for(net.counsellor))
    response = client.post(f"/employers/{shared.pk}/vacancies/new/", _form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Vacancy.objects.exists()


def test_the_service_refuses_an_unknown_kldb_code_for_callers_without_the_form(
    net: Network,
) -> None:
    with pytest.raises(DomainError):
        vacancy(net, employer(net), kldb_code="00000")
    assert not Vacancy.objects.exists()


def test_filling_a_vacancy_records_the_date(net: Network) -> None:
    saved = vacancy(net, employer(net))
    client = client_for(net.counsellor)
    response = client.post(
        f"/employers/vacancies/{saved.pk}/edit/",
        _form(status="filled", version=saved.version),
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.status, saved.closed_on) == ("filled", timezone.localdate())


def test_the_vacancy_list_filters_by_status_kind_group_and_postcode(net: Network) -> None:
    at = employer(net)
    vacancy(net, at, title="Lager A", kldb_code="51312", postcode="00110")
    vacancy(net, at, title="Küche B", kind="mini_job", kldb_code="29301", postcode="00140")
    vacancy(net, at, title="Pflege C", kldb_code="82101", postcode="00120", status="withdrawn")
    client = client_for(net.third_counsellor)

    def titles(query: str) -> list[str]:
        page = client.get(f"/employers/vacancies/?{query}").content.decode()
        return [t for t in ("Lager A", "Küche B", "Pflege C") if t in page]

    assert titles("") == ["Lager A", "Küche B"]  # open ones first of all
    assert titles("status=") == ["Lager A", "Küche B", "Pflege C"]
    assert titles("status=withdrawn") == ["Pflege C"]
    assert titles("status=open&kind=mini_job") == ["Küche B"]
    assert titles("status=&kldb=513") == ["Lager A"]
    assert titles("status=&postcode=0012") == ["Pflege C"]
