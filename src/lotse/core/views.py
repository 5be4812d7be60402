"""The error pages that need more than Django's defaults."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from lotse.core.errors import CaseUnavailable


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A participant's former link (a share ended, a consent revoked) reads as "ended or never
    existed", not as a broken address."""
    context = {"case_unavailable": isinstance(exception, CaseUnavailable)}
    return render(request, "404.html", context, status=404)
