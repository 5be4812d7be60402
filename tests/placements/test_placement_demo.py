"""The demo network shows the follow-up: placements, one check-in due and one at risk."""

from typing import Any

from django.test import Client
from django_scopes import scopes_disabled

from lotse.demo.load import demo_load
from lotse.placements.placements.models import CheckIn, Placement


def test_the_demo_has_placements_with_a_check_in_due_and_one_at_risk(db: Any) -> None:
    result = demo_load(count=60)
    with scopes_disabled():
        placements = Placement.objects.filter(network=result.network)
        assert placements.count() == 3
        recorded = sorted(
            CheckIn.objects.filter(done_on__isnull=False).values_list("state", flat=True)
        )
        assert recorded == ["at_risk", "stable"]
        counsellor = placements.order_by("starts_on").last().participant.counsellor  # type: ignore[union-attr]
    client = Client(headers={"accept-language": "de"})
    client.force_login(counsellor)
    page = client.get("/placements/follow-up/").content.decode()
    assert "Lagerhelfer/in im Wareneingang" in page
