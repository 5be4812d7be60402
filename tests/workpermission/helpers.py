import datetime
from typing import Any

from lotse.participants import services as participant_services
from lotse.participants.models import Participant
from lotse.workpermission import services
from lotse.workpermission.models import ResidenceFacts

APPLICATION = datetime.date(2025, 1, 15)


def gestattung_facts(net: Any, **changes: Any) -> ResidenceFacts:
    """The persona participant's asylum procedure: applied 15.01.2025, in a reception centre."""
    data: dict[str, Any] = {
        "entry_date": datetime.date(2025, 1, 10),
        "asylum_request_date": APPLICATION,
        "asylum_application_date": APPLICATION,
        "asylum_decision": "pending",
        "lives_in_reception_centre": True,
        "dublin_procedure": False,
    }
    data.update(changes)
    return services.residence_facts_save(
        actor=net.counsellor, participant=net.participant, data=data
    )


def record_document(counsellor: Any, participant: Participant, **fields: Any) -> Participant:
    participant_services.residence_document_record(
        actor=counsellor, participant=participant, **fields
    )
    return Participant.objects.get(pk=participant.pk)
