"""Each user manages their own API tokens here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lotse.api import services
from lotse.api.forms import ApiTokenCreateForm
from lotse.api.selectors import api_tokens_of
from lotse.core.errors import DomainError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import already_submitted, first_submission


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST" and already_submitted(request):
        return _token_created_already(request)
    form = ApiTokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _token_created_already(request)
                token, key = services.api_token_create(
                    actor=request.user,
                    user=request.user,
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                )
        except DomainError as error:
            form.add_error("name", error.message)
        else:
            # Rendered, not redirected: the key must never be stored to show it again.
            response = render(request, "api/token_created.html", {"token": token, "key": key})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/tokens.html", {"form": form, "tokens": api_tokens_of(request.user)})


def _token_created_already(request: AuthenticatedHttpRequest) -> HttpResponse:
    messages.info(
        request,
        _(
            "This token was created by your first click; its key was shown only then. If you "
            "did not copy it, revoke the token and create a new one."
        ),
    )
    return redirect("api_tokens:list")


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(request.user), pk=pk, revoked_at__isnull=True)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens:list")
