"""The report's reads: a fixed number of queries per chunk, whatever the number of people, and
contributors of other apps plug in."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from lotse.reporting import indicators as ind
from lotse.reporting import selectors, services, sources
from tests.reporting.helpers import YEAR_END, YEAR_START, esf_person

pytestmark = pytest.mark.django_db

PERIOD = ind.Period(YEAR_START, YEAR_END)


def _queries(net: Any) -> int:
    services.esf_facts_flush()
    with CaptureQueriesContext(connection) as captured:
        selectors.compute_report(
            network_id=net.owner.network_id,
            organisation_id=None,
            indicator_set=ind.ESF,
            period=PERIOD,
        )
    return len(captured)


def test_report_reads_the_same_number_of_queries_for_1_and_3_people(net: Any) -> None:
    esf_person(net.counsellor, first_names="Eins", exit_on=datetime.date(2026, 5, 1))
    one = _queries(net)
    for name in ("Zwei", "Drei"):
        esf_person(net.counsellor, first_names=name, exit_on=datetime.date(2026, 5, 1))
    assert _queries(net) == one


def test_chunks_add_up_to_the_whole(net: Any) -> None:
    for index, gender in enumerate(("female", "male", "diverse", "female")):
        esf_person(net.counsellor, first_names=f"P{index}", gender=gender)
    services.esf_facts_flush()
    whole = selectors.compute_report(
        network_id=net.owner.network_id, organisation_id=None, indicator_set=ind.ESF, period=PERIOD
    )
    with scope(network=net.owner.network_id):
        services.esf_facts_rebuild(chunk_size=1)
    chunked = selectors.compute_report(
        network_id=net.owner.network_id, organisation_id=None, indicator_set=ind.ESF, period=PERIOD
    )
    assert [(v.total, v.by_gender) for v in chunked.values] == [
        (v.total, v.by_gender) for v in whole.values
    ]
    assert whole.value("EECO01").by_gender[ind.Gender.FEMALE] == 2


def test_a_contributor_of_another_app_adds_its_events(net: Any) -> None:
    person = esf_person(net.counsellor, first_names="Placed", exit_on=datetime.date(2026, 5, 1))

    def placements(ids: Any) -> dict[int, list[ind.SituationEvent]]:
        day = datetime.date(2026, 5, 10)
        return {pk: [ind.SituationEvent(day, ind.Situation.EDUCATION)] for pk in ids}

    sources.register_situations("test.placements", placements)
    try:
        # A contributor registered later: its events count once the facts are rebuilt.
        services.esf_facts_rebuild()
        report = selectors.compute_report(
            network_id=net.owner.network_id,
            organisation_id=None,
            indicator_set=ind.ESF,
            period=PERIOD,
        )
    finally:
        sources.unregister_situations("test.placements")
    assert report.value("EECR02").total == 1
    assert selectors.people_of(
        network_id=net.owner.network_id,
        organisation_id=None,
        indicator_set=ind.ESF,
        period=PERIOD,
        code="EECR02",
    ) == [person.pk]
