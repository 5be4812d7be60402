"""The placements' dashboard panel (found by `reporting.dashboard.discover`): placements started
in the period by kind, those running today and at risk, and how many of the period's placements
still ran six months after their start (issue 16 §3, "placements and their stability")."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.dashboard import Chart, DashboardPanel, Figure, PanelData, Period, Scope, Series
from lotse.placements.placements.enums import PlacementKind
from lotse.placements.placements.selectors import dashboard_counts


def placements_panel(scope: Scope, period: Period) -> PanelData:
    counts = dashboard_counts(
        scope.participants("participant__"), period.start, period.end, timezone.localdate()
    )
    started = counts["started"]
    total = sum(started.values())
    return PanelData(
        figures=(
            Figure(_("Placements started in the period"), total),
            Figure(_("Placements running today"), counts["running"]),
            Figure(_("Of these at risk at the last follow-up"), counts["at_risk"]),
            Figure(
                _("Still running six months after the start (of %(count)s)")
                % {"count": counts["six_months_old"]},
                counts["stable"],
            ),
        ),
        chart=Chart(
            kind="bar",
            labels=[str(label) for _value, label in PlacementKind.choices],
            series=(
                Series(
                    _("Placements started"),
                    [started.get(value, 0) for value, _label in PlacementKind.choices],
                ),
            ),
            caption=_("Placements started in the period by kind"),
            horizontal=True,
        )
        if total
        else None,
        note="" if total else _("No placement started in the period."),
    )


DASHBOARD_PANELS = (
    DashboardPanel(
        key="placements", title=gettext_lazy("Placements"), compute=placements_panel, order=45
    ),
)
