"""The events' part of the network's yearly figures (`lotse.core.figures`): people reached
by the events that met in the period, and multipliers trained. Counted groups have no
gender, so these figures carry a total only."""

import datetime

from lotse.core.figures import FigureScope, YearlyFigure
from lotse.events.enums import EventKind
from lotse.events.selectors import period_reach


def event_figures(
    start: datetime.date, end: datetime.date, scope: FigureScope
) -> list[YearlyFigure]:
    reach = period_reach(
        network_id=scope.network_id, start=start, end=end, organisation_id=scope.organisation_id
    )
    trained = period_reach(
        network_id=scope.network_id,
        start=start,
        end=end,
        organisation_id=scope.organisation_id,
        kinds=frozenset({EventKind.MULTIPLIER_TRAINING.value}),
    )
    return [
        YearlyFigure("E-EVENTS", "Veranstaltungen", "Events", reach.events),
        YearlyFigure(
            "E-REACHED",
            "Durch Veranstaltungen erreichte Personen",
            "People reached by events",
            reach.total,
        ),
        YearlyFigure(
            "E-MULTIPLIERS",
            "Geschulte Multiplikatorinnen und Multiplikatoren",
            "Multipliers trained",
            trained.total,
        ),
    ]
