"""Dashboards: which panels exist, whose cases a reader's dashboard counts, and the panels'
numbers, cached per scope, period and language.

A panel is a `lotse.core.dashboard.DashboardPanel`. The kernel's panels are in
`reporting/dashboard/selectors.py`; any app adds its own with a module `lotse.<app>.dashboard`
holding `DASHBOARD_PANELS` (the apps below `reporting` cannot import it), found by
`discover()` when the app registry is ready. An app whose models are not there yet simply has
no such module, so its panel is not shown.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.utils import translation

from lotse.core.dashboard import DashboardPanel, PanelData, Period, Scope
from lotse.network.access import membership_of
from lotse.network.enums import Role

# Long enough that a dashboard opened again (or by a colleague) is read from the cache, short
# enough that a new entry shows within minutes; the page says how old its numbers are.
CACHE_SECONDS = 120

_panels: dict[str, DashboardPanel] = {}


def register(panel: DashboardPanel) -> None:
    _panels[panel.key] = panel


def unregister(key: str) -> None:
    _panels.pop(key, None)


def registered() -> list[DashboardPanel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


def discover() -> None:
    """Register the panels of every app that has a `dashboard` module."""
    for config in apps.get_app_configs():
        name = f"{config.name}.dashboard"
        if not config.name.startswith("lotse.") or config.name == "lotse.core":
            continue
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        for panel in getattr(module, "DASHBOARD_PANELS", ()):
            register(panel)


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    scope: Scope
    kind: str  # "network", "organisation" or "caseload"


def scope_of(user: User | AnonymousUser) -> ScopeChoice | None:
    """Whose cases the user's dashboard counts, from the role: the coordinator and the funder
    the network's, a team lead the organisation's, a counsellor the own caseload. Other roles
    have no dashboard."""
    membership = membership_of(user)
    if membership is None:
        return None
    network_id = membership.organisation.network_id
    if membership.role in (Role.COORDINATOR, Role.FUNDER):
        return ScopeChoice(Scope(network_id), "network")
    if membership.role == Role.TEAM_LEAD:
        return ScopeChoice(Scope(network_id, membership.organisation_id), "organisation")
    if membership.role == Role.COUNSELLOR:
        return ScopeChoice(
            Scope(network_id, membership.organisation_id, membership.user_id), "caseload"
        )
    return None


@dataclass(frozen=True, slots=True)
class ShownPanel:
    panel: DashboardPanel
    data: PanelData


def panel_data(panel: DashboardPanel, scope: Scope, period: Period) -> PanelData | None:
    key = f"reporting.dashboard:{panel.key}:{scope.key}:{period.key}:{translation.get_language()}"
    cached = cache.get(key)
    if cached is not None:
        return cached.data if isinstance(cached, _Cached) else None
    data = panel.compute(scope, period)
    cache.set(key, _Cached(data), CACHE_SECONDS)
    return data


@dataclass(frozen=True, slots=True)
class _Cached:
    # A panel with nothing to say (None) is cached too.
    data: PanelData | None


def dashboard_of(
    scope: Scope, period: Period, panels: Iterable[DashboardPanel] | None = None
) -> list[ShownPanel]:
    shown = []
    for panel in registered() if panels is None else panels:
        data = panel_data(panel, scope, period)
        if data is not None:
            shown.append(ShownPanel(panel, data))
    return shown
