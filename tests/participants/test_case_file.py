"""The case file read in one query (case_file.py) holds what the ORM reads table by table,
typed and in each model's order, on SQLite and PostgreSQL alike."""

import datetime
import uuid
from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from lotse.network.enums import Role
from lotse.participants import services
from lotse.participants.case_file import read_case_file
from lotse.participants.models import Child, Participant
from tests.conftest import Network, share_with_consent
from tests.factories import NetworkFactory, OrganisationFactory, member, participant_for

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _contact(net: Network, on: datetime.date, **fields: Any) -> Any:
    fields = {"topics": ["employment"], "form": "phone", "duration_minutes": 30, **fields}
    return services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=on,
        **fields,
    )


def _fill(net: Network) -> None:
    p = net.participant
    for year in (2021, 2016, 2019):
        Child.objects.create(participant=p, network_id=p.network_id, birth_year=year)
    services.residence_document_record(
        actor=net.counsellor,
        participant=p,
        document_type="duldung",
        section="§ 60a AufenthG",
        issued_on=TODAY - 3 * DAY,
        valid_until=TODAY + 20 * DAY,
    )
    services.residence_document_record(
        actor=net.counsellor, participant=p, document_type="fictional_certificate"
    )
    _contact(net, TODAY - 2 * DAY, topics=["language", "housing"], interpreter_language="fa")
    _contact(net, TODAY, next_steps=[("Ohne Datum", None), ("Bald", TODAY + DAY)])
    _contact(net, TODAY, next_steps=[("Später", TODAY + 9 * DAY)], note="Zweiter am Tag")
    step = p.next_steps.get(description="Bald")
    services.next_step_complete(actor=net.counsellor, step=step, done_on=TODAY)
    services.participant_enrol(actor=net.counsellor, participant=p, entry_date=TODAY - DAY)
    share_with_consent(net)
    services.consent_record(
        actor=net.counsellor,
        participant=p,
        purpose="referral",
        organisations=[net.third, net.municipality],
        given_on=TODAY,
        form="signed_paper",
        witness="Frau Zeugin",
        valid_until=TODAY + 90 * DAY,
    )
    services.consent_record(
        actor=net.counsellor,
        participant=p,
        purpose="reporting",
        organisations=[],
        given_on=TODAY - DAY,
        form="verbal_with_witness",
        witness="Herr Zeuge",
    )
    services.share_start(actor=net.counsellor, participant=p, organisation=net.third)
    services.share_end(actor=net.counsellor, share=p.shares.get(organisation=net.third))
    for name in ("Zora", "Anton"):
        volunteer = member(net.owner, Role.VOLUNTEER)
        volunteer.first_name = name
        volunteer.save()
        services.volunteer_assign(actor=net.counsellor, participant=p, volunteer=volunteer)


def test_the_case_file_holds_what_the_orm_reads_typed_and_ordered(net: Network) -> None:
    _fill(net)
    p = Participant.objects.get(pk=net.participant.pk)
    with scope(network=p.network_id):
        case = read_case_file(p, whole=True)

    assert case.children == [2016, 2019, 2021]
    expected_documents = sorted(
        p.residence_documents.all(), key=lambda d: d.newness(), reverse=True
    )
    assert [d.newness() for d in case.documents] == [d.newness() for d in expected_documents]
    assert [(d.section, d.valid_until, d.annotation) for d in case.documents] == [
        (d.section, d.valid_until, d.annotation) for d in expected_documents
    ]
    assert case.documents[0].get_document_type_display() == "Fiktionsbescheinigung (§ 81 AufenthG)"

    fields = ["pk", "took_place_on", "created_at", "topics", "interpreter_language", "note"]
    expected_contacts = list(
        p.contacts.order_by("-took_place_on", "-created_at", "-pk").values(*fields)
    )
    assert [{f: c[f] for f in fields} for c in case.contacts] == expected_contacts
    assert case.contacts[0]["organisation__name"] == "Sozialwerk Test"
    assert case.contacts[0]["counsellor__username"] == "berater"

    steps = p.next_steps.order_by(F("due_on").asc(nulls_last=True), "pk")
    assert [(s["pk"], s["due_on"], s["done_on"]) for s in case.next_steps] == list(
        steps.values_list("pk", "due_on", "done_on")
    )
    assert [s["description"] for s in case.next_steps] == ["Bald", "Später", "Ohne Datum"]

    assert [(s["status"], s["effective_on"], s["recorded_at"]) for s in case.status_changes] == (
        list(
            p.status_changes.order_by("-recorded_at").values_list(
                "status", "effective_on", "recorded_at"
            )
        )
    )

    assert [
        (c.pk, c.purpose, c.given_on, c.valid_until, c.witness) for c, _ in case.consents
    ] == list(p.consents.values_list("pk", "purpose", "given_on", "valid_until", "witness"))
    assert [names for _c, names in case.consents] == [
        [(net.municipality.pk, "Kreis Test"), (net.third.pk, "Lernwerk Test")],
        [],
        [(net.other.pk, "Jobcenter Test")],
    ]
    assert case.consents[0][0].is_valid_on(TODAY)

    assert [
        (s["pk"], s["organisation__name"], s["started_at"], s["ended_at"]) for s in case.shares
    ] == (list(p.shares.values_list("pk", "organisation__name", "started_at", "ended_at")))
    assert case.shares[0]["ended_at"] is not None
    assert [name.split()[0] for _pk, name in case.volunteers] == ["Anton", "Zora"]


def test_a_sharing_organisation_s_case_file_leaves_out_what_only_the_owner_sees(
    net: Network,
) -> None:
    _fill(net)
    with CaptureQueriesContext(connection) as queries, scope(network=net.participant.network_id):
        case = read_case_file(net.participant, whole=False)
    assert (case.consents, case.shares, case.volunteers) == ([], [], [])
    assert len(case.contacts) == 4
    (sql,) = [q["sql"] for q in queries.captured_queries]
    for table in ("consent", "share", "participant_volunteers"):
        assert f'"participants_{table}"' not in sql


def test_an_empty_case_file_reads_as_empty_lists(net: Network) -> None:
    bare = participant_for(net.counsellor, first_names="Leer", last_name="Akte")
    with scope(network=bare.network_id):
        case = read_case_file(bare, whole=True)
    assert case.documents == case.contacts == case.next_steps == []
    assert [s["status"] for s in case.status_changes] == ["registered"]
    assert case.children == case.consents == case.shares == case.volunteers == []


def test_the_query_built_once_serves_every_network_with_its_own_rows(net: Network) -> None:
    with scope(network=net.participant.network_id):
        first = read_case_file(net.participant, whole=True)
    elsewhere = OrganisationFactory(network=NetworkFactory(), name="Anderes Netz")
    counsellor = member(elsewhere, Role.COUNSELLOR)
    stranger = participant_for(counsellor)
    services.residence_document_record(
        actor=counsellor, participant=stranger, document_type="duldung"
    )
    with scope(network=stranger.network_id):
        second = read_case_file(stranger, whole=True)
    assert [d.document_type for d in first.documents] == ["gestattung"]
    assert [d.document_type for d in second.documents] == ["duldung"]
    assert first.contacts
    assert not second.contacts


def test_covered_organisations_and_volunteers_are_in_alphabetical_order(net: Network) -> None:
    network = net.owner.network
    names = ["Zentrum Test", "Ökumene Test", "awo Test"]
    covered = [OrganisationFactory(network=network, name=name) for name in names]
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="referral",
        organisations=covered,
        given_on=TODAY,
        form="signed_paper",
    )
    for first_name in ("Özlem", "Zeynep", "anna"):
        volunteer = member(net.owner, Role.VOLUNTEER)
        volunteer.first_name, volunteer.last_name = first_name, "Test"
        volunteer.save()
        services.volunteer_assign(
            actor=net.counsellor, participant=net.participant, volunteer=volunteer
        )
    with scope(network=net.participant.network_id):
        case = read_case_file(net.participant, whole=True)
    assert [name for _pk, name in case.consents[0][1]] == [
        "awo Test",
        "Ökumene Test",
        "Zentrum Test",
    ]
    assert [name for _pk, name in case.volunteers] == ["anna Test", "Özlem Test", "Zeynep Test"]


def test_a_participant_gone_since_the_access_check_is_not_found(net: Network) -> None:
    gone = Participant(pk=net.participant.pk + 1000, network_id=net.participant.network_id)
    with scope(network=gone.network_id), pytest.raises(Http404):
        read_case_file(gone, whole=True)
