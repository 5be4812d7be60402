"""The events' dashboard panel (found by `reporting.dashboard.discover`): the events that met
in the period and the people they reached, by kind. Events are the network's structural work,
so a team lead's and a counsellor's dashboard count the events of their organisation."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.dashboard import Chart, DashboardPanel, Figure, PanelData, Period, Scope, Series
from lotse.events.enums import EventKind
from lotse.events.selectors import period_reach_by_kind


def events_panel(scope: Scope, period: Period) -> PanelData:
    by_kind = period_reach_by_kind(
        network_id=scope.network_id,
        start=period.start,
        end=period.end,
        organisation_id=scope.organisation_id,
    )
    kinds = [kind for kind in EventKind if kind.value in by_kind]
    trained = by_kind.get(EventKind.MULTIPLIER_TRAINING.value, (0, 0))[1]
    return PanelData(
        figures=(
            Figure(_("Events"), sum(events for events, _reached in by_kind.values())),
            Figure(_("People reached"), sum(reached for _events, reached in by_kind.values())),
            Figure(_("Multipliers trained"), trained),
        ),
        chart=Chart(
            kind="bar",
            labels=[str(kind.label) for kind in kinds],
            series=(
                Series(_("Events"), [by_kind[kind.value][0] for kind in kinds]),
                Series(_("People reached"), [by_kind[kind.value][1] for kind in kinds]),
            ),
            caption=_("Events and people reached by kind of event"),
            horizontal=True,
        )
        if kinds
        else None,
        note="" if kinds else _("No event met in this period."),
    )


DASHBOARD_PANELS = (
    DashboardPanel(
        key="events",
        title=gettext_lazy("Events and people reached"),
        compute=events_panel,
        order=50,
    ),
)
