"""Calendar arithmetic for legal periods (§§ 187, 188 BGB).

Two kinds of period occur in the rules:

* a *stay* that began on a day (a Duldung since 1 March, a stay since arrival): the first day
  counts in full (§ 187 Abs. 2 BGB), so three months from 1 January are complete at the end of
  31 March and the new position applies from 1 April;
* a period after an *event* (six months after the asylum application): the day of the event does
  not count (§ 187 Abs. 1 BGB), so six months after 15 January end with 15 July and the new
  position applies from 16 July.

When the month has no day with the start day's number (31 January plus one month), the period
ends with the last day of that month (§ 188 Abs. 3 BGB).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _MONTH_DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    """The day with the same number `months` later, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    number = day.day
    if number > 28:
        number = min(number, days_in_month(year, month))
    return date(year, month, number)


def months_completed(start: date, months: int) -> date:
    """First day on which a stay that began on `start` has lasted `months` months."""
    target = add_months(start, months)
    if target.day != start.day:
        # § 188 Abs. 3 BGB: the period ended with the last day of the shorter month.
        return target + ONE_DAY
    return target


def months_after_event(event: date, months: int) -> date:
    """First day after the period of `months` months that follows the event day."""
    return add_months(event, months) + ONE_DAY


def parse_iso_date(text: str) -> date:
    """Parse exactly YYYY-MM-DD (date.fromisoformat also accepts forms the contract does not)."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a valid calendar date") from None
    if not EARLIEST_DATE <= parsed <= LATEST_DATE:
        raise ValueError(
            f"'{text}' is outside {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
        )
    return parsed


def format_de(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


_MONTH_NAMES_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_en(day: date) -> str:
    # Own month names: strftime would follow the process locale.
    return f"{day.day} {_MONTH_NAMES_EN[day.month - 1]} {day.year}"
