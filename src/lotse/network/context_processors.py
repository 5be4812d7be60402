from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.network.access import membership_of


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


NAVIGATION = (
    (_("My participants"), "participants:caseload", "participants.list_participants"),
    (_("My tasks"), "tasks:mine", "participants.run_intake"),
    (_("My appointments"), "appointments:mine", "appointments.my_appointments"),
    (_("New intake"), "participants:intake_start", "participants.run_intake"),
    (_("Deadlines"), "workpermission:radar", "participants.run_intake"),
    (_("Offers"), "offers:catalogue", "offers.view_catalogue"),
    (_("Employers"), "employers:list", "employers.view_employers"),
    (_("Follow-up"), "placements:follow_up", "placement_records.view_follow_up"),
    (_("Follow-up schedule"), "placements:settings", "placement_records.change_settings"),
    (_("Events"), "events:list", "events.view_events"),
    (_("Reports"), "reporting:reports", "reporting.view_reports"),
    (_("Dashboard"), "reporting:dashboard", "reporting.view_dashboard"),
    (_("Responsibilities"), "responsibilities:map", "responsibilities.view_map"),
    (_("Network"), "network:overview", "network.view_network"),
    (_("Accounts"), "network:accounts", "network.manage_accounts"),
    (_("Audit log"), "audit:log", "audit.view_log"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    shown = [
        (label, reverse(url_name))
        for label, url_name, permission in NAVIGATION
        if user.has_perm(permission)
    ]
    # One item is current: the longest that starts the path ("/network/accounts/" is
    # "Accounts", not also "Network").
    current = max(
        (url for _label, url in shown if request.path.startswith(url)), key=len, default=None
    )
    items = [NavItem(label, url, url == current) for label, url in shown]
    return {"navigation": items, "membership": membership_of(user)}
