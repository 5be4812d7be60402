"""The request a signed-in page receives, as the type checker should see it."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """What a view behind `login_required` receives: a signed-in user, and htmx's details from
    `HtmxMiddleware`. Only an annotation; Django passes its own request class."""

    user: User
    htmx: HtmxDetails
