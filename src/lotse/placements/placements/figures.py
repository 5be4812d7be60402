"""The placements' part of the network's yearly figures (`lotse.core.figures`): people placed
into work or training in the period, and placements still running six months after their start."""

import datetime

from lotse.core.figures import FigureScope, YearlyFigure
from lotse.placements.placements.selectors import placement_figures_in_scope


def yearly_placement_figures(
    start: datetime.date, end: datetime.date, figure_scope: FigureScope
) -> list[YearlyFigure]:
    counts = placement_figures_in_scope(
        start, end, figure_scope.network_id, figure_scope.organisation_id
    )
    return [
        YearlyFigure(
            "P-PLACED",
            "Personen mit einer Arbeits- oder Ausbildungsstelle, die im Zeitraum begann",
            "People whose job or training place began in the period",
            counts["placed"],
        ),
        YearlyFigure(
            "P-SIX-MONTHS-OLD",
            "Vermittlungen mit Beginn im Zeitraum, seit sechs Monaten begonnen",
            "Placements starting in the period, begun six months ago",
            counts["placements_six_months_old"],
        ),
        YearlyFigure(
            "P-STABLE",
            "Davon nach sechs Monaten noch bestehend",
            "Of these, still running after six months",
            counts["stable_after_six_months"],
        ),
    ]
