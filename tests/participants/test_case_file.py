"""The case file's reads (selectors.py): plain ORM queries in the request's scope, each table
read once per request and ordered as the participant page shows it."""

import datetime
import uuid
from typing import Any

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scope

from lotse.network.enums import Role
from lotse.participants import services
from lotse.participants.access import CaseAccess, participant_for_user
from lotse.participants.models import Child, Participant
from lotse.participants.selectors import (
    children_of,
    consents_of,
    contacts_of,
    documents_of,
    shares_of,
    status_changes_of,
    tasks_of,
    volunteers_of,
)
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
    step = p.tasks.get(description="Bald")
    services.task_complete(
        actor=net.counsellor, task=step, expected_version=step.version, done_on=TODAY
    )
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


def _case(user: Any, participant: Participant) -> CaseAccess:
    return participant_for_user(user, participant.pk)


def test_the_case_file_is_read_in_the_order_the_page_shows(net: Network) -> None:
    _fill(net)
    p = Participant.objects.get(pk=net.participant.pk)
    with scope(network=p.network_id):
        case = _case(net.counsellor, p)
        assert children_of(case) == [2016, 2019, 2021]
        expected_documents = sorted(
            p.residence_documents.all(), key=lambda d: d.newness(), reverse=True
        )
        assert [d.pk for d in documents_of(case)] == [d.pk for d in expected_documents]
        assert (
            documents_of(case)[0].get_document_type_display()
            == "Fiktionsbescheinigung (§ 81 AufenthG)"
        )
        assert [c.pk for c in contacts_of(case)] == list(
            p.contacts.order_by("-took_place_on", "-created_at", "-pk").values_list("pk", flat=True)
        )
        assert contacts_of(case)[0].organisation.name == "Sozialwerk Test"
        assert contacts_of(case)[0].counsellor.username == "berater"
        steps = p.tasks.order_by(F("due_on").asc(nulls_last=True), "pk")
        assert [s.pk for s in tasks_of(case)] == list(steps.values_list("pk", flat=True))
        assert [s.description for s in tasks_of(case)] == ["Bald", "Später", "Ohne Datum"]
        assert [s.pk for s in status_changes_of(case)] == list(
            p.status_changes.order_by("-recorded_at").values_list("pk", flat=True)
        )
        consents = consents_of(case)
        assert [c.pk for c in consents] == list(p.consents.values_list("pk", flat=True))
        assert [[o.name for o in c.covered] for c in consents] == [
            ["Kreis Test", "Lernwerk Test"],
            [],
            ["Jobcenter Test"],
        ]
        assert [s.pk for s in shares_of(case)] == list(p.shares.values_list("pk", flat=True))
        assert shares_of(case)[0].ended_at is not None
        assert [name.split()[0] for _pk, name in volunteers_of(case)] == ["Anton", "Zora"]


def test_each_table_is_read_once_per_request_however_many_sections_show_it(
    net: Network,
) -> None:
    _fill(net)
    with scope(network=net.participant.network_id):
        case = _case(net.counsellor, net.participant)
        readers = (documents_of, contacts_of, tasks_of, consents_of, volunteers_of)
        with CaptureQueriesContext(connection) as first:
            for read in readers:
                read(case)
        with CaptureQueriesContext(connection) as again:
            for read in readers:
                read(case)
    # Consents bring their organisations in a second query, the others one each.
    assert (len(first.captured_queries), len(again.captured_queries)) == (6, 0)


def test_the_case_file_is_read_in_the_scope_of_the_request(net: Network) -> None:
    """No query is built once outside the scope: a read under another network's scope finds
    nothing of this participant."""
    with scope(network=net.participant.network_id):
        case = _case(net.counsellor, net.participant)
        own_scope = CaseAccess(case.participant, case.kind, case.membership, case.user)
        assert [d.document_type for d in documents_of(own_scope)] == ["gestattung"]
    with scope(network=NetworkFactory().pk):
        assert contacts_of(case) == documents_of(case) == []


def test_an_empty_case_file_reads_as_empty_lists(net: Network) -> None:
    bare = participant_for(net.counsellor, first_names="Leer", last_name="Akte")
    with scope(network=bare.network_id):
        case = _case(net.counsellor, bare)
        assert documents_of(case) == contacts_of(case) == tasks_of(case) == []
        assert [s.status for s in status_changes_of(case)] == ["registered"]
        assert children_of(case) == consents_of(case) == shares_of(case) == []
        assert volunteers_of(case) == []


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
        case = _case(net.counsellor, net.participant)
        assert [o.name for o in consents_of(case)[0].covered] == [
            "awo Test",
            "Ökumene Test",
            "Zentrum Test",
        ]
        assert [name for _pk, name in volunteers_of(case)] == [
            "anna Test",
            "Özlem Test",
            "Zeynep Test",
        ]
