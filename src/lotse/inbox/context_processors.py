from typing import Any

from django.http import HttpRequest
from django.urls import reverse


def inbox_badge(request: HttpRequest) -> dict[str, Any]:
    """The navigation's link to the inbox. What waits there is counted by a request of its own
    after the page (`inbox:badge`, loaded by htmx), so that no page waits for the count."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("inbox.view_inbox"):
        return {}
    url = reverse("inbox:page")
    return {
        "inbox_link": {
            "url": url,
            "badge_url": reverse("inbox:badge"),
            "active": request.path.startswith(url),
        }
    }
