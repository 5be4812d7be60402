"""The demo network shows referrals in different states."""

from typing import Any

from lotse.demo.load import demo_load
from lotse.referrals.models import Referral


def test_demo_has_referrals_in_each_state(db: Any) -> None:
    demo_load(count=40)

    states = set(Referral.objects.values_list("status", flat=True))
    assert states == {"requested", "accepted", "in_progress", "completed", "declined"}
    assert Referral.objects.filter(target_organisation__isnull=True).count() == 1
