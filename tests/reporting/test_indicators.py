"""Every indicator on hand-made rows: the 28-day and last-event rules, re-entry, Art. 17(5)."""

import datetime

import pytest

from lotse.reporting.indicators import (
    ESF,
    GEMEINSAM_KLAPPTS,
    NETWORK,
    FollowUp,
    Gender,
    LabourStatus,
    Missing,
    Period,
    PersonRow,
    Situation,
    SituationEvent,
    Stay,
    compute,
    indicator_set,
)

D = datetime.date
YEAR = Period(D(2026, 1, 1), D(2026, 12, 31))


def person(n: int, **changes) -> PersonRow:
    values = {
        "person": n,
        "gender": Gender.FEMALE,
        "birth_date": D(2000, 6, 15),
        "labour_status": LabourStatus.UNEMPLOYED,
        "isced": 2,
        "nationality": "SY",
        "stays": (Stay(entry=D(2026, 2, 1)),),
    }
    values.update(changes)
    return PersonRow(**values)


def left(on: D, *events: tuple[int, Situation], recorded: bool = False, outcome: str = "") -> Stay:
    return Stay(
        entry=D(2026, 2, 1),
        exit=on,
        exit_outcome=outcome,
        situation_recorded=recorded,
        situations=tuple(SituationEvent(on + datetime.timedelta(days=d), s) for d, s in events),
    )


@pytest.mark.parametrize(
    ("row", "code", "counted"),
    [
        (person(1), "EECO01", True),
        (person(1, stays=(Stay(entry=D(2025, 12, 31)),)), "EECO01", False),  # entered before
        (person(1), "EECO02", True),
        (person(1, labour_status=LabourStatus.LONG_TERM_UNEMPLOYED), "EECO02", True),
        (person(1, labour_status=LabourStatus.LONG_TERM_UNEMPLOYED), "EECO03", True),
        (person(1), "EECO03", False),
        (person(1, labour_status=LabourStatus.INACTIVE), "EECO04", True),
        (person(1, labour_status=LabourStatus.EMPLOYED), "EECO05", True),
        (person(1, birth_date=D(2008, 2, 2)), "EECO06", True),  # 17 on entry 01.02.2026
        (person(1, birth_date=D(2008, 2, 1)), "EECO06", False),  # 18 on the day of entry
        (person(1, birth_date=D(2008, 2, 1)), "EECO07", True),
        (person(1, birth_date=D(1996, 2, 2)), "EECO07", True),  # 29 on the day of entry
        (person(1, birth_date=D(1996, 2, 1)), "EECO07", False),  # 30
        (person(1, birth_date=D(1971, 2, 1)), "EECO08", True),
        (person(1, birth_date=D(1971, 2, 2)), "EECO08", False),
        (person(1, isced=0), "EECO09", True),
        (person(1, isced=3), "EECO09", False),
        (person(1, isced=4), "EECO10", True),
        (person(1, isced=5), "EECO11", True),
        (person(1, disability=True), "EECO12", True),
        (person(1, disability=None), "EECO12", False),
        (person(1), "EECO13", True),
        (person(1, nationality="PL"), "EECO13", False),
        (person(1, nationality="stateless"), "EECO13", True),
        (person(1, foreign_background=True), "EECO14", True),
        (person(1, homeless=True), "EECO16", True),
        (person(1, rural=True), "EECO17", True),
        # the 28-day window and the last labour-market event
        (person(1, stays=(left(D(2026, 5, 4), (3, Situation.EMPLOYED)),)), "EECR04", True),
        (person(1, stays=(left(D(2026, 5, 4), (28, Situation.EMPLOYED)),)), "EECR04", True),
        (person(1, stays=(left(D(2026, 5, 4), (29, Situation.EMPLOYED)),)), "EECR04", False),
        (
            person(
                1,
                stays=(
                    left(D(2026, 5, 4), (2, Situation.JOB_SEARCHING), (20, Situation.EMPLOYED)),
                ),
            ),
            "EECR04",
            True,
        ),
        (
            person(
                1,
                stays=(
                    left(D(2026, 5, 4), (2, Situation.JOB_SEARCHING), (20, Situation.EMPLOYED)),
                ),
            ),
            "EECR01",
            False,
        ),
        (
            person(
                1,
                stays=(
                    left(D(2026, 5, 4), (2, Situation.EMPLOYED), (20, Situation.JOB_SEARCHING)),
                ),
            ),
            "EECR01",
            True,
        ),
        (
            person(
                1,
                stays=(
                    left(D(2026, 5, 4), (2, Situation.EMPLOYED), (20, Situation.JOB_SEARCHING)),
                ),
            ),
            "EECR04",
            False,
        ),
        (
            person(
                1,
                stays=(
                    left(D(2026, 5, 4), (1, Situation.EDUCATION), (5, Situation.QUALIFICATION)),
                ),
            ),
            "EECR02",
            True,
        ),
        (
            person(
                1,
                stays=(
                    left(D(2026, 5, 4), (1, Situation.EDUCATION), (5, Situation.QUALIFICATION)),
                ),
            ),
            "EECR03",
            True,
        ),
        (
            person(1, stays=(left(D(2027, 1, 2), (1, Situation.EMPLOYED)),)),
            "EECR04",
            False,
        ),  # left later
        # six months after leaving
        (
            person(
                1,
                stays=(left(D(2026, 3, 1), recorded=True),),
                follow_up=FollowUp(D(2026, 9, 2), employed=True, improved=False),
            ),
            "EECR05",
            True,
        ),
        (
            person(
                1,
                stays=(left(D(2026, 3, 1), recorded=True),),
                follow_up=FollowUp(D(2026, 9, 2), employed=True, improved=False),
            ),
            "EECR06",
            False,
        ),
    ],
)
def test_esf_indicator(row: PersonRow, code: str, counted: bool) -> None:
    value = compute(ESF, [row], YEAR).value(code)
    assert value.total == int(counted)
    assert value.people == ((row.person,) if counted else ())


def test_a_re_entry_is_one_participation_first_entry_last_exit() -> None:
    row = person(
        7,
        stays=(
            Stay(entry=D(2025, 3, 1), exit=D(2025, 6, 1), situation_recorded=True),
            left(D(2026, 4, 1), (10, Situation.EMPLOYED)),
        ),
    )
    report = compute(ESF, [row], YEAR)
    assert report.value("EECO01").total == 0  # first entry was 2025
    assert report.value("EECR04").total == 1  # the last exit counts
    assert compute(ESF, [row], Period(D(2025, 1, 1), D(2025, 12, 31))).value("EECO01").total == 1


def test_values_by_gender_add_up_to_the_total() -> None:
    rows = [
        person(1),
        person(2, gender=Gender.MALE),
        person(3, gender=Gender.MALE),
        person(4, gender=Gender.DIVERSE),
    ]
    value = compute(ESF, rows, YEAR).value("EECO01")
    assert value.by_gender == {Gender.FEMALE: 1, Gender.MALE: 2, Gender.DIVERSE: 1}
    assert value.total == 4


def test_a_participant_without_the_mandatory_items_is_listed_not_counted() -> None:
    rows = [person(1), person(2, gender=None, isced=None)]
    report = compute(ESF, rows, YEAR)
    assert report.value("EECO01").total == 1
    assert report.not_reportable == {2: [Missing.GENDER, Missing.EDUCATION]}
    # the network's own figures are not bound by Art. 17(5)
    assert compute(NETWORK, rows, YEAR).value("N-ENTRIES").total == 2


def test_a_leaver_without_the_28_day_situation_is_incomplete_not_guessed() -> None:
    rows = [
        person(1, stays=(left(D(2026, 5, 4)),)),
        person(2, stays=(left(D(2026, 5, 4), recorded=True),)),
    ]
    report = compute(ESF, rows, YEAR)
    assert report.incomplete_exits == (1,)
    assert all(report.value(code).total == 0 for code in ("EECR01", "EECR02", "EECR03", "EECR04"))


def test_network_figures_count_active_entries_exits_and_placements() -> None:
    rows = [
        person(1, stays=(Stay(entry=D(2025, 11, 1)),)),  # active, entered before
        person(2),  # entered in the year
        person(3, stays=(left(D(2026, 6, 30), outcome="employment"),)),
        person(4, stays=(left(D(2026, 7, 1), outcome="vocational_training"),)),
        person(5, stays=(left(D(2026, 7, 1), outcome="dropped_out"),)),
        person(
            6, stays=(Stay(entry=D(2024, 1, 1), exit=D(2025, 12, 31), exit_outcome="employment"),)
        ),
    ]
    report = compute(NETWORK, rows, YEAR)
    assert report.value("N-ACTIVE").total == 5
    assert report.value("N-ENTRIES").total == 4
    assert report.value("N-PLACED").people == (3, 4)
    assert report.value("N-EXIT-dropped_out").people == (5,)


def test_gemeinsam_klappts_counts_18_to_27_with_duldung_or_gestattung_only() -> None:
    rows = [
        person(1, residence="duldung", birth_date=D(2000, 1, 1)),  # 26
        person(2, residence="gestattung", birth_date=D(1990, 1, 1)),  # 36
        person(3, residence="residence_permit", birth_date=D(2000, 1, 1)),
        person(4, residence="gestattung", birth_date=D(2008, 1, 31)),  # 18
    ]
    assert compute(GEMEINSAM_KLAPPTS, rows, YEAR).value("N-ENTRIES").people == (1, 4)


def test_bad_input_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        Period(D(2026, 2, 1), D(2026, 1, 1))
    with pytest.raises(ValueError, match="no indicator set"):
        indicator_set("nope")


@pytest.mark.parametrize(
    ("outcome", "events", "codes"),
    [
        ("employment", (), {"EECR04"}),
        ("vocational_training", (), {"EECR02"}),
        ("school", (), {"EECR02"}),
        ("qualification", (), {"EECR02"}),
        ("job_searching", (), {"EECR01"}),
        # a later event within the 28 days has the last word
        ("employment", ((10, Situation.JOB_SEARCHING),), {"EECR01"}),
        ("job_searching", ((0, Situation.EMPLOYED),), {"EECR04"}),  # same day: the record
        ("employment", ((29, Situation.JOB_SEARCHING),), {"EECR04"}),  # after the window
        ("dropped_out", (), set()),
        ("other", ((3, Situation.QUALIFICATION),), {"EECR03"}),
    ],
)
def test_the_exit_outcome_is_the_situation_on_leaving_unless_a_later_event_says_otherwise(
    outcome: str, events: tuple[tuple[int, Situation], ...], codes: set[str]
) -> None:
    report = compute(ESF, [person(1, stays=(left(D(2026, 5, 4), *events, outcome=outcome),))], YEAR)
    counted = {
        code for code in ("EECR01", "EECR02", "EECR03", "EECR04") if report.value(code).total
    }
    assert counted == codes
    assert report.incomplete_exits == (() if codes else (1,))
