"""The network's yearly figures that other apps contribute (issue 16 §2): placements still
stable after six months, referrals by outcome, people reached by events, multipliers trained.

On the ground floor for the same reason as `core.dashboard`: `reporting` draws the yearly
report, but the apps that know these numbers (referrals, events, placements) sit below it and
cannot import it. An app registers a source in its `AppConfig.ready` with
`register_figures(key, fn)`; `fn(period_start, period_end, scope)` counts in the database and
returns plain `YearlyFigure`s, never a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FigureScope:
    """The report's scope: the network, or one organisation's cases (`organisation_id`)."""

    network_id: int
    organisation_id: int | None = None


@dataclass(frozen=True, slots=True)
class YearlyFigure:
    code: str  # stable, for files and the API; never shown as a label
    label_de: str
    label_en: str
    total: int
    # "female", "male", "diverse" → count, where the figure counts participants; None for
    # figures of counted groups (events count people by organisation, not by gender).
    by_gender: Mapping[str, int] | None = None


FigureSource = Callable[[datetime.date, datetime.date, FigureScope], Sequence[YearlyFigure]]

_sources: dict[str, FigureSource] = {}


def register_figures(key: str, fn: FigureSource) -> None:
    _sources[key] = fn


def unregister_figures(key: str) -> None:
    _sources.pop(key, None)


def figure_sources() -> list[tuple[str, FigureSource]]:
    return sorted(_sources.items())
