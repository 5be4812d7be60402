"""The referrals' dashboard panel (found by `reporting.dashboard.discover`): the open
referrals of the scope's participants by status and age, and how many wait past their answer
date. Open is a state of today, so the panel does not depend on the period."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.dashboard import Chart, DashboardPanel, Figure, PanelData, Period, Scope, Series
from lotse.referrals.enums import OPEN, ReferralStatus
from lotse.referrals.selectors import AGE_BUCKET_DAYS, open_referral_ages


def _age_labels() -> list[str]:
    first, second, third = AGE_BUCKET_DAYS
    return [
        _("up to %(days)s days") % {"days": first},
        _("%(low)s to %(high)s days") % {"low": first + 1, "high": second},
        _("%(low)s to %(high)s days") % {"low": second + 1, "high": third},
        _("more than %(days)s days") % {"days": third},
    ]


def referrals_panel(scope: Scope, _period: Period) -> PanelData:
    ages, overdue = open_referral_ages(
        scope=scope.participants("participant__"), today=timezone.localdate()
    )
    total = sum(sum(counts) for counts in ages.values())
    labels = dict(ReferralStatus.choices)
    return PanelData(
        figures=(
            Figure(_("Open referrals"), total),
            Figure(_("Past the answer date"), overdue),
        ),
        chart=Chart(
            kind="bar",
            labels=_age_labels(),
            series=tuple(Series(str(labels[status]), ages[str(status)]) for status in OPEN),
            caption=_("Open referrals by age since they were sent"),
            stacked=True,
        )
        if total
        else None,
        note="" if total else _("No referral is open."),
    )


DASHBOARD_PANELS = (
    DashboardPanel(
        key="referrals", title=gettext_lazy("Open referrals"), compute=referrals_panel, order=40
    ),
)
