"""Eligibility of a participant for an offer: every criterion met, not met or unknown."""

import datetime

import pytest

from lotse.legal import evaluate, parse_situation
from lotse.legal.model import Activity
from lotse.offers.eligibility import (
    Checker,
    Criteria,
    LegalSphere,
    Person,
    Prepared,
    Verdict,
    check,
)

D = datetime.date
START = D(2026, 3, 2)
NO_FINDINGS = {
    "entered_to_obtain_benefits": False,
    "removal_obstructed_by_own_fault": False,
    "removal_measures_imminent": False,
}


def work_permission(**fields):
    data = {
        "document": "duldung",
        "nationality": "AF",
        "asylum_decision": "rejected",
        "asylum_request_date": "2019-05-01",
        "duldung_since": "2023-01-01",
        "lives_in_reception_centre": False,
        "reference_date": START.isoformat(),
        "authority_findings": dict(NO_FINDINGS),
    }
    data.update(fields)
    return evaluate(parse_situation(data)).activities


BANNED = {**NO_FINDINGS, "removal_obstructed_by_own_fault": True}


@pytest.mark.parametrize(
    ("criteria", "person", "verdict", "reason"),
    [
        (Criteria(), Person(), Verdict.ELIGIBLE, None),
        (
            Criteria(documents=frozenset({"duldung"})),
            Person(document="duldung"),
            Verdict.ELIGIBLE,
            "Aufenthaltspapier passt",
        ),
        (
            Criteria(documents=frozenset({"gestattung"})),
            Person(document="duldung"),
            Verdict.NOT_ELIGIBLE,
            "nicht für dieses Aufenthaltspapier vorgesehen",
        ),
        (
            Criteria(documents=frozenset({"gestattung"})),
            Person(),
            Verdict.UNKNOWN,
            "Aufenthaltspapier unbekannt",
        ),
        (
            Criteria(min_german="B1"),
            Person(german="A2"),
            Verdict.NOT_ELIGIBLE,
            "Deutsch B1 nötig, vorhanden A2",
        ),
        (
            Criteria(min_german="B1"),
            Person(german="B2"),
            Verdict.ELIGIBLE,
            "Deutsch B1 nötig, vorhanden B2",
        ),
        (
            Criteria(min_german="A1"),
            Person(german=""),
            Verdict.NOT_ELIGIBLE,
            "Deutsch A1 nötig, vorhanden —",
        ),
        (
            Criteria(min_german="B1"),
            Person(),
            Verdict.UNKNOWN,
            "Deutsch B1 nötig, Niveau unbekannt",
        ),
        (
            Criteria(min_age=18, max_age=27),
            Person(birth_date=D(1998, 3, 3)),
            Verdict.ELIGIBLE,
            "Alter passt (18 bis 27 Jahre)",
        ),
        (
            Criteria(min_age=18, max_age=27),
            Person(birth_date=D(1998, 3, 2)),
            Verdict.NOT_ELIGIBLE,
            "18 bis 27 Jahre nötig, zu Beginn 28 Jahre",
        ),
        (
            Criteria(min_age=18),
            Person(birth_date=D(2008, 3, 3)),
            Verdict.NOT_ELIGIBLE,
            "ab 18 Jahren nötig, zu Beginn 17 Jahre",
        ),
        (Criteria(max_age=25), Person(), Verdict.UNKNOWN, "Alter unbekannt (bis 25 Jahre)"),
        (
            Criteria(legal_spheres=frozenset({LegalSphere.SGB_II})),
            Person(legal_sphere=LegalSphere.ASYLBLG),
            Verdict.NOT_ELIGIBLE,
            "nur für SGB II",
        ),
        (
            Criteria(legal_spheres=frozenset({LegalSphere.SGB_II, LegalSphere.SGB_III})),
            Person(legal_sphere=LegalSphere.SGB_III),
            Verdict.ELIGIBLE,
            "Rechtskreis passt (SGB II, SGB III)",
        ),
        (
            Criteria(postcodes=frozenset({"281", "28199"})),
            Person(postcode="28195"),
            Verdict.ELIGIBLE,
            "Wohnort im Einzugsgebiet",
        ),
        (
            Criteria(postcodes=frozenset({"281"})),
            Person(postcode="27570"),
            Verdict.NOT_ELIGIBLE,
            "Wohnort 27570 außerhalb des Einzugsgebiets",
        ),
        (
            Criteria(postcodes=frozenset({"281"})),
            Person(postcode=""),
            Verdict.UNKNOWN,
            "Wohnort unbekannt",
        ),
        (
            Criteria(qualifications=frozenset({"hauptschulabschluss"})),
            Person(qualifications=frozenset()),
            Verdict.NOT_ELIGIBLE,
            "nötige Vorqualifikation fehlt",
        ),
        (
            Criteria(qualifications=frozenset({"hauptschulabschluss"})),
            Person(),
            Verdict.UNKNOWN,
            "Vorqualifikation unbekannt",
        ),
        (
            Criteria(activity=Activity.EMPLOYMENT),
            Person(),
            Verdict.UNKNOWN,
            "Beschäftigung: Arbeitsmarktzugang unbekannt",
        ),
    ],
)
def test_criterion(criteria, person, verdict, reason) -> None:
    result = check(criteria, person, START)
    assert result.verdict is verdict
    if reason is None:
        assert result.checks == ()
    else:
        assert [c.reason.de for c in result.checks] == [reason]


def test_the_work_permission_answer_decides_the_activity_criterion() -> None:
    criteria = Criteria(activity=Activity.EMPLOYMENT)
    allowed = check(criteria, Person(activities=work_permission()), START)
    assert allowed.verdict is Verdict.ELIGIBLE
    assert allowed.checks[0].reason.de.startswith(
        "Beschäftigung mit Erlaubnis der Ausländerbehörde"
    )

    banned = check(criteria, Person(activities=work_permission(authority_findings=BANNED)), START)
    assert banned.verdict is Verdict.NOT_ELIGIBLE
    assert banned.reasons_against[0].reason.de.startswith(
        "nicht möglich: Arbeitsverbot nach § 60a Abs. 6"
    )


def test_an_activity_open_only_after_the_start_is_not_eligible_with_the_day() -> None:
    recent = work_permission(duldung_since="2026-02-01", asylum_request_date="2025-12-01")
    result = check(Criteria(activity=Activity.EMPLOYMENT), Person(activities=recent), START)
    assert result.verdict is Verdict.NOT_ELIGIBLE
    assert "erst ab" in result.reasons_against[0].reason.de


def test_one_criterion_not_met_outweighs_unknowns_and_unknowns_outweigh_met() -> None:
    criteria = Criteria(min_german="B1", min_age=18, postcodes=frozenset({"281"}))
    assert check(criteria, Person(german="A1"), START).verdict is Verdict.NOT_ELIGIBLE
    partly_known = Person(german="B1", birth_date=D(1990, 1, 1))
    result = check(criteria, partly_known, START)
    assert result.verdict is Verdict.UNKNOWN
    assert [c.criterion for c in result.unknowns] == ["postcode"]


def test_bad_criteria_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="language level"):
        Criteria(min_german="B3")
    with pytest.raises(ValueError, match="highest age is below"):
        Criteria(min_age=30, max_age=18)


def test_the_checker_answers_as_check_for_every_offer_of_a_catalogue() -> None:
    """`Checker` answers each distinct criterion once; its answers are `check`'s."""
    person = Person(
        document="duldung",
        activities=work_permission(),
        birth_date=D(1999, 6, 1),
        german="A2",
        postcode="28195",
    )
    catalogue = [
        Criteria(
            documents=frozenset(documents),
            activity=activity,
            min_age=low,
            max_age=high,
            min_german=german,
            legal_spheres=frozenset(spheres),
            postcodes=frozenset(codes),
        )
        for documents in ((), ("duldung",), ("gestattung", "residence_permit"))
        for activity in (None, Activity.EMPLOYMENT, Activity.VOCATIONAL_TRAINING)
        for low, high in ((None, None), (18, 27), (30, None))
        for german in ("", "A1", "B1")
        for spheres in ((), (LegalSphere.SGB_II,))
        for codes in ((), ("281",), ("99",))
    ]
    checker = Checker(person)
    for start in (START, D(2027, 9, 1)):
        for criteria in catalogue:
            assert checker(criteria, start) == check(criteria, person, start)


# Only the year of birth known; the offer starts on START (2 March 2026). Born in 2000, the
# person is 25 (born after 2 March) or 26 at the start.
@pytest.mark.parametrize(
    ("criteria", "year", "verdict", "reason"),
    [
        (Criteria(min_age=18, max_age=27), 2000, Verdict.ELIGIBLE, "Alter passt (18 bis 27 Jahre)"),
        (Criteria(min_age=25), 2000, Verdict.ELIGIBLE, "Alter passt (ab 25 Jahren)"),
        (
            Criteria(min_age=18, max_age=25),
            2000,
            Verdict.UNKNOWN,
            "18 bis 25 Jahre nötig; nur das Geburtsjahr 2000 ist bekannt, zu Beginn 25 oder 26 "
            "Jahre",
        ),
        (
            Criteria(min_age=26),
            2000,
            Verdict.UNKNOWN,
            "ab 26 Jahren nötig; nur das Geburtsjahr 2000 ist bekannt, zu Beginn 25 oder 26 Jahre",
        ),
        (
            Criteria(max_age=24),
            2000,
            Verdict.NOT_ELIGIBLE,
            "bis 24 Jahre nötig, zu Beginn 25 oder 26 Jahre",
        ),
        (
            Criteria(min_age=27),
            2000,
            Verdict.NOT_ELIGIBLE,
            "ab 27 Jahren nötig, zu Beginn 25 oder 26 Jahre",
        ),
        (
            Criteria(min_age=18),
            2008,
            Verdict.UNKNOWN,
            "ab 18 Jahren nötig; nur das Geburtsjahr 2008 ist bekannt, zu Beginn 17 oder 18 Jahre",
        ),
        (
            Criteria(min_age=18),
            2009,
            Verdict.NOT_ELIGIBLE,
            "ab 18 Jahren nötig, zu Beginn 16 oder 17 Jahre",
        ),
    ],
)
def test_age_with_only_the_year_of_birth_is_decided_by_the_whole_year(
    criteria: Criteria, year: int, verdict: Verdict, reason: str
) -> None:
    result = check(criteria, Person(birth_year=year), START)
    assert (result.verdict, [c.reason.de for c in result.checks]) == (verdict, [reason])
    assert Checker(Person(birth_year=year))(criteria, START) == result


def test_age_with_the_year_known_on_new_year_s_eve_has_one_age() -> None:
    # On 31 December everyone born in 2000 is 26: the year decides it.
    result = check(Criteria(max_age=25), Person(birth_year=2000), D(2026, 12, 31))
    assert (result.verdict, result.checks[0].reason.de) == (
        Verdict.NOT_ELIGIBLE,
        "bis 25 Jahre nötig, zu Beginn 26 Jahre",
    )


def test_the_exact_date_of_birth_wins_over_the_year() -> None:
    person = Person(birth_date=D(2000, 12, 1), birth_year=2000)
    assert check(Criteria(min_age=18, max_age=25), person, START).verdict is Verdict.ELIGIBLE


def test_a_prepared_catalogue_answers_as_check_for_every_offer() -> None:
    """`Prepared` numbers the catalogue's criteria once and answers person after person; its
    answers are `check`'s, for offers with and without their own start date."""
    catalogue = [
        (
            Criteria(
                documents=frozenset(documents),
                activity=activity,
                min_age=low,
                max_age=high,
                min_german=german,
                legal_spheres=frozenset(spheres),
                postcodes=frozenset(codes),
                qualifications=frozenset(qualifications),
            ),
            start,
        )
        for documents in ((), ("duldung",), ("gestattung", "residence_permit"))
        for activity in (None, Activity.EMPLOYMENT, Activity.VOCATIONAL_TRAINING)
        for low, high in ((None, None), (18, 27), (30, None))
        for german in ("", "A1", "B1")
        for spheres in ((), (LegalSphere.SGB_II,))
        for codes in ((), ("281",))
        for qualifications in ((), ("Hauptschulabschluss",))
        for start in (None, D(2027, 9, 1))
    ]
    prepared = Prepared(catalogue)
    people = [
        Person(
            document="duldung",
            activities=work_permission(),
            birth_date=D(1999, 6, 1),
            german="A2",
            postcode="28195",
        ),
        Person(birth_year=2000, german="B1", legal_sphere=LegalSphere.SGB_II),
        Person(),
    ]
    for person in people:
        for today in (START, D(2026, 12, 31)):
            answers = prepared.answers(person, today)
            expected = [check(c, person, start or today) for c, start in catalogue]
            assert answers == expected
    assert len(prepared) == len(catalogue)
