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


@dataclass(frozen=True)
class NavGroup:
    """Entries under one heading, opened on demand (a disclosure in the header)."""

    label: str | Promise
    items: list[NavItem]

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


# The daily case work stands in the bar; the rest is grouped once a role sees more entries
# than fit in one line (a team lead saw 17 on two lines).
DAILY, NETWORK, REPORTING, ADMINISTRATION = "", "network", "reporting", "administration"
GROUP_LABELS = {
    NETWORK: _("Network"),
    REPORTING: _("Reporting"),
    ADMINISTRATION: _("Administration"),
}
NAVIGATION = (
    (_("My participants"), "participants:caseload", "participants.list_participants", DAILY),
    (_("My tasks"), "tasks:mine", "participants.run_intake", DAILY),
    (_("My appointments"), "appointments:mine", "appointments.my_appointments", DAILY),
    (_("New intake"), "participants:intake_start", "participants.run_intake", DAILY),
    (_("Deadlines"), "workpermission:radar", "participants.run_intake", DAILY),
    (_("Offers"), "offers:catalogue", "offers.view_catalogue", NETWORK),
    (_("Employers"), "employers:list", "employers.view_employers", NETWORK),
    (_("Follow-up"), "placements:follow_up", "placement_records.view_follow_up", NETWORK),
    (_("Events"), "events:list", "events.view_events", NETWORK),
    (_("Responsibilities"), "responsibilities:map", "responsibilities.view_map", NETWORK),
    (_("Partners and sites"), "network:overview", "network.view_network", NETWORK),
    (_("Reports"), "reporting:reports", "reporting.view_reports", REPORTING),
    (_("Dashboard"), "reporting:dashboard", "reporting.view_dashboard", REPORTING),
    (_("Accounts"), "network:accounts", "network.manage_accounts", ADMINISTRATION),
    (
        _("Follow-up schedule"),
        "placements:settings",
        "placement_records.change_settings",
        ADMINISTRATION,
    ),
    (_("Audit log"), "audit:log", "audit.view_log", ADMINISTRATION),
)
# Up to this many entries stand in one line, ungrouped.
FLAT_UP_TO = 8


def grouped(items: list[tuple[NavItem, str]]) -> list[NavItem | NavGroup]:
    """The entries in the bar: ungrouped when few; else the daily ones, then one group per
    heading (a group of one entry stands as that entry)."""
    if len(items) <= FLAT_UP_TO:
        return [item for item, _group in items]
    entries: list[NavItem | NavGroup] = [item for item, group in items if group == DAILY]
    for key, label in GROUP_LABELS.items():
        members = [item for item, group in items if group == key]
        if len(members) == 1:
            entries.append(members[0])
        elif members:
            entries.append(NavGroup(label, members))
    return entries


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    shown = [
        (label, reverse(url_name), group)
        for label, url_name, permission, group in NAVIGATION
        if user.has_perm(permission)
    ]
    # One item is current: the longest that starts the path ("/network/accounts/" is
    # "Accounts", not also "Partners and sites").
    current = max(
        (url for _label, url, _group in shown if request.path.startswith(url)),
        key=len,
        default=None,
    )
    items = [(NavItem(label, url, url == current), group) for label, url, group in shown]
    return {"navigation": grouped(items), "membership": membership_of(user)}
