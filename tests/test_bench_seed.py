"""The bench seeder bypasses the services; what it derives must match what they keep."""

import datetime
from typing import Any

from django.db.models import F

from bench.seed import seed
from lotse.participants.enums import OPEN_TASK_STATUSES
from lotse.participants.models import Participant, ResidenceDocument, Task


def test_seeded_participants_carry_the_fields_the_services_derive(db: Any) -> None:
    seed(participants=40, today=datetime.date(2026, 11, 2), quiet=True)

    participants = list(Participant.objects.all())
    assert len(participants) == 40
    with_step = 0
    for participant in participants:
        open_step = (
            Task.objects.filter(participant=participant, status__in=OPEN_TASK_STATUSES)
            .order_by(F("due_on").asc(nulls_last=True), "pk")
            .first()
        )
        assert participant.next_step_id == (open_step.pk if open_step else None)
        with_step += open_step is not None
        documents = ResidenceDocument.objects.filter(participant=participant)
        current = max(documents, key=ResidenceDocument.newness, default=None)
        assert participant.current_document_id == (current.pk if current else None)
        assert participant.document_type == (current.document_type if current else "")
        last_contact = participant.contacts.order_by("-took_place_on").first()
        assert participant.last_contact_on == (last_contact.took_place_on if last_contact else None)
    assert with_step > 0
