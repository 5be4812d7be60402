"""Every route of the URLconf, requested as every persona: the status of `tests/route_matrix.py`,
no text of the case where the persona may not read it, and no change from a refused write.

The case is built once for the module (`world`, rolled back at its end), so that the matrix
costs one set-up and many requests; each test runs in its own savepoint as usual."""

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from lotse.audit.models import AuditEvent
from tests.conftest import build_net
from tests.route_matrix import (
    DENIED_STATUSES,
    LOGIN,
    PERSONAS,
    READABLE,
    ROUTES,
    Case,
)
from tests.route_world import World, build_world

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
# Where a refused request could change something: the case, the network, accounts and the log
# (the taxonomy's thousands of rows are read-only reference data).
TRACKED_APPS = frozenset(
    {
        "auth",
        "network",
        "offers",
        "participants",
        "profiles",
        "workpermission",
        "audit",
        "api",
        "otp_totp",
        "inbox",
        "referrals",
        "responsibilities",
        "employers",
        "placements",
        "placement_records",
        "geo",
        "matches",
        "appointments",
        "events",
        "reporting",
    }
)
TEXT_TYPES = ("text/html", "application/json", "text/plain")


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name or route
            yield (f"{namespace}:{name}" if namespace else name), route


def url_routes() -> dict[str, str]:
    """Route name → its pattern, for every route of the URLconf."""
    return dict(_walk(get_resolver()))


# Where the matrix found a page that answers otherwise than it should: the issue fixes these in
# src/, and strict xfail tells when a fix lands, so that the mark goes.
KNOWN_WRONG: dict[str, str] = {}


def _param(name: str, label: str, case: Case) -> Any:
    test_id = f"{name}[{label}]" if label else name
    marks = []
    if test_id in KNOWN_WRONG:
        marks.append(pytest.mark.xfail(reason=KNOWN_WRONG[test_id], strict=True))
    return pytest.param(name, case, id=test_id, marks=marks)


CASES = [
    _param(name, label, case)
    for name, variants in ROUTES.items()
    for label, case in variants.items()
]
# An unsafe request to a list's path is its "create" entry, checked there with a valid body.
WRITE_CASES = [param for param in CASES if param.values[1].check_writes]


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    with django_db_blocker.unblock(), scopes_disabled(), transaction.atomic():
        yield build_world(build_net())
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(world: World) -> dict[str, Client]:
    return world.clients()


def _value(world: World, spec: str) -> str:
    if spec.startswith("="):
        return spec[1:]
    obj: Any = world
    for attribute in spec.split("."):
        obj = obj[attribute] if isinstance(obj, dict) else getattr(obj, attribute)
    return str(getattr(obj, "pk", obj))  # an object by its key, a text (a token) as it is


def url_of(world: World, name: str, case: Case) -> str:
    kwargs = {key: _value(world, spec) for key, spec in case.args.items()}
    url = reverse(name, kwargs=kwargs)
    query = re.sub(r"\{([\w.]+)\}", lambda found: _value(world, found[1]), case.query)
    return f"{url}?{query}" if query else url


def send(client: Client, method: str, url: str, case: Case) -> Any:
    """The case's request: its JSON body, or an empty form for a page's POST."""
    if case.json is not None:
        return client.generic(
            method, url, data=json.dumps(case.json), content_type="application/json"
        )
    if method == "GET":
        return client.get(url)
    return client.post(url, {})


def _text(response: Any) -> str:
    if response.streaming or not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return ""
    return response.content.decode()


def refused(case: Case, persona: str) -> bool:
    status = case.expect[persona]
    if status in DENIED_STATUSES:
        return True
    # A page that sends only the anonymous visitor away refuses them.
    return persona == "anonymous" and status == LOGIN and set(case.expect.values()) != {LOGIN}


def snapshot() -> str:
    """A digest of every row of the tracked apps."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if model._meta.app_label not in TRACKED_APPS:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digest.update(f"{model._meta.label}:{list(rows)!r}".encode())
    return digest.hexdigest()


def test_every_route_has_an_entry_in_the_matrix() -> None:
    routes = url_routes()
    assert sorted(set(routes) - set(ROUTES)) == [], (
        "Routes without an entry in tests/route_matrix.py: add who may open them."
    )
    assert sorted(set(ROUTES) - set(routes)) == [], "Entries for routes that no longer exist."


@pytest.mark.parametrize(
    ("name", "case"), [pytest.param(*param.values, id=param.id) for param in CASES]
)
def test_route_fills_exactly_its_parameters(name: str, case: Case) -> None:
    assert sorted(case.args) == sorted(PARAMETER.findall(url_routes()[name]))
    assert sorted(case.expect) == sorted(PERSONAS)


@pytest.mark.parametrize(("name", "case"), CASES)
def test_route_answers_each_persona_as_the_matrix_says(
    db: Any, world: World, clients: dict[str, Client], name: str, case: Case
) -> None:
    url = url_of(world, name, case)
    secrets = world.secrets()
    answers, leaks, elsewhere = {}, {}, {}
    for persona in PERSONAS:
        with transaction.atomic():
            response = send(clients[persona], case.method, url, case)
            # Undone, so that what one persona wrote is not what the next one reads.
            transaction.set_rollback(True)
        answers[persona] = response.status_code
        readable = READABLE.get(persona, frozenset()) if response.status_code < 300 else set()
        text = _text(response)
        leaked = sorted(k for k, secret in secrets.items() if k not in readable and secret in text)
        if leaked:
            leaks[persona] = leaked
        if refused(case, persona) and response.status_code == LOGIN:
            location = response["Location"]
            if not location.startswith(reverse("login")):
                elsewhere[persona] = location
    assert answers == dict(case.expect), {
        p: answers[p] for p in PERSONAS if answers[p] != case.expect[p]
    }
    assert leaks == {}, leaks
    assert elsewhere == {}, "refused, but not sent to the log-in"


@pytest.mark.parametrize(("name", "case"), WRITE_CASES)
def test_route_refuses_writes_from_personas_it_refuses(
    db: Any, world: World, clients: dict[str, Client], name: str, case: Case
) -> None:
    url = url_of(world, name, case)
    method = case.method if case.method != "GET" else "POST"
    refusing = [p for p in PERSONAS if refused(case, p)]
    before = snapshot()
    answers = {}
    for persona in refusing:
        answers[persona] = send(clients[persona], method, url, case).status_code
    assert snapshot() == before, f"a refused {method} {url} changed data"
    expected = {p: case.write_denied.get(p, case.expect[p]) for p in refusing}
    assert answers == expected, {p: answers[p] for p in refusing if answers[p] != expected[p]}


def _audit_cases() -> list[Any]:
    params = []
    for param in CASES:
        name, case = param.values
        marks = []
        if param.id in UNAUDITED:
            marks.append(pytest.mark.xfail(reason=UNAUDITED[param.id], strict=True))
        params.append(pytest.param(name, case, id=param.id, marks=marks))
    return params


# Pages that show the case but write no event, each with the reason, until a fix lands. Obtaining
# the access object to show a case writes the event (issue 11 §9), so this stays empty.
UNAUDITED: dict[str, str] = {}


@pytest.mark.parametrize(("name", "case"), _audit_cases())
def test_route_that_shows_the_case_writes_an_audit_event(
    db: Any, world: World, clients: dict[str, Client], name: str, case: Case
) -> None:
    url = url_of(world, name, case)
    secrets = world.secrets()
    unaudited = {}
    for persona in PERSONAS:
        if case.expect[persona] >= 300 or not READABLE.get(persona):
            continue
        with transaction.atomic():
            before = AuditEvent.objects.count()
            response = send(clients[persona], case.method, url, case)
            events = AuditEvent.objects.count() - before
            transaction.set_rollback(True)
        text = _text(response)
        shown = sorted(k for k in READABLE[persona] if secrets[k] in text)
        if shown and not events:
            unaudited[persona] = shown
    assert unaudited == {}


def test_volunteer_reads_no_file_number_on_the_participant_page(
    db: Any, world: World, clients: dict[str, Client]
) -> None:
    url = reverse("participants:detail", args=[world.participant.pk])
    response = clients["volunteer"].get(url)
    assert response.status_code == 200
    assert world.participant.file_number not in response.content.decode()
