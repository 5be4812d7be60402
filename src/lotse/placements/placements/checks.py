"""The rules a placement's dates obey, as messages by field: asked by the form (to show each
message at its field) and by the services (so that the API and every other caller meet the
same rules, and nothing is saved that breaks one)."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core.formats import short_date


def placement_problems(
    values: Mapping[str, Any], *, entry_date: datetime.date | None
) -> dict[str, str]:
    problems: dict[str, str] = {}
    start = values.get("starts_on")
    if start is None:
        return {"starts_on": _("Enter the start of the placement.")}
    if entry_date is not None and start < entry_date:
        problems["starts_on"] = _(
            "The placement cannot start before the participant entered the programme (%(date)s)."
        ) % {"date": short_date(entry_date)}
    for name, message in (
        ("planned_end_on", _("The planned end is before the start.")),
        ("ended_on", _("The placement cannot end before it starts.")),
        ("probation_ends_on", _("The probation cannot end before the placement starts.")),
    ):
        day = values.get(name)
        if day is not None and day < start:
            problems[name] = message
    ended = values.get("ended_on")
    if ended is not None and "ended_on" not in problems and ended > timezone.localdate():
        # An end recorded ahead would show the placement as ended and drop it from follow-up.
        problems["ended_on"] = _(
            "Record the end once it has happened; a known end still ahead is the planned end."
        )
    hours = values.get("hours_per_week")
    if hours is not None and not 0 < hours <= 60:
        problems["hours_per_week"] = _("Enter the hours per week between 1 and 60.")
    granted, refused = values.get("permit_granted_on"), values.get("permit_refused_on")
    if granted is not None and refused is not None:
        problems["permit_refused_on"] = _("A permit cannot be both granted and refused.")
    applied = values.get("permit_applied_on")
    for name in ("permit_granted_on", "permit_refused_on"):
        day = values.get(name)
        if applied is not None and day is not None and day < applied:
            problems[name] = _("The decision cannot come before the application.")
    if bool(values.get("ended_on")) != bool(values.get("end_reason")):
        problems["end_reason" if values.get("ended_on") else "ended_on"] = _(
            "Give both the day the placement ended and the reason."
        )
    return problems


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it is shorter (31 Jan + 1 →
    28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_months(text: str) -> list[int]:
    """ "1, 3, 6" → [1, 3, 6]; ValueError with a German message for anything else."""
    parts = text.replace(";", ",").replace(" ", ",").split(",")
    try:
        months = sorted({int(part) for part in parts if part.strip()})
    except ValueError as error:
        raise ValueError(_("Enter whole months separated by commas, e.g. 1, 3, 6.")) from error
    if not months or months[0] < 1 or months[-1] > 36 or len(months) > 8:
        raise ValueError(_("Enter between one and eight check-ins, each 1 to 36 months."))
    return months
