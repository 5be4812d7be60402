"""Dates the rules cannot reach (the engine covers 1900–2200) are refused with a form error on
every work-permission page, as the API refuses them with 422 — never a 500."""

import pytest
from django.urls import reverse

from lotse.workpermission.models import ResidenceFacts
from tests.conftest import Network, client_for
from tests.workpermission.test_panel import facts_post
from tests.workpermission.test_try import URL as TRY_URL
from tests.workpermission.test_try import form_data

FAR = "9999-12-31"
UP_TO = "Die Regeln gelten für Daten bis zum 31.12.2200."
BETWEEN = "Geben Sie ein Datum zwischen 01.01.1900 und 31.12.2200 ein."


def test_panel_with_a_far_reference_date_is_refused_with_a_message(net: Network) -> None:
    url = reverse("workpermission:assessment", args=[net.participant.pk])

    response = client_for(net.counsellor).get(
        url, {"reference_date": FAR}, headers={"accept-language": "de"}
    )

    assert response.status_code == 400
    assert response.context["reference_form"].errors["reference_date"] == [UP_TO]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("reference_date", UP_TO),
        ("document_valid_until", BETWEEN),
        ("birth_date_value", BETWEEN),
        ("entry_date", BETWEEN),
        ("asylum_request_date", BETWEEN),
        ("asylum_application_date", BETWEEN),
        ("duldung_since", BETWEEN),
        ("employment_since", BETWEEN),
    ],
)
def test_try_with_a_far_date_is_refused_with_a_message(
    net: Network, field: str, message: str
) -> None:
    response = client_for(net.counsellor).post(
        TRY_URL, form_data(**{field: FAR}), headers={"accept-language": "de"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert response.context["panel"] is None


@pytest.mark.parametrize("field", ["stays-0-start", "stays-0-end"])
def test_try_with_a_far_stay_is_refused_with_a_message(net: Network, field: str) -> None:
    stay = {"stays-0-start": "2019-01-01", "stays-0-end": "2020-06-30", "stays-0-kind": "tolerated"}
    stay[field] = FAR

    response = client_for(net.counsellor).post(
        TRY_URL, form_data(**stay), headers={"accept-language": "de"}
    )

    assert response.status_code == 200
    assert response.context["panel"] is None
    assert BETWEEN in response.content.decode()


@pytest.mark.parametrize(
    "field", ["entry_date", "asylum_request_date", "duldung_since", "employment_since"]
)
def test_facts_with_a_far_date_are_refused_with_a_message(net: Network, field: str) -> None:
    url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    changes = {field: FAR}
    if field == "asylum_request_date":
        changes["asylum_application_date"] = FAR

    response = client_for(net.counsellor).post(
        url, facts_post(**changes), headers={"accept-language": "de"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [BETWEEN]
    assert ResidenceFacts.objects.filter(participant=net.participant).count() == 0
