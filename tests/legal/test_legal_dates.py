from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.legal.dates import (
    add_months,
    days_in_month,
    format_de,
    format_en,
    months_after_event,
    months_completed,
    parse_iso_date,
)

days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
months = st.integers(min_value=0, max_value=600)


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 5, 1), 0, date(2025, 5, 1)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2025, 1, 1), 3, date(2025, 4, 1)),  # 1 Jan - 31 Mar complete
        (date(2025, 1, 31), 1, date(2025, 3, 1)),  # § 188 Abs. 3: ends 28 Feb
        (date(2024, 2, 29), 12, date(2025, 3, 1)),  # birthday on 29 Feb
        (date(2025, 1, 15), 6, date(2025, 7, 15)),
    ],
)
def test_months_completed_examples(start: date, n: int, expected: date) -> None:
    assert months_completed(start, n) == expected


@pytest.mark.parametrize(
    ("event", "n", "expected"),
    [
        (date(2025, 1, 15), 6, date(2025, 7, 16)),  # ends 15 Jul, applies from 16 Jul
        (date(2025, 1, 31), 1, date(2025, 3, 1)),
        (date(2025, 8, 31), 6, date(2026, 3, 1)),
    ],
)
def test_months_after_event_examples(event: date, n: int, expected: date) -> None:
    assert months_after_event(event, n) == expected


@given(days, months)
def test_add_months_moves_exactly_n_calendar_months(day: date, n: int) -> None:
    result = add_months(day, n)
    assert _index(result) - _index(day) == n
    assert result.day == min(day.day, days_in_month(result.year, result.month))


@given(days, days, months)
def test_add_months_is_monotonic(a: date, b: date, n: int) -> None:
    low, high = sorted((a, b))
    assert add_months(low, n) <= add_months(high, n)


@given(days, months, months)
def test_add_months_composes_for_days_every_month_has(day: date, a: int, b: int) -> None:
    day = day.replace(day=min(day.day, 28))
    assert add_months(add_months(day, a), b) == add_months(day, a + b)


@given(days, st.integers(min_value=1, max_value=600))
def test_months_completed_is_the_day_after_the_period(start: date, n: int) -> None:
    result = months_completed(start, n)
    shifted = add_months(start, n)
    assert result > start
    assert result - shifted in (timedelta(0), timedelta(days=1))
    # The day before the result is still inside the period: its day number is not reached yet.
    assert result == shifted or (result.day == 1 and shifted.day < start.day)


@given(days, days, months)
def test_months_completed_is_monotonic(a: date, b: date, n: int) -> None:
    low, high = sorted((a, b))
    assert months_completed(low, n) <= months_completed(high, n)


@given(days, st.integers(min_value=1, max_value=600))
def test_months_after_event_follows_the_event_by_at_least_n_short_months(
    event: date, n: int
) -> None:
    result = months_after_event(event, n)
    assert 28 * n < (result - event).days <= 31 * n + 1
    assert result == add_months(event, n) + timedelta(days=1)


@given(days)
def test_parse_iso_date_round_trips(day: date) -> None:
    assert parse_iso_date(day.isoformat()) == day


@pytest.mark.parametrize(
    "text",
    [
        "2025-5-1",
        "01.05.2025",
        "20250501",
        "2025-02-30",
        "2025-05-01T00:00",
        "0001-01-01",
        "9999-12-31",
        " 2025-05-01",
    ],
)
def test_parse_iso_date_rejects_other_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a valid calendar date|not a date|is outside"):
        parse_iso_date(text)


def test_formats_are_locale_independent() -> None:
    assert format_de(date(2026, 3, 14)) == "14.03.2026"
    assert format_en(date(2026, 3, 14)) == "14 March 2026"
