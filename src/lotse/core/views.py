from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from lotse.core.access import membership_of
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
