"""One timeline of a case, newest first: contacts, status changes, documents, consents."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from lotse.participants.models import Participant, ResidenceDocument


@dataclass(frozen=True)
class TimelineEntry:
    on: datetime.date
    kind: str
    obj: Any
    sort_key: tuple[Any, ...] = field(default=())


def participant_timeline(
    participant: Participant, documents: list[ResidenceDocument]
) -> list[TimelineEntry]:
    """`documents`: the participant's residence documents, which the page has already read."""
    entries = [
        TimelineEntry(c.took_place_on, "contact", c, (c.took_place_on, c.created_at))
        for c in participant.contacts.select_related("counsellor", "organisation").prefetch_related(
            "next_steps"
        )
    ]
    entries += [
        TimelineEntry(s.effective_on, "status", s, (s.effective_on, s.recorded_at))
        for s in participant.status_changes.all()
    ]
    entries += [
        TimelineEntry(d.effective_on, "document", d, (d.effective_on, d.recorded_at))
        for d in documents
    ]
    entries.sort(key=lambda e: e.sort_key, reverse=True)
    return entries
