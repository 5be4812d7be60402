"""The audit log for the data-protection officer: search, page through, export.

Searching and exporting the log are themselves audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record
from lotse.core.downloads import download
from lotse.core.http import AuthenticatedHttpRequest
from lotse.dataprotection.export import EXPORT_MAX_ROWS, audit_log_xlsx
from lotse.dataprotection.forms import AuditLogFilterForm
from lotse.dataprotection.selectors import (
    AuditFilter,
    audit_events,
    audit_rows,
    export_row_count,
    grouped,
)
from lotse.network.access import membership_of
from lotse.network.models import Organisation

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter_form(request: AuthenticatedHttpRequest) -> AuditLogFilterForm:
    membership = membership_of(request.user)
    assert membership is not None  # the permission implies a membership
    network_id = membership.organisation.network_id
    organisations = list(Organisation.objects.filter(network_id=network_id).order_by("name"))
    return AuditLogFilterForm(request.GET, network_id=network_id, organisations=organisations)


def _name_matches(filters: AuditFilter) -> dict[str, list[int]]:
    """Whom the officer looked up by name: the participants found (the name is not logged)."""
    return {"matches": list(filters.participant_ids or ())} if filters.name else {}


def _without_page(request: AuthenticatedHttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@never_cache
@login_required
@permission_required("audit.view_log", raise_exception=True)
def log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter_form(request)
    page = None
    rows = []
    if form.is_valid():
        filters = form.audit_filter()
        events = audit_events(filters=filters)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = grouped(
            audit_rows(
                list(page.object_list),
                network_id=form.network_id,
                organisation_names=form.organisation_names,
            )
        )
        detail = {
            "filter": filters.as_detail(),
            "page": page.number,
            "results": page.paginator.count,
            **_name_matches(filters),
        }
        audit_record(actor=request.user, action="audit.log.searched", detail=detail)
    context = {"form": form, "page": page, "rows": rows, "querystring": _without_page(request)}
    return render(request, "audit/log.html", context)


@require_GET
@never_cache
@login_required
@permission_required("audit.view_log", raise_exception=True)
def export(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter_form(request)
    back = f"{reverse('audit:log')}?{_without_page(request)}"
    if not form.is_valid():
        messages.error(request, _("The filter is not valid; nothing was exported."))
        return redirect(back)
    filters = form.audit_filter()
    events = audit_events(filters=filters)
    count = export_row_count(events, listed_among=filters.participant_ids)
    if count > EXPORT_MAX_ROWS:
        messages.error(
            request,
            _("The filter matches %(count)s rows; at most %(max)s can be exported at once. "
              "Please narrow the filter, for example to a shorter period.")
            % {"count": count, "max": EXPORT_MAX_ROWS},
        )  # fmt: skip
        return redirect(back)
    content = audit_log_xlsx(
        events,
        network_id=form.network_id,
        organisation_names=form.organisation_names,
        listed_among=filters.participant_ids,
    )
    audit_record(
        actor=request.user,
        action="audit.log.exported",
        detail={
            "filter": filters.as_detail(),
            "rows": count,
            "format": "xlsx",
            **_name_matches(filters),
        },
    )
    # Named in the reader's language like the other downloads ("Protokoll 2026-12-05.xlsx").
    name = _("Audit log")
    return download(content, XLSX, f"{name} {timezone.localdate():%Y-%m-%d}.xlsx")
