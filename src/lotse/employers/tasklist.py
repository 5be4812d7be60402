"""The employers' next steps on "My tasks" (`participants.tasklists`)."""

import datetime
from typing import Any

from django.contrib.auth.models import User

from lotse.employers.selectors import open_steps_for
from lotse.participants.tasklists import TaskListPart

# A list, not a page: steps with employers are few per person.
ROWS = 100


def _rows(user: User, today: datetime.date) -> dict[str, Any] | None:
    steps = list(open_steps_for(user)[:ROWS])
    if not steps:
        return None
    return {"steps": steps, "today": today}


PART = TaskListPart(
    key="employers.steps", template="employers/tasks_part.html", rows=_rows, order=20
)
