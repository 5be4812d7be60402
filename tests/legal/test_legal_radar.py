"""The deadline radar: expiry, waiting periods and pathway dates, consistent with the engine."""

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.legal import (
    DECISION_CHOICES,
    DOCUMENT_CHOICES,
    deadlines,
    deadlines_batch,
    evaluate,
    parse_situation,
)
from lotse.legal.facts import Context
from lotse.legal.model import PathwayStatus
from lotse.legal.pathways import assess

TODAY = date(2025, 5, 1)


def situation(**fields: Any) -> Any:
    data: dict[str, Any] = {
        "nationality": "AF",
        "reference_date": TODAY.isoformat(),
        "lives_in_reception_centre": False,
    }
    data.update(fields)
    return parse_situation(data)


def test_radar_lists_document_expiry_within_the_horizon() -> None:
    s = situation(
        document="residence_permit",
        residence_permit_section="25(2)",
        document_valid_until="2025-06-15",
    )
    assert [(d.date, d.kind) for d in deadlines(s, TODAY, 60)] == [
        (date(2025, 6, 15), "document_expiry")
    ]
    assert deadlines(s, TODAY, 30) == []


def test_radar_shows_an_expired_document() -> None:
    s = situation(document="duldung", duldung_since="2024-01-01", document_valid_until="2025-04-01")
    assert (date(2025, 4, 1), "document_expired") in [
        (d.date, d.kind) for d in deadlines(s, TODAY, 30)
    ]


def test_radar_extends_temporary_protection_by_the_ordinance() -> None:
    s = situation(
        document="residence_permit",
        residence_permit_section="24",
        document_valid_until="2026-03-04",
    )
    found = deadlines(s, date(2027, 1, 1), 90)
    assert [(d.date, d.kind) for d in found] == [(date(2027, 3, 4), "document_expiry")]


def test_radar_lists_the_end_of_a_waiting_period_per_activity() -> None:
    s = situation(
        document="gestattung",
        asylum_request_date="2025-03-01",
        asylum_application_date="2025-03-05",
    )
    found = [(d.date, d.kind, d.subject) for d in deadlines(s, TODAY, 60)]
    assert found == [
        (date(2025, 6, 1), "waiting_period_end", "employment"),
        (date(2025, 6, 1), "waiting_period_end", "vocational_training"),
        (date(2025, 6, 1), "waiting_period_end", "internship"),
    ]
    assert all(d.label_de and d.label_en and d.citation for d in deadlines(s, TODAY, 60))


def test_radar_lists_twelve_months_of_duldung_for_60d() -> None:
    s = situation(
        document="duldung",
        duldung_since="2024-06-01",
        entry_date="2020-01-01",
        asylum_decision="rejected",
        asylum_request_date="2020-01-02",
    )
    found = [(d.date, d.kind, d.subject) for d in deadlines(s, TODAY, 60)]
    assert (date(2025, 6, 1), "pathway_condition", "60d") in found


def test_batch_equals_one_by_one() -> None:
    items = [
        situation(document="gestattung", asylum_request_date="2025-03-01"),
        situation(document="duldung", duldung_since="2024-06-01"),
    ]
    assert deadlines_batch(items, TODAY, 90) == [deadlines(s, TODAY, 90) for s in items]


days = st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 5, 1))


@st.composite
def situations(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(
        st.sampled_from([d for d in DOCUMENT_CHOICES if d not in ("settlement_permit",)])
    )
    entry = draw(days)
    data: dict[str, Any] = {
        "document": document,
        "nationality": draw(st.sampled_from(["SY", "AF", "GE", "RS", "unknown"])),
        "entry_date": entry.isoformat(),
        "asylum_request_date": draw(st.none() | st.just(entry.isoformat())),
        "asylum_application_date": (entry + timedelta(days=draw(st.integers(0, 60)))).isoformat(),
        "asylum_decision": draw(st.none() | st.sampled_from(DECISION_CHOICES)),
        "lives_in_reception_centre": draw(st.none() | st.booleans()),
        "duldung_since": (entry + timedelta(days=draw(st.integers(0, 900)))).isoformat(),
        "employment_since": draw(st.none() | days.map(date.isoformat)),
        "birth_date": draw(st.dates(date(1990, 1, 1), date(2012, 1, 1))).isoformat(),
        "identity_clarified": draw(st.none() | st.booleans()),
        "has_minor_children": draw(st.none() | st.booleans()),
        "residence_permit_section": "104c" if document == "residence_permit" else None,
        "reference_date": "2026-05-01",
    }
    return data


@settings(max_examples=300, deadline=None)
@given(situations(), st.dates(date(2024, 1, 1), date(2026, 5, 1)), st.integers(0, 120))
def test_radar_agrees_with_the_engine(data: dict[str, Any], today: date, horizon: int) -> None:
    s = parse_situation(data)
    found = deadlines(s, today, horizon)
    end = today + timedelta(days=horizon)
    # Waiting periods: the engine's answer on `today` names the same days.
    evaluation = evaluate(parse_situation({**data, "reference_date": today.isoformat()}))
    expected = set()
    for name in ("employment", "vocational_training", "internship"):
        result = evaluation.activities[next(a for a in evaluation.activities if a.value == name)]
        changes = [result.available_from] + [step.start for step in result.later]
        expected |= {(day, name) for day in changes if day is not None and day <= end}
    activity_days = {
        (d.date, d.subject)
        for d in found
        if d.subject in ("employment", "vocational_training", "internship")
    }
    assert activity_days == expected
    # Pathway dates: the fast pre-filter never drops one the full assessment finds.
    ctx = Context(s, today, collect_notes=False)
    expected_pathway = set()
    for pathway in assess(ctx):
        if pathway.status in (
            PathwayStatus.NOT_MET,
            PathwayStatus.HELD,
            PathwayStatus.NOT_IN_FORCE,
        ):
            continue
        for condition in pathway.conditions:
            for day in (condition.met_on, condition.deadline):
                if day is not None and today <= day <= end:
                    expected_pathway.add((day, pathway.pathway))
    assert {(d.date, d.subject) for d in found if d.kind.startswith("pathway")} == expected_pathway
