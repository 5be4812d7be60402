"""schemathesis against the app's own OpenAPI schema: every operation, called through the WSGI
app by an authenticated counsellor, answers without a 5xx and as its schema says."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from lotse.api.services import api_token_create
from tests.conftest import Network

schemathesis = pytest.importorskip("schemathesis")
positive_data_acceptance = pytest.importorskip(
    "schemathesis.specs.openapi.checks"
).positive_data_acceptance


@pytest.fixture
def api_schema(net: Network) -> Iterator[Any]:
    # As Django's test client does: the test's database connection stays open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        # A handler of its own: it reads the settings as this test has them (plain HTTP).
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def counsellor_token(net: Network) -> str:
    return api_token_create(actor=net.counsellor, user=net.counsellor, name="schemathesis")[1]


FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# Their bodies follow the Django forms' rules across fields (a date of birth or "year only", an
# asylum application not before the request, a site of the own organisation, a goal of the same
# participant, a person of the responsible organisation): more than a JSON schema says, so a
# body valid under the schema may be refused.
# Every other check holds for them too: no 5xx, only documented status codes, answers as declared.
FORM_RULES = {
    "POST /api/v1/participants",
    "POST /api/v1/participants/{participant_id}/contacts",
    "POST /api/v1/participants/{participant_id}/tasks",
    "POST /api/v1/participants/{participant_id}/appointments",
    "POST /api/v1/work-permission/evaluate",
    "PUT /api/v1/participants/{participant_id}/profile/health",
    "PUT /api/v1/participants/{participant_id}/profile/{kind}",
    "PUT /api/v1/participants/{participant_id}/career-plan/{kind}",
    # The consent gate and the offer's rules; the referral's state and version.
    "POST /api/v1/participants/{participant_id}/referrals",
    "POST /api/v1/referrals/{referral_id}/answer",
    # The offer form's rules (one provider of the two, end after start, free seats within seats).
    "POST /api/v1/offers",
    "PATCH /api/v1/offers/{offer_id}",
    # The placement form's rules (start after the entry, ends after the start, hours a number).
    "POST /api/v1/participants/{participant_id}/placements",
    "PATCH /api/v1/placements/{placement_id}",
}


def _fuzz(operation: Any, headers: dict[str, str]) -> None:
    excluded = [positive_data_acceptance] if operation.label in FORM_RULES else []

    @FUZZ
    @given(case=operation.as_strategy())
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    check()


def test_api_answers_as_its_schema_says(api_schema: Any, counsellor_token: str) -> None:
    headers = {"Authorization": f"Bearer {counsellor_token}", "Accept-Language": "de"}
    failures: dict[str, str] = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz(operation, headers)
        except BaseException as error:  # a FailureGroup is no Exception
            failures[operation.label] = str(error)

    assert failures == {}, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
