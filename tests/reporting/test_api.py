"""`GET /api/v1/reports/{set}`: the report's numbers by code, gender and in total."""

from typing import Any

import pytest

from lotse.network.enums import Role
from tests.conftest import client_for
from tests.factories import member
from tests.reporting.helpers import esf_caseload

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/esf"


@pytest.fixture
def caseload(net: Any) -> dict[str, Any]:
    return esf_caseload(net)


def _get(user: Any, query: str, url: str = URL) -> Any:
    return client_for(user).get(f"{url}?{query}", HTTP_ACCEPT_LANGUAGE="de")


def test_esf_set_for_the_network(net: Any, caseload: Any) -> None:
    response = _get(net.coordinator, "from=2026-01-01&to=2026-12-31")
    assert response.status_code == 200
    body = response.json()
    indicators = {item["code"]: item for item in body["indicators"]}
    assert indicators["EECO01"] == {
        "code": "EECO01",
        "label": "Teilnehmende insgesamt",
        "by_gender": {"female": 2, "male": 1, "diverse": 1},
        "total": 4,
    }
    assert indicators["EECR04"]["total"] == 1
    assert body["not_reportable"] == 1
    assert body["organisation"] is None
    assert "Amal" not in response.content.decode()


def test_funder_reads_the_network_and_any_organisation(net: Any, caseload: Any) -> None:
    funder = member(net.municipality, Role.FUNDER, "foerderer")
    assert _get(funder, "from=2026-01-01&to=2026-12-31").status_code == 200
    response = _get(funder, f"from=2026-01-01&to=2026-12-31&organisation={net.other.pk}")
    assert response.json()["indicators"][0]["total"] == 1


def test_counsellor_only_for_the_own_organisation(net: Any, caseload: Any) -> None:
    own = _get(net.counsellor, f"from=2026-01-01&to=2026-12-31&organisation={net.owner.pk}")
    assert own.status_code == 200
    assert own.json()["indicators"][0]["total"] == 3
    other = f"from=2026-01-01&to=2026-12-31&organisation={net.other.pk}"
    assert _get(net.counsellor, other).status_code == 403
    assert _get(net.counsellor, "from=2026-01-01&to=2026-12-31").status_code == 403


@pytest.mark.parametrize("persona", ["volunteer", "data_protection"])
def test_roles_without_reports_are_refused(net: Any, persona: str) -> None:
    assert _get(getattr(net, persona), "from=2026-01-01&to=2026-12-31").status_code == 403


def test_bad_input(net: Any) -> None:
    reversed_period = _get(net.coordinator, "from=2026-12-31&to=2026-01-01")
    assert reversed_period.status_code == 422
    assert reversed_period.json()["errors"] == {"to": ["Der Zeitraum endet, bevor er beginnt."]}
    assert (
        _get(net.coordinator, "from=2026-01-01&to=2026-12-31", "/api/v1/reports/x").status_code
        == 404
    )
    assert (
        _get(net.coordinator, "from=2026-01-01&to=2026-12-31&organisation=999999").status_code
        == 404
    )
    assert _get(net.coordinator, "from=2026-01-01").status_code == 422
