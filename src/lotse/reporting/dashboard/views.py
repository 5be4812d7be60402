"""The dashboard page: the reader's scope from the role, a period, the registered panels."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core.dashboard import Chart, Period
from lotse.core.http import AuthenticatedHttpRequest
from lotse.network.access import membership_of
from lotse.network.models import Membership
from lotse.reporting.dashboard import (
    dashboard_of,
    rules,  # noqa: F401 (the dashboard's predicates)
    scope_of,
)
from lotse.reporting.dashboard.forms import PeriodForm, year_period


def chart_json(chart: Chart) -> dict[str, Any]:
    """What the chart script draws; the page shows the same numbers as a table."""
    return {
        "type": chart.kind,
        "stacked": chart.stacked,
        "horizontal": chart.horizontal,
        "labels": [str(label) for label in chart.labels],
        "datasets": [
            {"label": str(series.label), "data": list(series.values)} for series in chart.series
        ],
    }


def chosen_period(form: PeriodForm, today: datetime.date) -> Period:
    """The days chosen; a missing end (or start) completes the calendar year of the other."""
    if not (form.is_bound and form.is_valid()):
        return Period(*year_period(today.year))
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if start is None and end is None:
        return Period(*year_period(today.year))
    if start is None:
        start = year_period(end.year)[0]
    if end is None:
        end = year_period(start.year)[1]
    return Period(start, end)


def scope_text(kind: str, membership: Membership | None) -> str:
    """Whose figures these are, as one sentence; an organisation's name may end with a full
    stop itself ("Caritas e.V."), which the sentence does not double."""
    if kind == "network":
        return _("Figures of the whole network.")
    if kind == "caseload" or membership is None:
        return _("Figures of your caseload.")
    sentence = _("Figures of %(name)s") % {"name": membership.organisation.name}
    return sentence if sentence.endswith(".") else f"{sentence}."


@login_required
@require_GET
@permission_required("reporting.view_dashboard", raise_exception=True)
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    choice = scope_of(request.user)
    assert choice is not None  # the permission asks the same roles
    today = timezone.localdate()
    period = chosen_period(PeriodForm(request.GET or None), today)
    # The fields show the period counted (the current year unless another was chosen).
    form = PeriodForm(request.GET or None, initial={"start": period.start, "end": period.end})
    panels = [
        {
            "panel": shown.panel,
            "data": shown.data,
            "chart": chart_json(shown.data.chart) if shown.data.chart else None,
            "chart_id": f"chart-{shown.panel.key}",
        }
        for shown in dashboard_of(choice.scope, period)
    ]
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "period": period,
            "scope_kind": choice.kind,
            "scope_text": scope_text(choice.kind, membership_of(request.user)),
            "panels": panels,
            "years": [today.year, today.year - 1, today.year - 2],
        },
    )
