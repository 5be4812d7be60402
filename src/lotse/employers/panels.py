"""What other apps add to an employer's page: the registry of employer panels.

`employers` sits below `placements`, so the placements at an employer (which name
participants) cannot be read here. An app above registers an `EmployerPanel` in its
`AppConfig.ready`; `context(employer, user)` returns the panel's context, or None to leave the
panel out for this user. The panel decides itself which participants the user may see (through
the case kernel's access functions) and audits what it shows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from lotse.employers.models import Employer


@dataclass(frozen=True)
class EmployerPanel:
    key: str
    template: str
    context: Callable[["Employer", "User"], dict[str, Any] | None]
    order: int = 50


@dataclass(frozen=True)
class ShownPanel:
    key: str
    template: str
    context: dict[str, Any]


_panels: dict[str, EmployerPanel] = {}


def register_employer_panel(panel: EmployerPanel) -> None:
    if panel.key in _panels and _panels[panel.key] != panel:
        raise ValueError(f"An employer panel {panel.key!r} is registered already.")
    _panels[panel.key] = panel


def unregister_employer_panel(key: str) -> None:
    _panels.pop(key, None)


def employer_panels(employer: "Employer", user: "User") -> list[ShownPanel]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(employer, user)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context))
    return shown
