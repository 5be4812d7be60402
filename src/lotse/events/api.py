"""`GET /api/v1/events?year=` and `GET /api/v1/events/{id}`: the network's events with their
attendance as counts. Counts reveal no one, so every member of the network may read them (like
the events list); names are never part of the API."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from lotse.api.auth import api_auth
from lotse.events import selectors

router = Router(tags=["events"], auth=api_auth)


class Message(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: str
    errors: dict[str, list[str]]


class SessionOut(Schema):
    id: int
    date: datetime.date
    starts_at: str
    ends_at: str
    present: int  # participants of the case database recorded as present
    absent: int


class EventOut(Schema):
    id: int
    kind: str
    title: str
    year: int
    organisers: list[str]
    place: str
    target_group: str
    topics: str
    capacity: int | None
    waiting_list: bool
    registered: int
    waiting: int
    counted_persons: int
    sessions: list[SessionOut]
    evaluation_answers: int
    evaluation_average: float | None


def _rows(request: HttpRequest, events: Any) -> list[dict[str, Any]]:
    events = selectors.with_counts(
        events.select_related("evaluation").prefetch_related("organisers", "sessions")
    )
    marks = selectors.session_counts([e.pk for e in events])
    rows = []
    for event in events:
        evaluation = getattr(event, "evaluation", None)
        rows.append(
            {
                "id": event.pk,
                "kind": event.kind,
                "title": event.title,
                "year": event.year,
                "organisers": [o.name for o in event.organisers.all()],
                "place": event.place,
                "target_group": event.target_group,
                "topics": event.topics,
                "capacity": event.capacity,
                "waiting_list": event.waiting_list,
                "registered": event.registered_count,
                "waiting": event.waiting_count,
                "counted_persons": event.counted_persons,
                "sessions": [
                    {
                        "id": s.pk,
                        "date": s.date,
                        "starts_at": f"{s.starts_at:%H:%M}",
                        "ends_at": f"{s.ends_at:%H:%M}",
                        "present": marks.get(s.pk, (0, 0))[0],
                        "absent": marks.get(s.pk, (0, 0))[1],
                    }
                    for s in event.sessions.all()
                ],
                "evaluation_answers": evaluation.answered if evaluation else 0,
                "evaluation_average": evaluation.average if evaluation else None,
            }
        )
    return rows


@router.get(
    "/events",
    response={200: list[EventOut], 401: Message, 422: ValidationErrors},
    summary="The network's events of a year, with attendance counts",
    url_name="event_list",
)
def event_list(request: HttpRequest, year: int = Query(..., ge=1900, le=2200)) -> Any:
    return _rows(request, selectors.network_events(request.user, year))


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 401: Message, 404: Message},
    summary="One event of the network, with attendance counts",
    url_name="event_detail",
)
def event_detail(request: HttpRequest, event_id: int) -> Any:
    if not 0 < event_id < 2**31:
        raise Http404
    rows = _rows(request, selectors.network_events(request.user).filter(pk=event_id))
    if not rows:
        raise Http404
    return rows[0]
