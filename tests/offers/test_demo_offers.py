"""The demo network's offers: the kinds a network has, with rules and languages, saved through
the service, and answered for a demo participant like any other offer."""

from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.demo.load import demo_load
from lotse.offers.eligibility import Verdict
from lotse.offers.models import Catalogue, Offer
from lotse.offers.selectors import eligibility_in_network, person_of
from lotse.participants.access import participant_for_user
from lotse.participants.models import Participant

# The open statistics' demo adds the adult education centre's language courses
# (`demo/statistics.py`) for the needs analysis; these tests read the partners' offers.
STATISTICS_COURSES = "Volkshochschule Musterstadt"


@pytest.fixture
def demo(db: Any) -> Any:
    return demo_load(count=12)


def test_demo_offers_cover_the_network_s_kinds(demo: Any) -> None:
    offers = Offer.objects.filter(network=demo.network).exclude(outside_provider=STATISTICS_COURSES)
    assert Counter(offers.values_list("kind", flat=True)) == {
        "integration_course": 1,
        "job_language_course": 1,
        "counselling": 1,
        "school_course": 1,
        "internship_programme": 1,
        "vocational_preparation": 1,
        "qualification": 1,
    }
    assert list(offers.filter(status="paused").values_list("title", flat=True)) == [
        "Teilqualifizierung Fachlagerist/in (TQ 1)"
    ]
    assert list(offers.exclude(outside_provider="").values_list("outside_provider", flat=True)) == [
        "IQ Anerkennungsberatung Musterstadt"
    ]
    assert Catalogue.objects.get(network=demo.network).public is True


def test_demo_offers_have_rules_languages_and_were_saved_through_the_service(demo: Any) -> None:
    offers = list(
        Offer.objects.filter(network=demo.network).exclude(outside_provider=STATISTICS_COURSES)
    )
    without_rules = [
        o.title
        for o in offers
        if not (o.documents or o.activity or o.min_age or o.min_german or o.qualifications)
    ]
    assert without_rules == []
    assert sum(len(o.languages) > 1 for o in offers) == 2
    assert sum("ar" in o.translations for o in offers) == 6
    created = AuditEvent.objects.filter(action="offers.offer.created")
    assert sorted(created.values_list("actor__username", flat=True)) == sorted(
        ["beratung.lernwerk"] * 4
        + ["koordination", "beratung.jobcenter", "beratung.sozialwerk"]
        + ["koordination"] * 4  # the statistics' courses
    )


def test_a_demo_participant_gets_an_answer_for_every_demo_offer(demo: Any) -> None:
    from django.contrib.auth.models import User

    counsellor = User.objects.get(username="beratung.sozialwerk")
    participant = (
        Participant.objects.filter(organisation__file_number_prefix="SW").order_by("pk").first()
    )
    assert participant is not None
    today = timezone.localdate()
    person = person_of(participant_for_user(counsellor, participant.pk), today)
    answers = eligibility_in_network(person, demo.network.pk, today)
    assert len(answers) == Offer.objects.filter(network=demo.network).count()
    assert {a.verdict for a in answers.values()} <= set(Verdict)
