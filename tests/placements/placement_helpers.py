"""Placements made through the services a user's action calls."""

import datetime
from typing import Any

from lotse.participants import services as participant_services
from lotse.participants.models import Participant
from lotse.placements.placements import services
from lotse.placements.placements.models import Placement
from tests.conftest import Network
from tests.employers.helpers import employer, vacancy

ENTRY = datetime.date(2025, 2, 1)


def enrolled(net: Network, entry: datetime.date = ENTRY) -> Participant:
    participant_services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=entry
    )
    net.participant = Participant.objects.get(pk=net.participant.pk)
    return net.participant


def place(net: Network, **values: Any) -> Placement:
    at = values.pop("employer", None) or employer(net)
    data: dict[str, Any] = {
        "employer": at,
        "vacancy": vacancy(net, at),
        "kind": "employment",
        "title": "Fachkraft für Lagerlogistik",
        "starts_on": datetime.date(2025, 4, 1),
        "hours_per_week": 39,
    }
    data.update(values)
    return services.placement_record(actor=net.counsellor, participant=net.participant, values=data)


def employer_consent(net: Network) -> Any:
    return participant_services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="employer_contact",
        organisations=[net.owner],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
