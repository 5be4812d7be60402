from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core.forms import PasswordChangeForm
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.redirects import safe_next
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.network.services import account_password_change


@require_GET
@login_required
def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "core/no_membership.html", status=403)
    if membership.role == Role.DATA_PROTECTION:
        return redirect("audit:log")
    if membership.role == Role.FUNDER:
        # Aggregates only: the funder comes for the network's reports.
        return redirect("reporting:reports")
    if membership.role == Role.COORDINATOR:
        return redirect("network:overview")
    return redirect("participants:caseload")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Under /account/, not /accounts/: only after the second factor, so that a stolen password
    alone cannot lock the owner out."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # stay logged in; other sessions end
        messages.success(request, _("Your password was changed."))
        return redirect(safe_next(request) or "core:home")
    membership = membership_of(request.user)
    return render(
        request,
        "core/password_change.html",
        {
            "form": form,
            "required": membership is not None and membership.must_change_password,
        },
    )
