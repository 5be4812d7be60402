"""Referrals over the API: the same gate, loop and refusals as the pages."""

from typing import Any

from django.test import Client

from lotse.api.services import api_token_create
from lotse.referrals.models import Referral
from tests.conftest import Network
from tests.offers.helpers import berufssprachkurs
from tests.referrals.helpers import refer, referral_consent


def _api(user: Any) -> Client:
    key = api_token_create(actor=user, user=user, name="Test")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="de")


def test_api_create_without_consent_is_422_and_saves_nothing(net: Network) -> None:
    response = _api(net.counsellor).post(
        f"/api/v1/participants/{net.participant.pk}/referrals",
        {"organisation": net.third.pk, "reason": "Sprachkurs", "request": "Aufnahme"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "Keine gültige Einwilligung" in response.json()["errors"]["__all__"][0]
    assert Referral.objects.count() == 0


def test_api_create_answer_and_inbox(net: Network) -> None:
    referral_consent(net)
    offer = berufssprachkurs(net)
    created = _api(net.counsellor).post(
        f"/api/v1/participants/{net.participant.pk}/referrals",
        {
            "offer": offer.pk,
            "reason": "Sprachkurs",
            "request": "Aufnahme",
            "disclosures": ["languages"],
            "ineligible_reason": "Ausnahme",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    referral = created.json()
    recipient = _api(net.third_counsellor)

    inbox = recipient.get("/api/v1/referrals/inbox").json()
    assert [r["id"] for r in inbox["incoming"]] == [referral["id"]]
    assert inbox["incoming"][0]["participant_id"] is None  # not before it accepts
    assert inbox["incoming"][0]["disclosed"]["name"] == "Mohammad Al-Masri"

    accepted = recipient.post(
        f"/api/v1/referrals/{referral['id']}/answer",
        {"action": "accept", "version": referral["version"]},
        content_type="application/json",
    )
    assert accepted.status_code == 200
    assert accepted.json()["participant_id"] == net.participant.pk
    again = recipient.post(
        f"/api/v1/referrals/{referral['id']}/answer",
        {"action": "decline", "version": accepted.json()["version"], "reason": "no_capacity"},
        content_type="application/json",
    )
    assert again.status_code == 409
    assert "bereits beantwortet" in again.json()["detail"]


def test_api_referral_hidden_from_third_organisation_and_coordinator(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)

    assert _api(net.other_counsellor).get(f"/api/v1/referrals/{referral.pk}").status_code == 404
    assert _api(net.coordinator).get(f"/api/v1/referrals/{referral.pk}").status_code == 403


def test_api_eligibility_of_a_participant_for_an_offer(net: Network) -> None:
    offer = berufssprachkurs(net, min_age=70)

    response = _api(net.counsellor).get(
        f"/api/v1/participants/{net.participant.pk}/offers/{offer.pk}/eligibility"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "not_eligible"
    assert any(c["criterion"] == "age" and c["met"] is False for c in body["checks"])
    assert (
        _api(net.other_counsellor)
        .get(f"/api/v1/participants/{net.participant.pk}/offers/{offer.pk}/eligibility")
        .status_code
        == 404
    )
