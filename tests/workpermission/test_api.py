"""`POST /api/v1/work-permission/evaluate`: the CLI's contract over HTTP.

The router is registered by the API package (`api.add_router("/work-permission/", router)`).
"""

import json
from typing import Any

import pytest
from django.test import Client

from lotse.legal import evaluate_json
from tests.conftest import Network, client_for
from tests.workpermission.test_cli import SITUATION

URL = "/api/v1/work-permission/evaluate"


def post(client: Client, body: Any) -> Any:
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, text, content_type="application/json")


def test_answer_equals_the_engine(net: Network) -> None:
    response = post(client_for(net.counsellor), SITUATION)
    assert response.status_code == 200
    assert response.json() == evaluate_json(SITUATION)


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"document": "passport"}, ["body", "document"]),
        ({"document": "duldung", "duldung_since": "2024-02-30"}, ["body", "duldung_since"]),
        ({"document": "duldung", "nationality": "Syria"}, ["body", "nationality"]),
        (
            {"document": "duldung", "prior_stay": [{"from": "2020-01-01", "to": "2019-01-01"}]},
            ["body", "prior_stay[0]"],
        ),
        ({"document": "duldung", "colour": "blue"}, ["body", "colour"]),
        ([1, 2], ["body"]),
        ("{not json", ["body"]),
    ],
)
def test_malformed_input_is_422_naming_the_field(net: Network, body: Any, loc: list[str]) -> None:
    response = post(client_for(net.counsellor), body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [item["loc"] for item in detail] == [loc]
    assert detail[0]["msg"]


def test_anonymous_is_refused() -> None:
    assert post(Client(), SITUATION).status_code == 401


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_roles_without_case_files_get_403(net: Network, persona: str) -> None:
    assert post(client_for(getattr(net, persona)), SITUATION).status_code == 403


def test_session_needs_csrf(net: Network) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(net.counsellor)
    assert post(client, SITUATION).status_code == 403


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "Der Inhalt der Anfrage ist kein gültiges JSON."),
        ([1, 2], "Senden Sie ein JSON-Objekt."),
        (
            {"document": "passport"},
            "Unbekannter Wert; erwartet wird einer von: "
            "ankunftsnachweis, gestattung, duldung, duldung_60b, ausbildungsduldung, "
            "beschaeftigungsduldung, residence_permit, fiktionsbescheinigung, settlement_permit.",
        ),
        (
            {"document": "duldung", "duldung_since": "2024-02-30"},
            "Dieses Datum gibt es im Kalender nicht.",
        ),
        (
            {"document": "duldung", "duldung_since": "9999-12-31"},
            "Geben Sie ein Datum zwischen 1900-01-01 und 2200-12-31 ein.",
        ),
        (
            {"document": "duldung", "duldung_since": "1.2.2024"},
            "Geben Sie ein Datum als JJJJ-MM-TT ein.",
        ),
        (
            {"document": "duldung", "nationality": "Syria"},
            "Geben Sie einen Ländercode aus zwei Großbuchstaben (ISO 3166-1), „stateless“ oder "
            "„unknown“ ein.",
        ),
        ({"document": "duldung", "colour": "blue"}, "Dieses Feld ist nicht bekannt."),
        (
            {"document": "duldung", "weekly_hours": 200},
            "Geben Sie eine Stundenzahl zwischen 0 und 168 ein.",
        ),
        (
            {"document": "duldung", "identity_clarified": "yes"},
            "Geben Sie true, false oder null ein.",
        ),
        (
            {"document": "duldung", "prior_stay": [{"from": "2020-01-01", "to": "2019-01-01"}]},
            "Der Aufenthalt endet, bevor er beginnt.",
        ),
        (
            {"document": "duldung", "reference_date": "2010-01-01"},
            "Die Regeln gelten für Daten ab dem 2020-03-01.",
        ),
    ],
)
def test_input_errors_speak_german(net: Network, body: Any, message: str) -> None:
    text = body if isinstance(body, str) else json.dumps(body)

    response = client_for(net.counsellor).post(
        URL, text, content_type="application/json", headers={"accept-language": "de"}
    )

    assert response.status_code == 422
    assert [item["msg"] for item in response.json()["detail"]] == [message]
