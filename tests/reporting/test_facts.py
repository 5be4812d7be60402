"""The fact table and the report as one query: on random participations the database counts
what the pure indicators count, and the services keep the facts current."""

import datetime
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.participants import services as participant_services
from lotse.referrals import services as referral_services
from lotse.reporting import indicators as ind
from lotse.reporting import selectors, services, sources
from lotse.reporting.models import EsfFact
from tests.factories import participant_for
from tests.offers.helpers import berufssprachkurs
from tests.referrals.helpers import refer, referral_consent
from tests.reporting.helpers import YEAR_END, YEAR_START, esf_caseload, esf_person

pytestmark = pytest.mark.django_db

D = datetime.date
PEOPLE = 8
PERIODS = (
    ind.Period(YEAR_START, YEAR_END),
    ind.Period(D(2025, 1, 1), D(2025, 12, 31)),
    ind.Period(D(2026, 3, 1), D(2026, 3, 31)),
)
OUTCOMES = ("", "employment", "vocational_training", "school", "qualification", "job_searching",
            "dropped_out", "other")  # fmt: skip


# Conditions the shipped sets do not use (yet), so the compiler's every case meets NULLs.
PROBE = ind.IndicatorSet(
    key="probe",
    title_de="Probe",
    title_en="Probe",
    needs_mandatory_items=True,
    population=ind.Not(ind.Is("residence", "residence_permit")),
    indicators=tuple(
        ind.Indicator(f"P{index}", "", "", basis, condition)
        for index, (basis, condition) in enumerate(
            [
                (ind.Basis.ACTIVE, ind.Not(ind.Between("exit", D(2026, 3, 1), None))),
                (ind.Basis.ACTIVE, ind.Is("exit", None)),
                (ind.Basis.ENTRIES, ind.Not(ind.Is("disability", True))),
                (ind.Basis.ENTRIES, ind.Not(ind.Between("age", 18, 29))),
                (ind.Basis.ENTRIES, ind.Between("isced", None, None)),
                (ind.Basis.EXITS, ind.AnyOf(ind.Is("rural", None), ind.Is("homeless", False))),
                (ind.Basis.EXITS, ind.AnyOf()),
                (ind.Basis.EXITS, ind.Not(ind.AnyOf())),
                (ind.Basis.RESULTS, ind.Not(ind.In("situation", frozenset({"", "employed"})))),
                (ind.Basis.FOLLOW_UPS, ind.Not(ind.AllOf(ind.Is("follow_up_employed", True)))),
            ]
        )
    ),
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


days = st.dates(D(2024, 10, 1), D(2027, 3, 1))


@st.composite
def stays(draw: st.DrawFn) -> ind.Stay:
    entry = draw(days)
    exit_on = draw(_maybe(st.integers(0, 500).map(lambda n: entry + datetime.timedelta(days=n))))
    events: tuple[ind.SituationEvent, ...] = ()
    if exit_on is not None:
        events = tuple(
            ind.SituationEvent(exit_on + datetime.timedelta(days=offset), situation)
            for offset, situation in draw(
                st.lists(st.tuples(st.integers(-3, 35), st.sampled_from(ind.Situation)), max_size=3)
            )
        )
    return ind.Stay(
        entry=entry,
        exit=exit_on,
        exit_outcome=draw(st.sampled_from(OUTCOMES)) if exit_on else "",
        situation_recorded=exit_on is not None and draw(st.booleans()),
        situations=events,
    )


@st.composite
def person_rows(draw: st.DrawFn, person: int) -> ind.PersonRow:
    return ind.PersonRow(
        person=person,
        gender=draw(_maybe(st.sampled_from(ind.Gender))),
        birth_date=draw(_maybe(st.dates(D(1955, 1, 1), D(2012, 12, 31)))),
        labour_status=draw(_maybe(st.sampled_from(ind.LabourStatus))),
        isced=draw(_maybe(st.integers(0, 8))),
        nationality=draw(st.sampled_from(("SY", "PL", "DE", "stateless", "UA", ""))),
        residence=draw(st.sampled_from(("", "duldung", "gestattung", "residence_permit"))),
        disability=draw(_maybe(st.booleans())),
        foreign_background=draw(_maybe(st.booleans())),
        homeless=draw(_maybe(st.booleans())),
        rural=draw(_maybe(st.booleans())),
        stays=tuple(draw(st.lists(stays(), max_size=2))),
        follow_up=draw(
            _maybe(st.builds(ind.FollowUp, days, employed=st.booleans(), improved=st.booleans()))
        ),
    )


@pytest.fixture
def people(net: Any) -> list[Any]:
    made = [participant_for(net.counsellor, first_names=f"P{n}") for n in range(PEOPLE)]
    # Their facts come from the random rows below, not from their (empty) case tables.
    services.esf_facts_flush()
    return made


def _sql_report(net: Any, chosen: ind.IndicatorSet, period: ind.Period) -> ind.Report:
    return selectors.compute_report(
        network_id=net.owner.network_id, organisation_id=None, indicator_set=chosen, period=period
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.data(),
    chosen=st.sampled_from([*ind.INDICATOR_SETS.values(), PROBE]),
    period=st.sampled_from(PERIODS),
)
def test_the_query_counts_what_the_pure_indicators_count(
    net: Any, people: list[Any], data: st.DataObject, chosen: ind.IndicatorSet, period: ind.Period
) -> None:
    rows = [data.draw(person_rows(participant.pk)) for participant in people]
    EsfFact.objects.all().delete()
    EsfFact.objects.bulk_create(
        EsfFact(
            participant_id=row.person,
            network_id=net.owner.network_id,
            organisation_id=net.owner.pk,
            **ind.facts(item),
        )
        for row in rows
        if (item := ind.participation(row)) is not None
    )
    pure = ind.compute(chosen, rows, period)
    sql = _sql_report(net, chosen, period)
    assert [(v.indicator.code, v.by_gender, v.total) for v in sql.values] == [
        (v.indicator.code, v.by_gender, v.total) for v in pure.values
    ]
    assert (sql.not_reportable_total, sql.incomplete_total) == (
        len(pure.not_reportable),
        len(pure.incomplete_exits),
    )
    for value in pure.values:
        assert selectors.people_of(
            network_id=net.owner.network_id,
            organisation_id=None,
            indicator_set=chosen,
            period=period,
            code=value.indicator.code,
        ) == list(value.people)


def test_facts_follow_the_services_and_the_report_equals_the_pure_one(net: Any) -> None:
    esf_caseload(net)
    services.esf_facts_flush()
    network_id = net.owner.network_id
    period = PERIODS[0]
    for chosen in ind.INDICATOR_SETS.values():
        pure = ind.compute(
            chosen,
            [row for chunk in sources.person_rows(selectors.scope_participants(network_id, None))
             for row in chunk],
            period,
        )  # fmt: skip
        sql = _sql_report(net, chosen, period)
        assert [(v.by_gender, v.total) for v in sql.values] == [
            (v.by_gender, v.total) for v in pure.values
        ]
        assert sql.not_reportable_total == len(pure.not_reportable)
    esf = _sql_report(net, ind.ESF, period)
    assert (esf.value("EECO01").total, esf.value("EECR04").total, esf.not_reportable_total) == (
        4,
        1,
        1,
    )


def test_a_change_marks_the_facts_dirty_and_the_flush_refreshes_them(net: Any) -> None:
    person = esf_person(net.counsellor, first_names="Mira", exit_on=D(2026, 5, 4), outcome="other")
    services.esf_facts_flush()
    fact = EsfFact.objects.get(participant=person)
    assert (fact.exit, fact.result_known, fact.situation) == (D(2026, 5, 4), False, "")
    services.esf_situation_record(
        actor=net.counsellor, participant=person, day=D(2026, 5, 20), situation="employed"
    )
    services.esf_facts_flush()
    fact.refresh_from_db()
    assert (fact.result_known, fact.situation) == (True, "employed")
    person.refresh_from_db()
    participant_services.participant_update(
        actor=net.counsellor,
        participant=person,
        expected_version=person.version,
        changes={"gender": "diverse"},
    )
    services.esf_facts_flush()
    fact.refresh_from_db()
    assert fact.gender == "diverse"


def test_the_rebuild_writes_what_the_refreshes_wrote(net: Any) -> None:
    esf_caseload(net)
    services.esf_facts_flush()
    refreshed = sorted(EsfFact.objects.values_list(*("participant_id", *ind.FACT_FIELDS)))
    with scope(network=net.owner.network_id):
        assert services.esf_facts_rebuild(chunk_size=2) == len(refreshed)
    assert sorted(EsfFact.objects.values_list(*("participant_id", *ind.FACT_FIELDS))) == refreshed


def test_referral_outcomes_feed_education_and_qualification(net: Any) -> None:
    """A course running when the person leaves is EECR02; a qualification gained during the
    participation is EECR03 — through the referral services, nothing recorded by hand."""
    today = timezone.localdate()
    participant_services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=D(2026, 1, 5)
    )
    services.esf_record_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"labour_status": "unemployed", "isced_level": 2},
    )
    referral_consent(net)
    course = refer(net, target_organisation=None, offer=berufssprachkurs(net))
    course = referral_services.referral_accept(
        actor=net.third_counsellor, referral=course, expected_version=course.version
    )
    referral_services.referral_start(
        actor=net.third_counsellor,
        referral=course,
        started_on=today,
        expected_version=course.version,
    )
    exam = refer(net)
    exam = referral_services.referral_accept(
        actor=net.third_counsellor, referral=exam, expected_version=exam.version
    )
    referral_services.referral_complete(
        actor=net.third_counsellor,
        referral=exam,
        outcome="qualification_gained",
        completed_on=today,
        expected_version=exam.version,
    )
    participant_services.participant_exit(
        actor=net.counsellor, participant=net.participant, exit_date=today, outcome="other"
    )
    services.esf_facts_flush()
    report = _sql_report(net, ind.ESF, ind.Period(D(today.year, 1, 1), D(today.year, 12, 31)))
    assert [report.value(code).total for code in ("EECR01", "EECR02", "EECR03", "EECR04")] == [
        0,
        1,
        1,
        0,
    ]
    assert report.incomplete_total == 0
