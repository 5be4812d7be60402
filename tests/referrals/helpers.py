"""Referrals made through the services a user's action calls."""

import datetime
from typing import Any

from lotse.participants import services as participant_services
from lotse.participants.access import participant_for_user
from lotse.referrals import services
from lotse.referrals.models import Referral
from tests.conftest import Network


def referral_consent(net: Network, *organisations: Any, purpose: str = "referral") -> Any:
    return participant_services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose=purpose,
        organisations=list(organisations) or [net.third],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )


def refer(net: Network, **fields: Any) -> Referral:
    values: dict[str, Any] = {
        "target_organisation": net.third,
        "reason": "Sucht einen Sprachkurs für die Pflege.",
        "request": "Bitte um Aufnahme in den nächsten Kurs.",
        "disclosures": ["languages"],
    }
    values.update(fields)
    case = participant_for_user(net.counsellor, net.participant.pk)
    return services.referral_create(actor=net.counsellor, case=case, **values)
