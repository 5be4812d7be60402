"""What a dashboard panel is, on the ground floor so that every app can contribute one.

`reporting` draws the dashboards, but it sits at the top of the layers: the apps below it
(referrals, placements, events, …) cannot import it. An app adds a panel by a module
`lotse.<app>.dashboard` with a `DASHBOARD_PANELS` sequence of `DashboardPanel`s; `reporting`
finds these modules when it starts. A panel's `compute` gets the reader's `Scope` and the
chosen `Period` and returns plain numbers (`PanelData`): figures, a chart's labels and series.
It returns None when it has nothing to say for this scope. Panels never build HTML: one
template draws every panel, its chart and the table behind the chart.

Aggregates only: a panel counts in the database (`values()` / `annotate()`, one grouped query
where it can) and never returns a person's data.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose cases a dashboard counts: the network's, one organisation's, or one counsellor's
    caseload (the counsellor within their organisation)."""

    network_id: int
    organisation_id: int | None = None
    counsellor_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.network_id}.{self.organisation_id or '-'}.{self.counsellor_id or '-'}"

    def participants(self, prefix: str = "") -> Q:
        """The condition on participants (`prefix` leads to them, e.g. "participant__")."""
        condition = Q(**{f"{prefix}network_id": self.network_id})
        if self.organisation_id is not None:
            condition &= Q(**{f"{prefix}organisation_id": self.organisation_id})
        if self.counsellor_id is not None:
            condition &= Q(**{f"{prefix}counsellor_id": self.counsellor_id})
        return condition


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}.{self.end.isoformat()}"

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches."""
        months = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


@dataclass(frozen=True, slots=True)
class Series:
    label: str | Promise
    values: Sequence[int]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart and the table behind it: a column per label, a row per series."""

    kind: str  # "bar", "line" or "doughnut"
    labels: Sequence[str]
    series: Sequence[Series]
    caption: str | Promise = ""
    stacked: bool = False
    # Bars along the y axis: for categories with long names (outcomes, document types), which
    # would be cut off or turned unreadable under a horizontal axis.
    horizontal: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    label: str | Promise
    value: int | str


@dataclass(frozen=True, slots=True)
class PanelData:
    figures: Sequence[Figure] = ()
    chart: Chart | None = None
    note: str | Promise = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class DashboardPanel:
    key: str
    title: str | Promise
    compute: Callable[[Scope, Period], PanelData | None]
    order: int = 100
    # The panel's own template (else the common one), for a panel that needs more than
    # figures and a chart; it gets `panel` and `data`.
    template: str = ""
