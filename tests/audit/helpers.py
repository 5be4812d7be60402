"""Shared set-up for the audit tests: events at chosen times, and reading the log page."""

import datetime
from typing import Any

from django.test import Client
from django.urls import reverse

from lotse.audit.models import AuditEvent, ListedParticipant
from lotse.network.models import Organisation
from lotse.participants.models import Participant

VIEWED = "participants.participant.viewed"


def event_at(when: datetime.datetime, **fields: Any) -> AuditEvent:
    """An event with a chosen time. `occurred_at` is set on insert, so this inserts the way
    fixtures are loaded (raw), which keeps the given time; it never updates a row. Its network
    is the organisation's or the participant's, as `audit_record` would have written it."""
    if "network_id" not in fields:
        if fields.get("organisation_id"):
            fields["network_id"] = Organisation.objects.get(pk=fields["organisation_id"]).network_id
        elif fields.get("participant_id"):
            fields["network_id"] = Participant.objects.get(pk=fields["participant_id"]).network_id
    event = AuditEvent(occurred_at=when, **fields)
    event.save_base(raw=True)
    return event


def log_page(client: Client, **params: Any) -> Any:
    return client.get(reverse("audit:log"), params, headers={"accept-language": "en"})


def result_count(response: Any) -> int:
    assert response.status_code == 200
    page = response.context["page"]
    assert page is not None, response.context["form"].errors
    return int(page.paginator.count)


def listed(action: str, **event: Any) -> list[int]:
    """The participants that the lists of this action showed (`audit_record_many`), list by
    list; `event` narrows the events (`actor=…`, `pk__gt=…`)."""
    filters = {f"event__{name}": value for name, value in event.items()}
    return list(
        ListedParticipant.objects.filter(event__action=action, **filters)
        .order_by("pk")
        .values_list("participant_id", flat=True)
    )
