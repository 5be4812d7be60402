from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from lotse.network.middleware import must_confirm_first


def inbox_badge(request: HttpRequest) -> dict[str, Any]:
    """The navigation's link to the inbox. What waits there is counted by a request of its own
    after the page (`inbox:badge`, loaded by htmx), so that no page waits for the count."""
    user = request.user
    # Before the second factor or the own password, the badge's request would be sent to that
    # page, and htmx would put the whole page into the navigation.
    if (
        not user.is_authenticated
        or not user.has_perm("inbox.view_inbox")
        or must_confirm_first(user)
    ):
        return {}
    url = reverse("inbox:page")
    return {
        "inbox_link": {
            "url": url,
            "badge_url": reverse("inbox:badge"),
            "active": request.path.startswith(url),
        }
    }
