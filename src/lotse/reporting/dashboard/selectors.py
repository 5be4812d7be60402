"""The case kernel's dashboard panels: the headline, entries, exits and active cases per month,
outcomes at exit, and the residence documents of the caseload: two grouped queries, one over
the status changes and one over the participants, each shared by two panels.

Placed "in training or work" is the outcome recorded at exit (employment or vocational
training) until placements record it themselves.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from lotse.core.dashboard import Chart, DashboardPanel, Figure, PanelData, Period, Scope, Series
from lotse.participants.enums import DocumentType, ExitOutcome, ParticipantStatus
from lotse.participants.models import Participant, StatusChange

Row = dict[str, Any]
# As long as the panels' numbers (`reporting.dashboard.CACHE_SECONDS`).
CACHE_SECONDS = 120
PLACED = (ExitOutcome.EMPLOYMENT, ExitOutcome.VOCATIONAL_TRAINING)
EXPIRY_DAYS = 90


def _month_label(month: datetime.date) -> str:
    return date_format(month, "M Y")


def _changes_of(scope: Scope) -> Q:
    """Status changes carry their network: the network's dashboard needs no join, and the
    narrower scopes read the network's rows by its index before joining their participants
    (without it PostgreSQL scanned every network's status changes)."""
    network = Q(network_id=scope.network_id)
    if scope.organisation_id is None and scope.counsellor_id is None:
        return network
    return network & scope.participants("participant__")


def _shared(kind: str, scope: Scope, period: Period, read: Callable[[], list[Row]]) -> list[Row]:
    """Two panels read the same grouped rows (one scan of a table instead of two): the rows
    are kept as long as the panels' numbers."""
    key = f"reporting.dashboard.rows:{kind}:{scope.key}:{period.key}:{timezone.localdate()}"
    rows: list[Row] | None = cache.get(key)
    if rows is None:
        rows = read()
        cache.set(key, rows, CACHE_SECONDS)
    return rows


def status_rows(scope: Scope, period: Period) -> list[Row]:
    """Entries and exits (with the outcome) up to the period's end, by day. Grouped by day,
    not by month: truncating every row's date cost five times the query on SQLite, folding a
    few thousand days into months here costs nothing."""

    def read() -> list[Row]:
        return [
            dict(row)
            for row in StatusChange.objects.filter(
                _changes_of(scope),
                status__in=(ParticipantStatus.ENROLLED, ParticipantStatus.EXITED),
                effective_on__lte=period.end,
            )
            .values("effective_on", "status", "exit_outcome")
            .annotate(n=Count("pk"))
            .order_by()
        ]

    return _shared("status", scope, period, read)


def participant_rows(scope: Scope, period: Period) -> list[Row]:
    """The scope's participants by current residence document: the open ones, their expiring
    and expired documents, the participants of the period and those placed in it."""
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=EXPIRY_DAYS)

    def read() -> list[Row]:
        open_case = ~Q(status=ParticipantStatus.EXITED)
        return [
            dict(row)
            for row in Participant.objects.filter(scope.participants())
            .values("document_type")
            .annotate(
                open=Count("pk", filter=open_case),
                expiring=Count(
                    "pk", filter=open_case & Q(document_valid_until__range=(today, soon))
                ),
                expired=Count("pk", filter=open_case & Q(document_valid_until__lt=today)),
                participants=Count(
                    "pk",
                    filter=Q(entry_date__lte=period.end)
                    & (Q(exit_date__isnull=True) | Q(exit_date__gte=period.start)),
                ),
                placed=Count(
                    "pk",
                    filter=Q(
                        entry_date__lte=period.end,
                        exit_date__range=(period.start, period.end),
                        exit_outcome__in=PLACED,
                    ),
                ),
            )
            .order_by()
        ]

    return _shared("participants", scope, period, read)


def headline(scope: Scope, period: Period) -> PanelData:
    """Participants in the period (enrolled on any of its days) and of them those who left it
    for training or work."""
    rows = participant_rows(scope, period)
    participants = sum(row["participants"] for row in rows)
    placed = sum(row["placed"] for row in rows)
    return PanelData(
        figures=(
            Figure(_("Participants"), participants),
            Figure(_("Placed into vocational training or work"), placed),
        ),
        extra={"participants": participants, "placed": placed},
    )


def movement(scope: Scope, period: Period) -> PanelData:
    """Entries and exits per month, and the cases active at each month's end: active are the
    entries so far minus the exits so far, so all history up to the period's end is counted
    (a re-entry is an entry again)."""
    entries: Counter[datetime.date] = Counter()
    exits: Counter[datetime.date] = Counter()
    for row in status_rows(scope, period):
        month = row["effective_on"].replace(day=1)
        (entries if row["status"] == ParticipantStatus.ENROLLED else exits)[month] += row["n"]
    months = period.months()
    first = months[0]
    active = sum(entries[m] for m in entries if m < first) - sum(
        exits[m] for m in exits if m < first
    )
    at_end = []
    for month in months:
        active += entries[month] - exits[month]
        at_end.append(active)
    entered = pgettext("dashboard", "Entries")
    return PanelData(
        figures=(
            Figure(entered, sum(entries[m] for m in months)),
            Figure(_("Exits"), sum(exits[m] for m in months)),
            Figure(_("Active at the end of the period"), at_end[-1] if at_end else 0),
        ),
        chart=Chart(
            kind="bar",
            labels=[_month_label(m) for m in months],
            series=(
                Series(entered, [entries[m] for m in months]),
                Series(_("Exits"), [exits[m] for m in months]),
                Series(_("Active at the month's end"), at_end),
            ),
            caption=_("Entries, exits and active cases per month"),
        ),
    )


def outcomes(scope: Scope, period: Period) -> PanelData:
    counts: Counter[str] = Counter()
    for row in status_rows(scope, period):
        if row["status"] == ParticipantStatus.EXITED and row["effective_on"] >= period.start:
            counts[row["exit_outcome"] or ExitOutcome.UNKNOWN] += row["n"]
    shown = [outcome for outcome in ExitOutcome if counts.get(outcome)]
    return PanelData(
        figures=(Figure(_("Exits in the period"), sum(counts.values())),),
        chart=Chart(
            kind="bar",
            labels=[str(outcome.label) for outcome in shown],
            series=(Series(_("Exits"), [counts[outcome] for outcome in shown]),),
            caption=_("Exits by outcome"),
            horizontal=True,
        )
        if shown
        else None,
        note="" if shown else _("No exits in this period."),
    )


def residence(scope: Scope, period: Period) -> PanelData:
    """The current residence documents of the cases not exited, with the ones that expire
    within 90 days or have expired."""
    by_type = {row["document_type"]: row for row in participant_rows(scope, period) if row["open"]}
    labels = dict(DocumentType.choices)
    kinds = [kind for kind in DocumentType.values if kind in by_type]
    none = by_type[""]["open"] if "" in by_type else 0
    series_labels = [str(labels[kind]) for kind in kinds]
    if none:
        series_labels.append(pgettext("residence document", "none recorded"))
    expiring = _("Expire within %(days)s days") % {"days": EXPIRY_DAYS}
    return PanelData(
        figures=(
            Figure(expiring, sum(row["expiring"] for row in by_type.values())),
            Figure(_("Expired"), sum(row["expired"] for row in by_type.values())),
        ),
        chart=Chart(
            kind="bar",
            labels=series_labels,
            series=(
                Series(
                    _("Cases"), [*(by_type[k]["open"] for k in kinds), *([none] if none else [])]
                ),
                Series(
                    expiring, [*(by_type[k]["expiring"] for k in kinds), *([0] if none else [])]
                ),
            ),
            caption=_("Current residence documents of the open cases"),
            horizontal=True,
        )
        if series_labels
        else None,
    )


DASHBOARD_PANELS = (
    DashboardPanel(
        key="headline",
        title=gettext_lazy("In the period"),
        compute=headline,
        order=0,
        template="reporting/dashboard_headline.html",
    ),
    DashboardPanel(
        key="movement", title=gettext_lazy("Entries and exits"), compute=movement, order=10
    ),
    DashboardPanel(key="outcomes", title=gettext_lazy("Outcomes"), compute=outcomes, order=20),
    DashboardPanel(
        key="residence", title=gettext_lazy("Residence documents"), compute=residence, order=30
    ),
)
