"""No page or API answer of a signed-in person is kept by a browser or proxy cache."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreWhenSignedInMiddleware:
    """Almost every page behind the log-in shows personal data, and the back button or a shared
    office PC's disk cache would show it again after log-out. Marking each view would leave the
    next one to forget; static files are served before this runs and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Asked after the view, so that the answer to the log-in itself is covered too.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
