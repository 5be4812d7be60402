"""Random input never reaches a 500 (issue "Bad input"): arbitrary JSON, and dicts with the
real field names and half-plausible values, against both writing endpoints."""

import json
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.api.schemas import ContactIn, ParticipantIn, ResidenceDocumentIn
from tests.conftest import client_for

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.text(min_size=300, max_size=12000, alphabet=st.characters(codec="utf-8"))
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
plausible_text = st.sampled_from(
    [
        "",
        " ",
        "2025-03-01",
        "1990-05-17",
        "2999-12-31",
        "0000-00-00",
        "31.02.2025",
        "17.05.1990",
        "day",
        "year",
        "unknown",
        "female",
        "diverse",
        "SY",
        "UA",
        "stateless",
        "XX",
        "de",
        "ar",
        "in_person",
        "phone",
        "outreach",
        "gestattung",
        "duldung",
        "language",
        "residence_law",
        "12345",
        "1234",
        "+49 170 1234567",
        "a@b.example",
        "not-an-email",
        "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b",
        "00000000-0000-0000-0000-000000000000",
        "\u0000",
        "\ud800",
        "Muhammad",
        "محمد",
        "x" * 400,
    ]
)
plausible_values = (
    plausible_text
    | json_values
    | st.lists(plausible_text, max_size=3)
    | st.integers(min_value=-5, max_value=2100)
)


def _plausible(model: type, extra: dict[str, Any] | None = None) -> Any:
    fields = dict.fromkeys(model.model_fields, plausible_values)
    fields.update(extra or {})
    return st.fixed_dictionaries({}, optional=fields)


participant_bodies = json_values | _plausible(
    ParticipantIn,
    {"residence_document": _plausible(ResidenceDocumentIn) | json_values},
)
contact_bodies = json_values | _plausible(ContactIn)
raw_bodies = st.binary(max_size=200) | st.text(max_size=200).map(str.encode)


def _post(client: Client, path: str, body: bytes) -> int:
    response = client.post(
        path, body, content_type="application/json", headers={"accept-language": "en"}
    )
    if response.status_code < 500 and response.status_code != 201:
        assert response.json()["detail"]
    return response.status_code


def _dump(value: Any) -> bytes:
    return json.dumps(value).encode()


@FUZZ
@given(body=participant_bodies)
def test_random_participant_bodies_never_cause_500(net: Any, body: Any) -> None:
    client = client_for(net.counsellor)

    assert _post(client, "/api/v1/participants", _dump(body)) < 500


@FUZZ
@given(body=contact_bodies)
def test_random_contact_bodies_never_cause_500(net: Any, body: Any) -> None:
    client = client_for(net.counsellor)

    status = _post(client, f"/api/v1/participants/{net.participant.pk}/contacts", _dump(body))

    assert status < 500


@FUZZ
@given(body=raw_bodies)
def test_random_bytes_never_cause_500(net: Any, body: bytes) -> None:
    client = client_for(net.counsellor)

    assert _post(client, "/api/v1/participants", body) < 500
    assert _post(client, f"/api/v1/participants/{net.participant.pk}/contacts", body) < 500


@FUZZ
@given(query=st.text(max_size=250), page=st.text(max_size=30))
def test_random_list_parameters_never_cause_500(net: Any, query: str, page: str) -> None:
    response = client_for(net.counsellor).get("/api/v1/participants", {"q": query, "page": page})

    assert response.status_code < 500
