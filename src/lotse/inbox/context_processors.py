from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from lotse.inbox.selectors import waiting_count


def inbox_badge(request: HttpRequest) -> dict[str, Any]:
    """The navigation's link to the inbox with what waits; counted only when a page shows it."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("inbox.view_inbox"):
        return {}
    return {
        "inbox_link": {
            "url": reverse("inbox:page"),
            "active": request.path.startswith(reverse("inbox:page")),
            "count": SimpleLazyObject(lambda: waiting_count(user)),
        }
    }
