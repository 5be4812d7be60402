"""What eligibility reads of a participant: in one query, the same as the work-permission
page's input."""

import datetime
from typing import Any

from django.utils import timezone

from lotse.legal import evaluate
from lotse.offers.eligibility import Person
from lotse.offers.selectors import person_of
from lotse.participants.access import participant_for_user
from lotse.profiles.models import LanguageSkill
from lotse.workpermission.models import ResidenceFacts
from lotse.workpermission.selectors import facts_for, situation_for_participant
from tests.conftest import Network


def test_the_person_is_read_in_one_query_as_the_work_permission_page_reads_it(
    net: Network, django_assert_num_queries: Any
) -> None:
    ResidenceFacts.objects.create(
        participant=net.participant,
        entry_date=datetime.date(2023, 5, 2),
        asylum_request_date=datetime.date(2023, 5, 3),
    )
    LanguageSkill.objects.create(participant=net.participant, language="de", level="A2")
    today = timezone.localdate()
    case = participant_for_user(net.counsellor, net.participant.pk)
    participant = case.participant
    situation = situation_for_participant(participant, facts_for(participant), today)
    assert situation is not None
    with django_assert_num_queries(1):
        person = person_of(case, today)
    assert person == Person(
        document="gestattung",
        activities=evaluate(situation).activities,
        birth_date=participant.birth_date,
        birth_year=participant.birth_year,
        german="A2",
        postcode=participant.postcode or None,
    )


def test_a_change_saved_by_another_process_is_seen_within_two_seconds(
    net: Network, monkeypatch: Any
) -> None:
    from django.db.models import F

    from lotse.offers import selectors
    from lotse.offers.models import Offer
    from tests.offers.helpers import berufssprachkurs

    offer = berufssprachkurs(net, min_german="", min_age=None)
    network_id = net.owner.network.pk
    today = timezone.localdate()
    person = Person(birth_date=datetime.date(2000, 1, 1))
    clock = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock[0])
    assert (
        selectors.eligibility_in_network(person, network_id, today)[offer.pk].verdict == "eligible"
    )
    # Another worker saves the offer: this process has not heard of it.
    Offer.objects.filter(pk=offer.pk).update(
        min_age=70, version=F("version") + 1, updated_at=timezone.now()
    )
    clock[0] += 1.0
    assert (
        selectors.eligibility_in_network(person, network_id, today)[offer.pk].verdict == "eligible"
    )
    clock[0] += 1.5
    assert (
        selectors.eligibility_in_network(person, network_id, today)[offer.pk].verdict
        == "not_eligible"
    )
