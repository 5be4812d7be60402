"""The coordinator's next steps with employers, in the inbox.

Counsellors and team leads find their steps on "My tasks" (`employers.tasklist`); the
coordinator keeps employers too and records contacts, but has no task list, so without this the
step the form promises ("Empty: you yourself") would land nowhere the coordinator looks."""

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.employers.selectors import open_steps_count, open_steps_for
from lotse.inbox.registry import ROWS_PER_SOURCE, InboxRow, InboxSource
from lotse.network.rules import is_coordinator


def _rows(user: User) -> list[InboxRow]:
    steps = open_steps_for(user).select_related("contact")[:ROWS_PER_SOURCE]
    return [
        InboxRow(
            title=step.description,
            url=reverse("employers:detail", args=[step.employer_id]) + "#contacts",
            state=gettext("open"),
            detail=step.employer.name,
            due=step.due_on,
            since=step.contact.took_place_on if step.contact else None,
        )
        for step in steps
    ]


def _count(user: User) -> int:
    return open_steps_count(user)


def _shown(user: User) -> bool:
    return bool(is_coordinator(user))


SOURCE = InboxSource(
    key="employers.steps",
    heading=_("Next steps with employers"),
    rows=_rows,
    count=_count,
    order=45,
    shown=_shown,
)
