"""The rows of the front desk's list as finished display strings: built once in Python from
plain values (`selectors.LIST_COLUMNS`) and placed by a Jinja2 partial
(`jinja2/appointments/desk_rows.html`), since a busy site's day is hundreds of rows. The rows
are one day's (the week shows a table per day), so they carry no day column."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from lotse.appointments.enums import ACTIVE_STATUSES, AppointmentKind, AppointmentStatus
from lotse.core import reference

_MARK = "987654321"


def _url_format(name: str, count: int) -> str:
    """The route's URL with `{}` for its integer arguments: reversed once, not per row."""
    url = reverse(name, args=[int(_MARK) + i for i in range(count)])
    for i in range(count):
        url = url.replace(str(int(_MARK) + i), f"{{{i}}}")
    return url


def _person(row: dict[str, Any], prefix: str) -> str:
    full = f"{row[prefix + '__first_name']} {row[prefix + '__last_name']}".strip()
    return full or row[prefix + "__username"] or ""


def interpreter_text(row: dict[str, Any], yes: str) -> str:
    if not (row["interpreter_id"] or row["interpreter_name"] or row["interpreter_language"]):
        return "–"
    language = (
        reference.language_name(row["interpreter_language"]) if row["interpreter_language"] else yes
    )
    who = _person(row, "interpreter") if row["interpreter_id"] else row["interpreter_name"]
    return f"{language} ({who})" if who else language


def desk_rows(
    rows: list[dict[str, Any]], *, now: datetime.datetime, yes: str
) -> list[dict[str, Any]]:
    """Each row: what the cells show, and whether the desk can record attended or not (an
    appointment that has begun and is still planned or confirmed)."""
    # Labels turned into text once, not once per row (a lazy translation costs a lookup).
    kinds = {value: str(label) for value, label in AppointmentKind.choices}
    statuses = {value: str(label) for value, label in AppointmentStatus.choices}
    zone = timezone.get_current_timezone()
    detail_url = _url_format("participants:detail", 1) + "#appointments"
    mark_url = _url_format("appointments:mark", 2)
    shown = []
    for row in rows:
        start = row["starts_at"].astimezone(zone)
        end = row["ends_at"].astimezone(zone)
        participant = row["participant_id"]
        shown.append(
            {
                # Hours and minutes as numbers: strftime per row is a third of the cost.
                "time": f"{start.hour:02d}:{start.minute:02d}–{end.hour:02d}:{end.minute:02d}",
                "iso": start.isoformat(),
                "url": detail_url.format(participant),
                "name": f"{row['participant__first_names']} {row['participant__last_name']}",
                "file_number": row["participant__file_number"],
                "kind": kinds.get(row["kind"], row["kind"]),
                "counsellor": _person(row, "counsellor") or "–",
                "interpreter": interpreter_text(row, yes),
                "needs_interpreter": bool(
                    row["interpreter_id"] or row["interpreter_name"] or row["interpreter_language"]
                ),
                "status": statuses.get(row["status"], row["status"]),
                "missed": row["status"] == AppointmentStatus.MISSED,
                "can_mark": row["status"] in ACTIVE_STATUSES and row["starts_at"] <= now,
                "mark_url": mark_url.format(participant, row["pk"]),
                "version": row["version"],
            }
        )
    return shown
