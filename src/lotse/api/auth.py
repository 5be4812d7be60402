"""The API's two ways in: a personal token (set by ApiTokenMiddleware) or the browser session."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from lotse.network.middleware import second_factor_missing


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>`; the middleware has checked the key before the scope."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if getattr(request, "api_token", None) is None:
            return None
        return request.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        # The OTP middleware leaves /api/ alone (tokens are the API's second factor),
        # so a session must prove here that it passed the second factor.
        if second_factor_missing(user):
            raise HttpError(401, _("Please confirm your second factor in the browser first."))
        if check_csrf(request) is not None:
            raise HttpError(
                403,
                _("The CSRF check failed: send the X-CSRFToken header with the session's token."),
            )
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return self(request)


api_auth = [TokenAuth(), SessionAuth()]
