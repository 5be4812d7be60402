"""`GET /api/v1/reports/{indicator_set}?from=…&to=…&organisation=…`: a report's numbers.

The same computation as the report pages (`selectors.compute_report`), asked of the scope the
caller may report on: an organisation, or without `organisation` the whole network (the
coordinator and the funder). Numbers only, never who is behind them.
"""

import datetime
from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params.functions import Query

from lotse.api import schemas
from lotse.api.auth import api_auth
from lotse.api.errors import InvalidDataError
from lotse.network.access import membership_of
from lotse.network.models import Network, Organisation
from lotse.reporting import figures, selectors, services
from lotse.reporting import indicators as ind

router = Router(tags=["reports"], auth=api_auth)


class GenderValues(Schema):
    female: int
    male: int
    diverse: int


class IndicatorOut(Schema):
    code: str
    label: str
    by_gender: GenderValues
    total: int


class FigureOut(Schema):
    """A figure another app contributes to the network's yearly figures (referrals, events,
    placements); counted groups have no gender, so `by_gender` may be null."""

    code: str
    label: str
    by_gender: GenderValues | None
    total: int


class ReportOut(Schema):
    indicator_set: str
    title: str
    definitions_version: str
    period_from: datetime.date
    period_to: datetime.date
    organisation: int | None
    indicators: list[IndicatorOut]
    not_reportable: int
    incomplete_exits: int
    figures: list[FigureOut]


@router.get(
    "/reports/{indicator_set}",
    response={
        200: ReportOut,
        403: schemas.Message,
        404: schemas.Message,
        422: schemas.ValidationErrors,
    },
    summary="The numbers of an indicator set (`esf`: the ESF Plus common indicators) for a "
    "period, by gender and in total",
)
def report(
    request: HttpRequest,
    indicator_set: str,
    period_from: Annotated[datetime.date, Query(alias="from")],
    period_to: Annotated[datetime.date, Query(alias="to")],
    organisation: int | None = Query(None, ge=1, le=2**31 - 1),
) -> ReportOut:
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("reporting.view_reports"):
        raise HttpError(403, _("Your role has no access to reports."))
    try:
        chosen = ind.indicator_set(indicator_set)
    except ValueError:
        raise Http404 from None
    try:
        period = ind.Period(period_from, period_to)
    except ValueError:
        raise InvalidDataError({"to": [_("The period ends before it starts.")]}) from None
    network_id = membership.organisation.network_id
    scope: Network | Organisation
    if organisation is None:
        scope = membership.organisation.network
    else:
        found = Organisation.objects.filter(network_id=network_id, pk=organisation).first()
        if found is None:
            raise Http404
        scope = found
    if not request.user.has_perm("reporting.report_on", scope):
        raise HttpError(403, _("You may not report on this organisation or network."))
    services.esf_facts_flush()
    computed = selectors.compute_report(
        network_id=network_id,
        organisation_id=organisation,
        indicator_set=chosen,
        period=period,
    )
    german = (get_language() or "de").startswith("de")
    contributed = (
        figures.compute_figures(
            period.start, period.end, figures.FigureScope(network_id, organisation)
        )
        if chosen.key in figures.FIGURE_SETS
        else []
    )
    return ReportOut(
        indicator_set=chosen.key,
        title=chosen.title_de if german else chosen.title_en,
        definitions_version=chosen.version,
        period_from=period.start,
        period_to=period.end,
        organisation=organisation,
        indicators=[
            IndicatorOut(
                code=value.indicator.code,
                label=value.indicator.label_de if german else value.indicator.label_en,
                by_gender=GenderValues(
                    female=value.by_gender[ind.Gender.FEMALE],
                    male=value.by_gender[ind.Gender.MALE],
                    diverse=value.by_gender[ind.Gender.DIVERSE],
                ),
                total=value.total,
            )
            for value in computed.values
        ],
        not_reportable=computed.not_reportable_total or 0,
        incomplete_exits=computed.incomplete_total or 0,
        figures=[
            FigureOut(
                code=figure["code"],
                label=figure["label_de"] if german else figure["label_en"],
                by_gender=(
                    GenderValues(**figure["by_gender"]) if figure["by_gender"] is not None else None
                ),
                total=figure["total"],
            )
            for figure in contributed
        ],
    )
