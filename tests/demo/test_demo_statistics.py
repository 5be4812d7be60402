from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from lotse.demo.load import demo_load
from lotse.reporting.statistics.selectors import publication_of


def test_demo_load_publishes_statistics_and_fills_the_dashboard(db: Any) -> None:
    result = demo_load(count=40)
    assert publication_of(result.network).public
    coordinator = Client()
    coordinator.force_login(User.objects.get(username="koordination"))
    dashboard = coordinator.get("/reports/dashboard/?start=2020-01-01&end=2030-12-31")
    assert dashboard.status_code == 200
    assert dashboard.context["panels"][0]["data"].extra["participants"] > 0
    assert Client().get(f"/reports/statistics/{result.network.pk}/").status_code == 200
