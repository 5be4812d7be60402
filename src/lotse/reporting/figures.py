"""The second table of the network's yearly figures: what other apps count for the period
(`lotse.core.figures`; the apps below `reporting` register there, since they cannot import
this module). Stored with the report as plain numbers and both labels, so the screen, the
files and the API read the same figures in either language."""

import datetime
from typing import Any

from lotse.core.figures import (
    FigureScope,
    YearlyFigure,
    figure_sources,
    register_figures,
    unregister_figures,
)

__all__ = [
    "FIGURE_SETS",
    "FigureScope",
    "YearlyFigure",
    "compute_figures",
    "register_figures",
    "unregister_figures",
]

# The indicator sets whose report carries the contributed figures.
FIGURE_SETS = frozenset({"network"})
GENDER_KEYS = ("female", "male", "diverse")


def compute_figures(
    start: datetime.date, end: datetime.date, scope: FigureScope
) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    for _key, source in figure_sources():
        for figure in source(start, end, scope):
            figures.append(
                {
                    "code": figure.code,
                    "label_de": figure.label_de,
                    "label_en": figure.label_en,
                    "total": figure.total,
                    "by_gender": (
                        None
                        if figure.by_gender is None
                        else {key: int(figure.by_gender.get(key, 0)) for key in GENDER_KEYS}
                    ),
                }
            )
    return figures
