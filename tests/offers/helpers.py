"""Offers made through the service a user's action calls."""

import datetime
from typing import Any

from lotse.offers import services
from lotse.offers.models import Offer
from tests.conftest import Network


def berufssprachkurs(net: Network, **fields: Any) -> Offer:
    values: dict[str, Any] = {
        "provider": net.third,
        "kind": "job_language_course",
        "title": "Berufssprachkurs B2 Pflege",
        "description": "Deutsch für die Pflege, mit Praktikum.",
        "schedule": "weekly",
        "weekdays": [0, 3],
        "starts_at": datetime.time(9),
        "ends_at": datetime.time(12, 30),
        "languages": ["de"],
        "seats": 16,
        "seats_free": 4,
        "seats_updated_on": datetime.date(2026, 11, 30),
        "min_german": "B1",
        "min_age": 18,
        "translations": {"ar": {"title": "دورة اللغة المهنية B2 للتمريض", "description": ""}},
    }
    values.update(fields)
    offer = Offer(network=net.owner.network, **values)
    return services.offer_save(
        actor=net.third_counsellor,
        network=net.owner.network,
        offer=offer,
        sites=[],
        expected_version=None,
    )
