"""Session and token authentication of the API, and the page where users manage tokens."""

import datetime
import hashlib
import io
import json
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from lotse.api.models import ApiToken
from lotse.api.services import api_token_create, api_token_revoke
from lotse.audit.models import AuditEvent
from lotse.core.errors import DomainError
from tests.conftest import SECRET_NOTE, client_for, share_with_consent

LIST = "/api/v1/participants"
UNAUTHENTICATED = {"detail": "Log in or send an API token: Authorization: Bearer <token>."}


def _token_client(key: str, **kwargs: Any) -> Client:
    return Client(headers={"authorization": f"Bearer {key}", "accept-language": "en"}, **kwargs)


def _new_key(user: Any, name: str = "Skript") -> str:
    return api_token_create(actor=user, user=user, name=name)[1]


def test_token_authenticates_its_user(net: Any) -> None:
    key = _new_key(net.counsellor)

    response = _token_client(key).get(LIST)

    assert response.status_code == 200
    assert [i["id"] for i in response.json()["items"]] == [net.participant.pk]
    assert ApiToken.objects.get().last_used_at is not None


def test_token_user_runs_in_its_own_network_scope(net: Any) -> None:
    share_with_consent(net)
    key = _new_key(net.other_counsellor)

    response = _token_client(key).get(f"/api/v1/participants/{net.participant.pk}/contacts")

    assert response.status_code == 200
    assert response.json()["items"][0]["note"] == SECRET_NOTE


def test_token_is_stored_only_as_sha256_hash(net: Any) -> None:
    token, key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript")

    stored = ApiToken.objects.get(pk=token.pk)

    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(stored.key_prefix)
    assert key not in json.dumps(list(ApiToken.objects.values()), default=str)


def test_revoked_token_answers_401(net: Any) -> None:
    token, key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript")
    api_token_revoke(actor=net.counsellor, token=token)

    response = _token_client(key).get(LIST)

    assert response.status_code == 401
    assert response.json() == {
        "detail": "The API token is not valid, has expired or has been revoked."
    }
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.parametrize("key", ["", "lotse_wrong", "x" * 5000, "lotse_" + "a" * 200])
def test_unknown_token_answers_401(net: Any, key: str) -> None:
    assert _token_client(key).get(LIST).status_code == 401


def test_token_of_deactivated_user_answers_401(net: Any) -> None:
    key = _new_key(net.counsellor)
    net.counsellor.is_active = False
    net.counsellor.save()

    assert _token_client(key).get(LIST).status_code == 401


def test_invalid_token_wins_over_a_valid_session(net: Any) -> None:
    client = client_for(net.counsellor)

    response = client.get(LIST, headers={"authorization": "Bearer lotse_wrong"})

    assert response.status_code == 401


def test_without_session_or_token_answers_401(net: Any) -> None:
    response = Client().get(LIST, headers={"accept-language": "en"})

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_bearer_header_outside_the_api_is_ignored(net: Any) -> None:
    response = Client().get("/participants/", headers={"authorization": "Bearer lotse_wrong"})

    assert response.status_code == 302


def _contact(key: str = "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b") -> str:
    return json.dumps(
        {
            "submission_key": key,
            "took_place_on": "2025-03-01",
            "duration_minutes": 20,
            "form": "phone",
            "topics": ["other"],
        }
    )


def test_token_post_needs_no_csrf_token(net: Any) -> None:
    key = _new_key(net.counsellor)
    client = _token_client(key, enforce_csrf_checks=True)

    response = client.post(
        f"{LIST}/{net.participant.pk}/contacts", _contact(), content_type="application/json"
    )

    assert response.status_code == 201


def test_session_post_without_csrf_token_answers_403(net: Any) -> None:
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    client.force_login(net.counsellor)

    response = client.post(
        f"{LIST}/{net.participant.pk}/contacts", _contact(), content_type="application/json"
    )

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_session_post_with_csrf_token_succeeds(net: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(net.counsellor)
    client.get("/api/v1/docs")  # sets the CSRF cookie, as the docs page does in a browser
    csrf = client.cookies["csrftoken"].value

    response = client.post(
        f"{LIST}/{net.participant.pk}/contacts",
        _contact(),
        content_type="application/json",
        headers={"x-csrftoken": csrf},
    )

    assert response.status_code == 201


def test_session_without_second_factor_answers_401_when_otp_is_required(
    net: Any, settings: Any
) -> None:
    settings.LOTSE_REQUIRE_OTP = True
    client = client_for(net.counsellor)

    response = client.get(LIST, headers={"accept-language": "en"})

    assert response.status_code == 401
    assert response.json() == {"detail": "Please confirm your second factor in the browser first."}


def test_token_works_when_otp_is_required(net: Any, settings: Any) -> None:
    settings.LOTSE_REQUIRE_OTP = True
    key = _new_key(net.counsellor)

    assert _token_client(key).get(LIST).status_code == 200


# The token page


def test_token_page_creates_a_token_and_shows_it_once(net: Any) -> None:
    client = client_for(net.counsellor)

    created = client.post("/account/api-tokens/", {"name": "Berichtsskript", "days": "30"})
    listed = client.get("/account/api-tokens/")

    token = ApiToken.objects.get()
    key = created.context["key"]
    assert created.status_code == 200
    # The page says no-store itself; the middleware adds the rest for every signed-in answer.
    assert created["Cache-Control"] == "no-store, max-age=0, no-cache, must-revalidate, private"
    assert key in created.content.decode()
    assert key not in listed.content.decode()
    assert "Berichtsskript" in listed.content.decode()
    assert (token.user, token.name) == (net.counsellor, "Berichtsskript")
    assert token.expires_at.date() == (token.created_at + datetime.timedelta(days=30)).date()
    assert _token_client(key).get(LIST).status_code == 200
    event = AuditEvent.objects.get(action="api.token.created")
    assert (event.actor_id, event.object_id) == (net.counsellor.pk, str(token.pk))


def test_token_page_requires_a_name(net: Any) -> None:
    response = client_for(net.counsellor).post("/account/api-tokens/", {"name": "  ", "days": "90"})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_token_page_revokes_own_token(net: Any) -> None:
    token, key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript")

    response = client_for(net.counsellor).post(f"/account/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _token_client(key).get(LIST).status_code == 401
    assert AuditEvent.objects.filter(action="api.token.revoked").count() == 1


def test_token_page_cannot_revoke_another_users_token(net: Any) -> None:
    token, _key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript")

    response = client_for(net.colleague).post(f"/account/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_page_lists_only_own_tokens(net: Any) -> None:
    api_token_create(actor=net.colleague, user=net.colleague, name="Fremdes Skript")

    response = client_for(net.counsellor).get("/account/api-tokens/")

    assert response.status_code == 200
    assert "Fremdes Skript" not in response.content.decode()


def test_token_page_requires_login(db: Any) -> None:
    assert Client().get("/account/api-tokens/").status_code == 302


def test_command_creates_a_token_and_prints_it(net: Any) -> None:
    out = io.StringIO()

    call_command(
        "api_token", "create", "berater", "--name", "Import", stdout=out, stderr=io.StringIO()
    )

    key = out.getvalue().strip()
    assert _token_client(key).get(LIST).status_code == 200
    assert ApiToken.objects.get().name == "Import"


# Expiry


def test_expired_token_answers_401_and_is_listed_as_expired(net: Any) -> None:
    token, key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript")
    assert _token_client(key).get(LIST).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = _token_client(key).get(LIST)

    assert response.status_code == 401
    page = client_for(net.counsellor).get("/account/api-tokens/", headers={"accept-language": "en"})
    assert "expired" in page.content.decode()
    assert f"/account/api-tokens/{token.pk}/revoke/" not in page.content.decode()


def test_token_validity_is_one_of_the_offered_periods(net: Any) -> None:
    response = client_for(net.counsellor).post(
        "/account/api-tokens/", {"name": "Skript", "days": "3650"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["days"]
    assert not ApiToken.objects.exists()
    with pytest.raises(DomainError):
        api_token_create(actor=net.counsellor, user=net.counsellor, name="Skript", days=3650)


def test_command_sets_the_validity(net: Any) -> None:
    out = io.StringIO()

    call_command(
        "api_token",
        "create",
        "berater",
        "--name",
        "Import",
        "--days",
        "365",
        stdout=out,
        stderr=io.StringIO(),
    )

    token = ApiToken.objects.get()
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 365


def test_token_page_second_click_creates_no_second_token(net: Any) -> None:
    client = client_for(net.counsellor)
    page = client.get("/account/api-tokens/", headers={"Accept-Language": "de"}).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
    assert key is not None
    body = {"name": "Berichtsskript", "days": "30", "submission_key": key.group(1)}

    first = client.post("/account/api-tokens/", body, headers={"Accept-Language": "de"})
    second = client.post(
        "/account/api-tokens/", body, headers={"Accept-Language": "de"}, follow=True
    )

    assert first.status_code == 200
    assert ApiToken.objects.count() == 1
    assert [str(m) for m in second.context["messages"]] == [
        "Dieses Token wurde mit Ihrem ersten Klick erstellt; sein Schlüssel wurde nur dabei "
        "angezeigt. Wenn Sie ihn nicht kopiert haben, widerrufen Sie das Token und erstellen "
        "Sie ein neues."
    ]
