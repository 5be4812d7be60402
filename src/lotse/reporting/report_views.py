"""Reports: request one for a period and scope, read it on screen, as XLSX or PDF, and (for
case workers) open the people behind a number."""

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record_many
from lotse.core.downloads import download
from lotse.core.errors import DomainError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Membership, Organisation
from lotse.participants.access import visible_participants
from lotse.reporting import exports, forms, presentation, selectors, services
from lotse.reporting import indicators as ind
from lotse.reporting.case_section import MISSING_LABELS
from lotse.reporting.enums import ReportStatus
from lotse.reporting.models import Report

WAITING_LONG = datetime.timedelta(minutes=2)


def _membership(request: AuthenticatedHttpRequest) -> Membership:
    membership = membership_of(request.user)
    if membership is None:
        raise PermissionDenied
    return membership


def _organisations(membership: Membership) -> list[Organisation]:
    """The organisations the user may report on: their own, or all for network-wide roles."""
    if membership.role in CASE_ROLES:
        return [membership.organisation]
    return list(Organisation.objects.filter(network_id=membership.organisation.network_id))


def _scopes(request: AuthenticatedHttpRequest, membership: Membership) -> list[tuple[str, str]]:
    choices = []
    if request.user.has_perm("reporting.report_on", membership.organisation.network):
        choices.append((forms.NETWORK_SCOPE, _("The whole network")))
    choices += [(str(org.pk), org.name) for org in _organisations(membership)]
    return choices


def _sets() -> list[tuple[str, str]]:
    german = (get_language() or "de").startswith("de")
    return [(s.key, s.title_de if german else s.title_en) for s in ind.INDICATOR_SETS.values()]


def _visible_report(request: AuthenticatedHttpRequest, pk: int) -> Report:
    membership = _membership(request)
    report = selectors.report_of(membership.organisation.network_id, pk)
    scope = report.organisation or membership.organisation.network if report else None
    if report is None or not request.user.has_perm("reporting.report_on", scope):
        raise Http404
    return report


@login_required
@permission_required("reporting.view_reports", raise_exception=True)
@require_http_methods(["GET", "POST"])
def reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = _membership(request)
    today = timezone.localdate()
    form = forms.ReportForm(
        request.POST or None,
        scopes=_scopes(request, membership),
        sets=_sets(),
        initial={
            "indicator_set": "esf",
            "start": datetime.date(today.year, 1, 1),
            "end": datetime.date(today.year, 12, 31),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = None
        if data["scope"] != forms.NETWORK_SCOPE:
            organisation = next(
                org for org in _organisations(membership) if str(org.pk) == data["scope"]
            )
        try:
            report = services.report_request(
                actor=request.user,
                network=membership.organisation.network,
                organisation=organisation,
                key=data["indicator_set"],
                start=data["start"],
                end=data["end"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("reporting:report", pk=report.pk)
    organisation_ids = None if membership.role not in CASE_ROLES else [membership.organisation_id]
    earlier = list(selectors.reports_for(membership.organisation.network_id, organisation_ids))
    return render(
        request,
        "reporting/reports.html",
        {
            "form": form,
            "reports": [
                (r, presentation.set_title(r.indicator_set), presentation.scope_label(r))
                for r in earlier
            ],
        },
    )


def _status_text(report: Report) -> str:
    """What the page's live region announces at each poll."""
    if report.status == ReportStatus.PENDING:
        return _("Waiting for the background worker to start the report …")
    if report.status == ReportStatus.RUNNING:
        return _("%(percent)s %% computed") % {"percent": report.progress}
    if report.status == ReportStatus.FAILED:
        return _("The report could not be computed.")
    return _("The report is ready.")


def _report_context(request: AuthenticatedHttpRequest, report: Report) -> dict[str, Any]:
    done = report.status == ReportStatus.DONE
    return {
        "status_text": _status_text(report),
        "report": report,
        "title": presentation.set_title(report.indicator_set),
        "network": presentation.network_name(report),
        "scope": presentation.scope_label(report),
        "rows": presentation.rows(report) if done else [],
        "figures": presentation.figure_rows(report) if done else [],
        "bases": presentation.bases(report.indicator_set),
        "esf": presentation.is_esf(report.indicator_set),
        "results": presentation.counts_results(report.indicator_set),
        "genders": presentation.gender_labels(),
        "running": report.status in (ReportStatus.PENDING, ReportStatus.RUNNING),
        # Pending this long, the worker is most likely not running: the page says so.
        "waiting_long": report.status == ReportStatus.PENDING
        and timezone.now() - report.requested_at > WAITING_LONG,
        "drill_down": request.user.has_perm("reporting.drill_down"),
    }


@login_required
@require_GET
@permission_required("reporting.view_reports", raise_exception=True)
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _visible_report(request, pk)
    context = _report_context(request, found)
    if request.htmx:
        return render(request, "reporting/report.html#body", context)
    return render(request, "reporting/report.html", context)


def _done(request: AuthenticatedHttpRequest, pk: int) -> Report:
    found = _visible_report(request, pk)
    if found.status != ReportStatus.DONE:
        raise Http404
    return found


@login_required
@require_GET
@permission_required("reporting.view_reports", raise_exception=True)
def report_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _done(request, pk)
    return download(
        exports.report_xlsx(found),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        presentation.filename(found, "xlsx"),
    )


@login_required
@require_GET
@permission_required("reporting.view_reports", raise_exception=True)
def report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _done(request, pk)
    html = render_to_string(
        "reporting/report_pdf.html", _report_context(request, found), request=request
    )
    return download(
        exports.render_pdf(html), "application/pdf", presentation.filename(found, "pdf")
    )


@login_required
@require_GET
@permission_required("reporting.drill_down", raise_exception=True)
def report_people(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """The people behind one number, as far as the user may see them; audited as a listing."""
    found = _done(request, pk)
    chosen = ind.indicator_set(found.indicator_set)
    indicator = next((i for i in chosen.indicators if i.code == code), None)
    gender = request.GET.get("gender", "")
    if indicator is None or gender not in ("", *(str(g) for g in ind.Gender)):
        raise Http404
    shown, total = selectors.people_behind(found, code, gender, visible_participants(request.user))
    audit_record_many(
        actor=request.user,
        action="reporting.report.people_listed",
        participant_ids=[p.pk for p in shown],
        detail={"report": found.pk, "indicator": code, "gender": gender},
    )
    german = (get_language() or "de").startswith("de")
    return render(
        request,
        "reporting/report_people.html",
        {
            "report": found,
            "indicator": indicator,
            "esf_code": presentation.esf_code(code),
            "label": indicator.label_de if german else indicator.label_en,
            "people": shown,
            "total": total,
            "hidden": total - len(shown),
            "back": reverse("reporting:report", args=[found.pk]),
        },
    )


@login_required
@require_GET
@permission_required("reporting.drill_down", raise_exception=True)
def incomplete_exits(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The exits of a report that lack the situation within four weeks, as far as the user may
    see them (linked to the case, where it is recorded); audited as a listing."""
    found = _done(request, pk)
    services.esf_facts_flush()  # what this request's thread changed counts already
    shown, total = selectors.incomplete_exits_behind(found, visible_participants(request.user))
    audit_record_many(
        actor=request.user,
        action="reporting.report.incomplete_exits_listed",
        participant_ids=[p.pk for p in shown],
        detail={"report": found.pk},
    )
    return render(
        request,
        "reporting/report_incomplete.html",
        {
            "report": found,
            "title": presentation.set_title(found.indicator_set),
            "people": shown,
            "total": total,
            "stored": found.result.get("incomplete_exits", 0),
            "hidden": total - len(shown),
            "back": reverse("reporting:report", args=[found.pk]),
        },
    )


@login_required
@require_GET
@permission_required("reporting.drill_down", raise_exception=True)
def not_reportable(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The participants the user works on whose Annex I items are incomplete (Art. 17(5)), with
    what is missing: the ESF report leaves them out until this is recorded."""
    missing = selectors.not_reportable(visible_participants(request.user))
    people = selectors.participants_by_id([item.participant_id for item in missing])
    rows = [
        (people[item.participant_id], [MISSING_LABELS[m] for m in item.missing])
        for item in missing
        if item.participant_id in people
    ]
    audit_record_many(
        actor=request.user,
        action="reporting.not_reportable.listed",
        participant_ids=[person.pk for person, _missing in rows],
    )
    return render(request, "reporting/report_not_reportable.html", {"rows": rows})
