"""No match ever breaks a hard filter; the index agrees with the plain loop."""

import datetime
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.legal.model import Activity
from lotse.placements.matching import (
    CEFR_LEVELS,
    KM_PER_DEGREE,
    LICENCE_COVERS,
    Coded,
    Match,
    Permission,
    PersonRow,
    VacancyIndex,
    VacancyRow,
    admissible,
    assess,
    candidates,
    failures,
    linked,
    prepare,
    rank_naive,
)

TODAY = datetime.date(2027, 1, 15)
RADIUS = 25
DISTRICTS = ["", "05315", "05334", "05366"]
KLDB = ["51311", "51312", "51322", "51392", "52122", "26212", "82102", "29302"]
KINDS = ["job", "mini_job", "eq", "training", "internship", "self_employment"]
LICENCES = ["B", "BE", "C", "C1", "CE", "A", "D"]

days = st.integers(min_value=-60, max_value=400).map(lambda n: TODAY + datetime.timedelta(n))
# A box of about 100 × 70 km around Cologne, so both "near" and "far" occur.
lats = st.one_of(st.none(), st.floats(min_value=50.5, max_value=51.4))
lons = st.one_of(st.none(), st.floats(min_value=6.5, max_value=7.5))
levels = st.sampled_from(["", *CEFR_LEVELS])
coded = st.builds(
    Coded,
    kldb=st.sampled_from(KLDB),
    label=st.just("Beruf"),
    months=st.integers(min_value=0, max_value=80),
    partial=st.booleans(),
)
permission = st.builds(
    Permission,
    allowed=st.booleans(),
    available_from=st.one_of(st.none(), days),
    needs_permit=st.booleans(),
    citation=st.sampled_from(["", "§ 61 Abs. 2 AsylG"]),
)
people = st.builds(
    PersonRow,
    id=st.integers(min_value=1, max_value=10_000),
    permissions=st.one_of(
        st.none(), st.dictionaries(st.sampled_from(list(Activity)), permission, max_size=4)
    ),
    german=st.one_of(st.none(), levels),
    licences=st.frozensets(st.sampled_from(LICENCES), max_size=3),
    hours=st.one_of(st.none(), st.integers(min_value=0, max_value=45)),
    shift_work=st.one_of(st.none(), st.booleans()),
    district=st.sampled_from(DISTRICTS),
    lat=lats,
    lon=lons,
    desired=st.lists(coded, max_size=2).map(tuple),
    experience=st.lists(coded, max_size=3).map(tuple),
    qualifications=st.lists(coded, max_size=2).map(tuple),
    languages=st.dictionaries(st.sampled_from(["en", "ar", "fr"]), levels, max_size=2),
)


@st.composite
def vacancy_lists(draw):
    count = draw(st.integers(min_value=0, max_value=25))
    return [
        VacancyRow(
            id=index + 1,
            title="Stelle",
            kind=draw(st.sampled_from(KINDS)),
            kldb=draw(st.sampled_from(KLDB)),
            start=draw(days),
            min_german=draw(levels),
            licences=draw(st.frozensets(st.sampled_from(LICENCES), max_size=2)),
            hours=draw(st.one_of(st.none(), st.integers(min_value=5, max_value=40))),
            shift_work=draw(st.booleans()),
            district=draw(st.sampled_from(DISTRICTS)),
            lat=draw(lats),
            lon=draw(lons),
            languages=draw(
                st.dictionaries(
                    st.sampled_from(["en", "ar"]), st.sampled_from(CEFR_LEVELS), max_size=2
                )
            ),
            experience_group=draw(st.sampled_from(["", "513", "5131", "26212"])),
            qualifications=draw(st.frozensets(st.sampled_from(KLDB), max_size=2)),
        )
        for index in range(count)
    ]


ACTIVITY = {
    "job": Activity.EMPLOYMENT,
    "mini_job": Activity.EMPLOYMENT,
    "eq": Activity.EMPLOYMENT,
    "training": Activity.VOCATIONAL_TRAINING,
    "internship": Activity.INTERNSHIP,
    "self_employment": Activity.SELF_EMPLOYMENT,
}


def breaks_a_hard_filter(person: PersonRow, vacancy: VacancyRow) -> list[str]:
    """An oracle written apart from the module: which hard filters the pair breaks."""
    broken = []
    answer = (person.permissions or {}).get(ACTIVITY[vacancy.kind])
    if (
        answer is None
        or not answer.allowed
        or (answer.available_from is not None and answer.available_from > vacancy.start)
    ):
        broken.append("work_permission")
    if vacancy.min_german and (
        person.german not in CEFR_LEVELS
        or CEFR_LEVELS.index(person.german) < CEFR_LEVELS.index(vacancy.min_german)
    ):
        broken.append("german")
    held = set(person.licences)
    for licence in person.licences:
        held |= LICENCE_COVERS.get(licence, set())
    if not vacancy.licences <= held:
        broken.append("licence")
    if person.hours is not None and vacancy.hours is not None and vacancy.hours > person.hours:
        broken.append("hours")
    if vacancy.shift_work and person.shift_work is False:
        broken.append("shift")
    same_district = bool(person.district) and person.district == vacancy.district
    near = False
    if None not in (person.lat, person.lon, vacancy.lat, vacancy.lon):
        dx = (vacancy.lon - person.lon) * math.cos(math.radians(person.lat))
        dy = vacancy.lat - person.lat
        near = dx * dx + dy * dy <= (RADIUS / KM_PER_DEGREE) ** 2
    if not (same_district or near):
        broken.append("region")
    return broken


@settings(max_examples=120, deadline=None)
@given(person=people, vacancies=vacancy_lists())
def test_matches_never_break_a_hard_filter(person, vacancies):
    index = VacancyIndex(vacancies, radius_km=RADIUS)
    ranking = index.match(person, today=TODAY, limit=len(vacancies) + 1, excluded_limit=50)
    by_id = {v.id: v for v in vacancies}
    for match in ranking.matches:
        assert breaks_a_hard_filter(person, by_id[match.vacancy_id]) == []
    for exclusion in ranking.excluded:
        broken = breaks_a_hard_filter(person, by_id[exclusion.vacancy_id])
        assert [reason.code for reason in exclusion.reasons] == broken


@settings(max_examples=120, deadline=None)
@given(person=people, vacancies=vacancy_lists())
def test_index_agrees_with_the_plain_loop(person, vacancies):
    index = VacancyIndex(vacancies, radius_km=RADIUS)
    fast = index.match(person, today=TODAY, limit=10)
    naive = rank_naive(person, vacancies, today=TODAY, radius_km=RADIUS, limit=10)
    assert [(m.vacancy_id, m.points) for m in fast.matches] == [
        (m.vacancy_id, m.points) for m in naive.matches
    ]
    assert [m.reasons_for for m in fast.matches] == [m.reasons_for for m in naive.matches]
    expected = sorted(
        ((m.points, m.vacancy_id) for m in naive.matches), key=lambda i: (-i[0], i[1])
    )
    assert index.admissible_ids(person, today=TODAY)[:10] == expected
    prepared = prepare(person, today=TODAY, radius_km=RADIUS)
    linked_expected = sorted(
        (
            (m.points, m.vacancy_id)
            for m in rank_naive(
                person, vacancies, today=TODAY, radius_km=RADIUS, limit=len(vacancies)
            ).matches
            if linked(prepared, index.by_id[m.vacancy_id])
        ),
        key=lambda i: (-i[0], i[1]),
    )
    assert index.linked_ids(person, today=TODAY) == linked_expected


@settings(max_examples=120, deadline=None)
@given(person=people, vacancies=vacancy_lists())
def test_admissible_is_exactly_no_failures(person, vacancies):
    prepared = prepare(person, today=TODAY, radius_km=RADIUS)
    for vacancy in vacancies:
        assert admissible(prepared, vacancy) == (failures(prepared, vacancy) == [])
        assert isinstance(assess(prepared, vacancy), Match) == (
            breaks_a_hard_filter(person, vacancy) == []
        )


# Distinct ids, as rows of the database have: the oracle finds each match's person by its id.
@settings(max_examples=60, deadline=None)
@given(people=st.lists(people, max_size=8, unique_by=lambda p: p.id), vacancies=vacancy_lists())
def test_candidates_of_a_vacancy_never_break_a_hard_filter(people, vacancies):
    for vacancy in vacancies[:3]:
        matches, excluded = candidates(vacancy, people, today=TODAY, radius_km=RADIUS)
        by_id = {p.id: p for p in people}
        for match in matches:
            assert breaks_a_hard_filter(by_id[match.person_id], vacancy) == []
        assert len(matches) + len(excluded) == len(people)
        assert [m.points for m in matches] == sorted((m.points for m in matches), reverse=True)
