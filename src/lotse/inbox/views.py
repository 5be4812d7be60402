from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import permission_required

from lotse.core.http import AuthenticatedHttpRequest
from lotse.inbox import selectors, services


@login_required
@permission_required("inbox.view_inbox", raise_exception=True)
@require_GET
def page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "inbox/inbox.html",
        {
            "sources": selectors.inbox_of(request.user),
            "wants_email": selectors.wants_email(request.user),
            "has_address": bool(request.user.email),
        },
    )


@login_required
@permission_required("inbox.view_inbox", raise_exception=True)
@require_POST
def notifications(request: AuthenticatedHttpRequest) -> HttpResponse:
    email = request.POST.get("email") == "on"
    services.notification_preference_set(actor=request.user, email=email)
    messages.success(
        request,
        _("You will receive an e-mail when something new waits here.")
        if email
        else _("You will receive no more e-mails about your inbox."),
    )
    return redirect("inbox:page")


@login_required
@permission_required("inbox.view_inbox", raise_exception=True)
@require_GET
def badge(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What waits for the signed-in user, for the navigation, or with `?source=` in one source,
    for its heading on the inbox page (each loaded after the page)."""
    key = request.GET.get("source")
    if key:
        count = selectors.source_count(request.user, key)
    else:
        count = selectors.waiting_count(request.user)
    return render(request, "inbox/badge.html", {"count": count})
