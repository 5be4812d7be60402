from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope

from lotse.network.access import membership_of


class NetworkScopeMiddleware:
    """Every request runs inside its user's network scope, so an unscoped query raises."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = membership_of(request.user)
        # An empty list scopes to nothing; None would switch the filter off.
        network = [membership.organisation.network_id] if membership else []
        with scope(network=network):
            return self.get_response(request)


OTP_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/")


def second_factor_missing(user: Any) -> bool:
    """Every role confirms a second factor, not only the case roles: volunteers see phone and
    e-mail, the data-protection officer the whole network's audit log with file numbers, the
    coordinator organisations' contact people. One rule for all leaves no role to forget when a
    page starts showing more."""
    if not settings.LOTSE_REQUIRE_OTP:
        return False
    return membership_of(user) is not None and not user.is_verified()


def must_confirm_first(user: Any) -> bool:
    """Whether every page but the second factor and the password change is closed to the user
    for now: what a page loads after itself (the inbox badge) must not ask for more."""
    membership = membership_of(user)
    return second_factor_missing(user) or (
        membership is not None and membership.must_change_password
    )


class OtpRequiredMiddleware:
    """Every member of a network must confirm a second factor before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OTP_EXEMPT_PREFIXES) and second_factor_missing(request.user):
            return _interrupt(request, "otp")
        return self.get_response(request)


PASSWORD_CHANGE_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/")


class PasswordChangeRequiredMiddleware:
    """A password somebody else chose (a new account, a reset by the team lead) is replaced by
    the person's own before anything else. Runs after the second factor: the change page is
    for the verified person only. API tokens are exempt: only their owner can have made them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = membership_of(request.user)
        if (
            membership is None
            or not membership.must_change_password
            or request.path.startswith(PASSWORD_CHANGE_EXEMPT_PREFIXES)
            or hasattr(request, "api_token")
        ):
            return self.get_response(request)
        change = reverse("core:password_change")
        if request.path == change:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Please set a password of your own in Lotse first.")}, status=403
            )
        return _interrupt(request, "core:password_change")


def _interrupt(request: HttpRequest, url_name: str) -> HttpResponse:
    """To a page that must come first, and back to the page asked for afterwards
    (`core.redirects.safe_next`)."""
    return redirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")
