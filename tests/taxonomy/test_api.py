"""`GET /api/v1/occupations`: authenticated users only, best first, 422 for bad input."""

import pytest
from django.test import Client

from tests.conftest import Network, client_for

URL = "/api/v1/occupations"


def test_altenpfl_returns_the_curated_occupation_first(net: Network) -> None:
    response = client_for(net.counsellor).get(URL, {"q": "altenpfl"})
    assert response.status_code == 200
    body = response.json()
    assert body[0] == {
        "code": "altenpfleger",
        "system": "lotse",
        "label": "Altenpfleger/in",
        "language": "de",
        "level": "skilled",
        "hierarchy_level": 5,
        "is_ausbildungsberuf": True,
        "isco_code": "5321",
        "kldb_code": "82102",
        "esco_uri": None,
    }


@pytest.mark.parametrize(
    "persona", ["counsellor", "volunteer", "coordinator", "data_protection", "other_counsellor"]
)
def test_every_member_may_search_reference_data(net: Network, persona: str) -> None:
    response = client_for(getattr(net, persona)).get(URL, {"q": "altenpfl", "limit": 2})
    assert response.status_code == 200
    assert [item["code"] for item in response.json()] == ["altenpfleger", "altenpflegehelfer"]


def test_anonymous_is_refused(db: object) -> None:
    response = Client().get(URL, {"q": "koch"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "q"),
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 101}, "q"),
        ({"q": "koch", "limit": 0}, "limit"),
        ({"q": "koch", "limit": 51}, "limit"),
        ({"q": "koch", "limit": "many"}, "limit"),
    ],
)
def test_bad_input_is_422_with_a_clear_message(
    net: Network, params: dict[str, object], field: str
) -> None:
    response = client_for(net.counsellor).get(URL, params)
    assert response.status_code == 422
    body = response.json()
    assert list(body["errors"]) == [field]
    assert body["errors"][field][0]


def test_messages_follow_the_language(net: Network) -> None:
    response = client_for(net.counsellor).get(URL, {"q": ""}, headers={"accept-language": "en"})
    assert response.json()["errors"]["q"] == ["Enter a search text."]
    long = client_for(net.counsellor).get(URL, {"q": "x" * 101}, headers={"accept-language": "en"})
    assert long.json()["errors"]["q"] == ["Enter at most 100 characters."]
