"""What else belongs on "My tasks": the registry of task-list parts.

A participant's tasks are the kernel's own; apps above it keep tasks that belong to no case
(an employer's next steps). Such an app registers a `TaskListPart` in its `AppConfig.ready`:
`rows(user, today)` returns the context its template needs, or None when the user has nothing
of it (the part is left out). "My tasks" shows the parts below the case tasks, in `order`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class TaskListPart:
    key: str
    template: str
    rows: Callable[["User", datetime.date], dict[str, Any] | None]
    order: int = 50


@dataclass(frozen=True)
class ShownPart:
    template: str
    context: dict[str, Any]


_parts: dict[str, TaskListPart] = {}


def register_task_list_part(part: TaskListPart) -> None:
    if part.key in _parts and _parts[part.key] != part:
        raise ValueError(f"A task-list part {part.key!r} is registered already.")
    _parts[part.key] = part


def task_list_parts(user: "User", today: datetime.date) -> list[ShownPart]:
    shown = []
    for part in sorted(_parts.values(), key=lambda p: (p.order, p.key)):
        context = part.rows(user, today)
        if context is not None:
            shown.append(ShownPart(part.template, context))
    return shown
