"""Log-in, second factor, lockout and the Content-Security-Policy."""

from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import Network, client_for


def test_case_roles_must_set_up_a_second_factor(net: Network, settings: Any) -> None:
    settings.LOTSE_REQUIRE_OTP = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would otherwise delay the next
    client = client_for(net.counsellor)
    response = client.get("/participants/?status=enrolled")
    otp_url = "/accounts/second-factor/?next=%2Fparticipants%2F%3Fstatus%3Denrolled"
    assert response["Location"] == otp_url
    page = client.get(otp_url).content.decode()
    device = TOTPDevice.objects.get(user=net.counsellor)
    assert device.confirmed is False
    assert "otpauth://" in page
    wrong = client.post(otp_url, {"token": "000000"})
    assert wrong.status_code == 200
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    confirmed = client.post(otp_url, {"token": code})
    assert (
        confirmed["Location"] == "/participants/?status=enrolled"
    )  # where the person wanted to go
    assert client.get("/participants/").status_code == 200


def test_second_factor_does_not_send_people_to_other_sites(net: Network, settings: Any) -> None:
    settings.LOTSE_REQUIRE_OTP = True
    client = client_for(net.counsellor)
    client.get("/accounts/second-factor/")
    device = TOTPDevice.objects.get(user=net.counsellor)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"

    response = client.post("/accounts/second-factor/?next=https://evil.example/", {"token": code})

    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("volunteer", "/participants/"),
        ("data_protection", "/audit/"),
        ("data_protection", "/audit/export.xlsx"),
        ("coordinator", "/network/"),
        ("team_lead", "/network/accounts/"),
        ("counsellor", "/account/api-tokens/"),
    ],
)
def test_every_role_must_confirm_a_second_factor(
    net: Network, settings: Any, persona: str, path: str
) -> None:
    settings.LOTSE_REQUIRE_OTP = True

    response = client_for(getattr(net, persona)).get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/second-factor/?{urlencode({'next': path})}"


@pytest.mark.parametrize("persona", ["volunteer", "data_protection", "coordinator"])
def test_every_role_needs_the_second_factor_for_the_api_session_too(
    net: Network, settings: Any, persona: str
) -> None:
    settings.LOTSE_REQUIRE_OTP = True

    response = client_for(getattr(net, persona)).get(
        "/api/v1/participants", headers={"accept-language": "de"}
    )

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Bitte bestätigen Sie zuerst Ihren zweiten Faktor im Browser."
    }


def test_the_session_id_changes_when_the_second_factor_is_confirmed(
    net: Network, settings: Any
) -> None:
    settings.LOTSE_REQUIRE_OTP = True
    client = client_for(net.volunteer)
    client.get("/accounts/second-factor/")
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    device = TOTPDevice.objects.get(user=net.volunteer)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"

    confirmed = client.post("/accounts/second-factor/", {"token": code})

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert confirmed.status_code == 302
    assert after != before
    assert client.get("/participants/").status_code == 200
    old_session = Client()
    old_session.cookies[settings.SESSION_COOKIE_NAME] = before
    assert old_session.get("/participants/")["Location"] == "/accounts/login/?next=/participants/"


def test_repeated_wrong_passwords_lock_the_account(net: Network, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "berater", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "berater", "password": "test-password-1"}
    )
    assert response.status_code == 429


def test_pages_send_a_strict_content_security_policy(net: Network) -> None:
    response = client_for(net.counsellor).get("/participants/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "style=" not in response.content.decode()


def test_not_found_and_forbidden_pages_speak_german(net: Network) -> None:
    client = client_for(net.coordinator)
    assert "Nicht gefunden" in client.get("/network/organisations/424242/").content.decode()
    assert "Nicht erlaubt" in client.get("/participants/").content.decode()


def test_a_failed_csrf_check_explains_itself_in_german(net: Any) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(net.counsellor)

    response = client.post("/participants/intake/new/", headers={"accept-language": "de"})

    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="de"' in page
    assert "Formular abgelaufen" in page
    assert "DEBUG" not in page


def test_a_right_code_during_the_wait_after_a_wrong_one_is_told_to_wait(
    net: Network, settings: Any
) -> None:
    settings.LOTSE_REQUIRE_OTP = True
    client = client_for(net.counsellor)
    url = "/accounts/second-factor/"
    client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    device = TOTPDevice.objects.get(user=net.counsellor)
    wrong = client.post(url, {"token": "000000"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Der Code ist falsch oder abgelaufen." in wrong.content.decode()
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    waiting = client.post(url, {"token": code}, HTTP_ACCEPT_LANGUAGE="de")
    assert waiting.status_code == 200
    assert (
        "Zu viele falsche Codes. Bitte warten Sie 1 Sekunde und versuchen Sie es dann erneut."
        in waiting.content.decode()
    )
