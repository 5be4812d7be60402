"""Personas of DESIGN.md §4: every view test sees the case through each of them."""

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django_scopes import scopes_disabled

from lotse.network.enums import OrganisationKind, Role
from lotse.network.models import Organisation
from lotse.participants import services
from lotse.participants.models import Participant
from tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    SiteFactory,
    member,
    participant_for,
)

# Text that must never appear where the persona may not see the case.
SECRET_NOTE = "Vertraulich-Notiz-7731"
SECRET_ANNOTATION = "Beschäftigung nur mit Erlaubnis der Ausländerbehörde"


@pytest.fixture(autouse=True)
def _no_scope_in_test_setup() -> Any:
    # Test set-up writes across organisations; requests still run inside their own scope.
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    # Each test builds its network afresh, often with the same ids as the test before it.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _second_factor_off(settings: Any) -> None:
    # The OTP tests switch it on again; everywhere else it would only add a log-in step.
    settings.LOTSE_REQUIRE_OTP = False
    # The test client and the browser tests' live server speak plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    # Argon2 is deliberately slow; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Network:
    owner: Organisation
    other: Organisation
    third: Organisation
    municipality: Organisation
    counsellor: Any
    team_lead: Any
    colleague: Any
    volunteer: Any
    other_counsellor: Any
    third_counsellor: Any
    coordinator: Any
    data_protection: Any
    participant: Participant


@pytest.fixture
def net(db: Any) -> Network:
    return build_net()


def build_net() -> Network:
    """The network of the personas; `net` for one test, or once for a module's many requests."""
    network = NetworkFactory()
    owner = OrganisationFactory(network=network, name="Sozialwerk Test", file_number_prefix="SW")
    other = OrganisationFactory(
        network=network,
        name="Jobcenter Test",
        kind=OrganisationKind.JOBCENTRE,
        file_number_prefix="JC",
    )
    third = OrganisationFactory(
        network=network,
        name="Lernwerk Test",
        kind=OrganisationKind.EDUCATION,
        file_number_prefix="LW",
    )
    municipality = OrganisationFactory(
        network=network,
        name="Kreis Test",
        kind=OrganisationKind.MUNICIPALITY,
        file_number_prefix="KR",
    )
    SiteFactory(organisation=owner, name="Hauptstelle")
    counsellor = member(owner, Role.COUNSELLOR, "berater")
    participant = participant_for(
        counsellor, first_names="Mohammad", last_name="Al-Masri", email="m.almasri@mail.example"
    )
    services.residence_document_record(
        actor=counsellor,
        participant=participant,
        document_type="gestattung",
        issued_on=datetime.date(2025, 1, 10),
        valid_until=datetime.date(2027, 1, 9),
        annotation=SECRET_ANNOTATION,
    )
    services.contact_record(
        actor=counsellor,
        participant=participant,
        submission_key=uuid.uuid4(),
        took_place_on=datetime.date(2025, 2, 1),
        duration_minutes=45,
        form="in_person",
        topics=["residence_law"],
        note=SECRET_NOTE,
    )
    return Network(
        owner=owner,
        other=other,
        third=third,
        municipality=municipality,
        counsellor=counsellor,
        team_lead=member(owner, Role.TEAM_LEAD, "leitung"),
        colleague=member(owner, Role.COUNSELLOR, "kollegin"),
        volunteer=member(owner, Role.VOLUNTEER, "ehrenamt"),
        other_counsellor=member(other, Role.COUNSELLOR, "jobcenter"),
        third_counsellor=member(third, Role.COUNSELLOR, "lernwerk"),
        coordinator=member(municipality, Role.COORDINATOR, "koordination"),
        data_protection=member(municipality, Role.DATA_PROTECTION, "datenschutz"),
        participant=Participant.objects.get(pk=participant.pk),
    )


def share_with_consent(net: Network, organisation: Organisation | None = None) -> Any:
    organisation = organisation or net.other
    consent = services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="case_sharing",
        organisations=[organisation],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    services.share_start(
        actor=net.counsellor, participant=net.participant, organisation=organisation
    )
    return consent


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Any:
    yield
    # The live server's request threads may still hold a PostgreSQL connection when the
    # session ends; the test database can only be dropped once they are gone.
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        connection.close()


def _audit_delete_triggers(blocker: Any, *statements: str) -> None:
    if connection.vendor == "sqlite":
        with blocker.unblock(), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _flushes_the_database(request: Any) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.fixture(autouse=True)
def _flush_past_the_audit_trigger(request: Any, django_db_blocker: Any) -> Iterator[None]:
    """The flush after a transactional or live-server test empties SQLite's tables with DELETE,
    which the audit log's append-only triggers refuse: they are dropped for the flush, and put back
    right after (SQLite has no TRUNCATE, which PostgreSQL's trigger leaves alone)."""
    if not _flushes_the_database(request):
        yield
        return
    events = import_module("lotse.audit.migrations.0006_append_only_trigger_sqlite")
    listed = import_module("lotse.audit.migrations.0007_listed_participant")
    request.node.lotse_restore_trigger = lambda: _audit_delete_triggers(
        django_db_blocker, events.NO_DELETE, listed.NO_DELETE
    )
    yield
    _audit_delete_triggers(django_db_blocker, events.DROP_NO_DELETE, listed.DROP_NO_DELETE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Iterator[None]:
    try:
        return (yield)
    finally:
        restore = getattr(item, "lotse_restore_trigger", None)
        # After the last test the test database is gone already.
        if restore is not None and nextitem is not None:
            restore()


# The local SMTP server for the e-mail tests (tests/mail.py).
from tests.mail import smtp_server  # noqa: E402, F401
