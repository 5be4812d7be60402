from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.audit.services import audit_record
from lotse.core.access import membership_of
from lotse.core.forms import PasswordChangeForm
from lotse.network.enums import Role


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "core/no_membership.html", status=403)
    if membership.role == Role.DATA_PROTECTION:
        return redirect("audit:log")
    if membership.role in (Role.COORDINATOR, Role.FUNDER):
        return redirect("network:overview")
    return redirect("participants:caseload")


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Under /account/, not /accounts/: only after the second factor, so that a stolen password
    alone cannot lock the owner out."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # stay logged in here; other sessions end
        audit_record(actor=user, action="core.password.changed")
        messages.success(request, _("Your password was changed."))
        return redirect("core:home")
    return render(request, "core/password_change.html", {"form": form})
