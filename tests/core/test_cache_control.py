"""Answers with personal data are never stored by a browser or proxy cache; static files are."""

import pytest
from django.test import Client

from lotse.api.services import api_token_create
from tests.conftest import Network, client_for

NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


@pytest.mark.parametrize(
    "path",
    [
        "/participants/",
        "/participants/{pk}/",
        "/api/v1/participants",
        "/api/v1/participants/{pk}",
    ],
)
def test_pages_and_api_answers_of_a_signed_in_counsellor_are_not_stored(
    net: Network, path: str
) -> None:
    response = client_for(net.counsellor).get(path.format(pk=net.participant.pk))

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


def test_api_answers_to_a_token_are_not_stored(net: Network) -> None:
    key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript")[1]

    response = Client(headers={"authorization": f"Bearer {key}"}).get("/api/v1/participants")

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_CACHE


def test_the_answer_to_the_log_in_is_not_stored(net: Network) -> None:
    net.counsellor.set_password("ein-langes-passwort")
    net.counsellor.save()

    response = Client().post(
        "/accounts/login/", {"username": "berater", "password": "ein-langes-passwort"}
    )

    assert response.status_code == 302
    assert response["Cache-Control"] == NEVER_CACHE


def test_static_files_stay_cacheable_for_a_signed_in_counsellor(net: Network) -> None:
    response = client_for(net.counsellor).get("/static/lotse/lotse.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    response.close()
