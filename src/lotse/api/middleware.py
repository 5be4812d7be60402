from collections.abc import Awaitable, Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from lotse.api.services import api_token_authenticate

API_PREFIX = "/api/"


class ApiTokenMiddleware:
    """Authenticates `Authorization: Bearer <key>` on API paths.

    It runs right after Django's AuthenticationMiddleware, because the network scope and the OTP
    middleware further down read `request.user`; a token must already have set it by then.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        return _as_json(self._authenticated(request))

    def _authenticated(self, request: HttpRequest) -> HttpResponse:
        scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return self.get_response(request)
        token = api_token_authenticate(key=key.strip())
        if token is None:
            return JsonResponse(
                {"detail": _("The API token is not valid, has expired or has been revoked.")},
                status=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        user = token.user
        request.user = user
        request.auser = _async_user(user)
        request.api_token = token  # type: ignore[attr-defined]
        # A browser never sends this header by itself, so a cross-site request cannot forge it.
        request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


def _as_json(response: HttpResponse) -> HttpResponse:
    """An unknown API path or method gets a JSON answer in the client's language, as every other
    API error does, not the HTML page Django and ninja give for them."""
    if response.status_code not in (404, 405) or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    if response.status_code == 404:
        return JsonResponse({"detail": _("Not found.")}, status=404)
    answer = JsonResponse({"detail": _("This method is not allowed here.")}, status=405)
    if response.has_header("Allow"):
        answer["Allow"] = response["Allow"]
    return answer


def _async_user(user: Any) -> Callable[[], Awaitable[Any]]:
    async def auser() -> Any:
        return user

    return auser
