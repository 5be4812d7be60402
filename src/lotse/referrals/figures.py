"""The referrals' part of the network's yearly figures (`lotse.core.figures`): referrals sent
in the period, and those completed in it by outcome, each by gender."""

import datetime
from collections import defaultdict

from django.utils import translation

from lotse.core.figures import FigureScope, YearlyFigure
from lotse.referrals.enums import Outcome
from lotse.referrals.selectors import referral_figure_counts


def _both(text: object) -> tuple[str, str]:
    """A label in German and in English, whatever language the request speaks."""
    with translation.override("de"):
        german = str(text)
    with translation.override("en"):
        english = str(text)
    return german, english


def referral_figures(
    start: datetime.date, end: datetime.date, scope: FigureScope
) -> list[YearlyFigure]:
    sent, completed = referral_figure_counts(
        start=start, end=end, network_id=scope.network_id, organisation_id=scope.organisation_id
    )
    figures = [
        YearlyFigure(
            "R-SENT",
            "Weiterleitungen an Angebote und Partner",
            "Referrals to offers and partners",
            sum(sent.values()),
            sent,
        )
    ]
    by_outcome: dict[str, dict[str, int]] = defaultdict(dict)
    for (outcome, gender), n in completed.items():
        by_outcome[outcome][gender] = n
    for outcome in Outcome:
        counts = by_outcome.get(outcome.value, {})
        german, english = _both(outcome.label)
        figures.append(
            YearlyFigure(
                f"R-OUTCOME-{outcome.value}",
                f"Abgeschlossene Weiterleitungen: {german}",
                f"Completed referrals: {english}",
                sum(counts.values()),
                counts,
            )
        )
    return figures
