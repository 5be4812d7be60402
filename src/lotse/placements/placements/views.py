"""Placements from the case (record, edit, end, follow up), the follow-up list, the network's
follow-up schedule and the sheet for the employer. Thin: the case through the kernel's access
functions, one service per change, domain errors back into the form."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record, audit_record_many
from lotse.core.downloads import download
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, first_submission
from lotse.network.access import membership_of
from lotse.participants.access import CaseAccess, case_for_display, case_for_request
from lotse.participants.models import Participant
from lotse.placements.placements import forms, permission, selectors, services, sheet
from lotse.placements.placements.enums import KIND_OF_VACANCY
from lotse.placements.placements.models import CheckIn, Placement

CHANGE = "participants.change_case"


def _to_case(case: CaseAccess) -> HttpResponse:
    return redirect(reverse("participants:detail", args=[case.participant.pk]) + "#placements")


def _form_page(
    request: AuthenticatedHttpRequest,
    case: CaseAccess,
    form: Any,
    title: str,
    submit_label: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "participants/form_page.html",
        {
            "form": form,
            "participant": case.participant,
            "title": title,
            "submit_label": submit_label,
            "intro": intro,
        },
    )


def _placement(case: CaseAccess, pk: int) -> Placement:
    placement = selectors.placement_of(case, pk)
    if placement is None:
        raise Http404
    return placement


def _initial_from_vacancy(request: AuthenticatedHttpRequest, network_id: int) -> dict[str, Any]:
    """ "Place" from a vacancy (the matches page): the form starts filled from it."""
    try:
        pk = int(request.GET.get("vacancy", ""))
    except ValueError:
        return {}
    vacancy = selectors.open_vacancies_of_network(network_id).filter(pk=pk).first()
    if vacancy is None:
        return {}
    return {
        "vacancy": vacancy.pk,
        "employer": vacancy.employer_id,
        "kind": KIND_OF_VACANCY.get(vacancy.kind, ""),
        "title": vacancy.title,
        "starts_on": vacancy.start_date,
        "hours_per_week": vacancy.hours_per_week,
    }


def _warn_about_the_permit(
    request: AuthenticatedHttpRequest, placement: Placement, participant: Participant
) -> None:
    """Saved, and said so; and what the work-permission engine says against a start, while
    the placement runs (a counsellor may record one agreed pending the permit)."""
    if placement.ended_on is not None:
        return
    warning = permission.permit_warning(placement, participant, timezone.localdate())
    if warning:
        messages.warning(request, warning)


@login_required
@require_http_methods(["GET", "POST"])
def placement_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require=CHANGE, action="placements.placement.form_viewed")
    participant = case.participant
    form = forms.PlacementForm(
        request.POST or None,
        participant=participant,
        ending=False,
        initial=_initial_from_vacancy(request, participant.network_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return _to_case(case)
                placement = services.placement_record(
                    actor=request.user, participant=participant, values=form.values()
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The placement was recorded and its follow-up check-ins scheduled.")
            )
            _warn_about_the_permit(request, placement, participant)
            return _to_case(case)
    return _form_page(request, case, form, _("Record a placement"), _("Record placement"))


@login_required
@require_http_methods(["GET", "POST"])
def placement_edit(request: AuthenticatedHttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    case = case_for_request(
        request, participant_pk, require=CHANGE, action="placements.placement.form_viewed"
    )
    placement = _placement(case, pk)
    form = forms.PlacementForm(
        request.POST or None, instance=placement, participant=case.participant
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.placement_update(
                actor=request.user,
                placement=placement,
                expected_version=form.expected_version,
                changes=form.values(),
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The placement was saved."))
            _warn_about_the_permit(request, saved, case.participant)
            return _to_case(case)
    return _form_page(request, case, form, _("Edit the placement"), _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def placement_end(request: AuthenticatedHttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    case = case_for_request(
        request, participant_pk, require=CHANGE, action="placements.placement.form_viewed"
    )
    placement = _placement(case, pk)
    form = forms.EndForm(
        request.POST or None,
        version=placement.version,
        starts_on=placement.starts_on,
        initial={"ended_on": placement.ended_on, "end_reason": placement.end_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_end(
                actor=request.user,
                placement=placement,
                expected_version=form.expected_version,
                ended_on=form.cleaned_data["ended_on"],
                end_reason=form.cleaned_data["end_reason"],
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The end of the placement was recorded."))
            return _to_case(case)
    return _form_page(
        request,
        case,
        form,
        _("End of the placement"),
        _("Record the end"),
        intro=f"{placement.title}, {placement.employer.name}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: AuthenticatedHttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    """Record a check-in: the case's owner, like every other change of the case."""
    case = case_for_request(
        request, participant_pk, require=CHANGE, action="placements.check_in.form_viewed"
    )
    found: CheckIn | None = selectors.check_in_of(case, pk)
    if found is None:
        raise Http404
    form = forms.CheckInForm(
        request.POST or None,
        version=found.version,
        initial={
            "done_on": found.done_on or timezone.localdate(),
            "state": found.state,
            "risks": found.risks,
            "action": found.action,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_in_record(
                actor=request.user,
                check_in=found,
                expected_version=form.expected_version,
                done_on=data["done_on"],
                state=data["state"],
                risks=data["risks"],
                action=data["action"],
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The check-in was recorded."))
            return _to_case(case)
    placement = found.placement
    return _form_page(
        request,
        case,
        form,
        ngettext(
            "Follow-up after %(months)s month", "Follow-up after %(months)s months", found.months
        )
        % {"months": found.months},
        _("Record the check-in"),
        intro=f"{placement.title}, {placement.employer.name}",
    )


@login_required
@require_GET
def employer_sheet(request: AuthenticatedHttpRequest, participant_pk: int, pk: int) -> HttpResponse:
    """The one-page sheet for the employer: only while the placement runs and with the
    participant's consent to contact with employers; otherwise a page that says why (and
    where to record the consent)."""
    case = case_for_display(
        request.user,
        participant_pk,
        require="participants.view_case",
        action="placements.employer_sheet.requested",
        placement=pk,
    )
    placement = _placement(case, pk)
    if placement.ended_on is not None:
        return render(
            request,
            "placements/sheet_refused.html",
            {"case": case, "placement": placement, "ended": True},
            status=409,
        )
    today = timezone.localdate()
    if not selectors.has_employer_consent(case.participant, today):
        return render(
            request,
            "placements/sheet_refused.html",
            {
                "case": case,
                "placement": placement,
                "may_record": case.allows("participants.manage_consent"),
            },
            status=403,
        )
    content = sheet.employer_sheet_pdf(placement, case.participant, today)
    audit_record(
        actor=request.user,
        action="placements.employer_sheet.created",
        obj=placement,
        participant_id=case.participant.pk,
    )
    return download(content, "application/pdf", sheet.filename(placement))


@login_required
@permission_required("placement_records.view_follow_up", raise_exception=True)
@require_GET
def follow_up(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Nachbetreuung: placements at risk and check-ins due, of the participants the user may
    see; each row is a read of the case, audited."""
    today = timezone.localdate()
    found = selectors.follow_up_list(request.user, today, soon=services.DUE_SOON)
    ids = {p.participant_id for p in found.at_risk} | {
        c.placement.participant_id for c in found.due
    }
    if ids:
        audit_record_many(
            actor=request.user, action="placements.follow_up.listed", participant_ids=sorted(ids)
        )
    return render(
        request,
        "placements/follow_up.html",
        {"at_risk": found.at_risk, "due": found.due, "today": today},
    )


@login_required
@permission_required("placement_records.change_settings", raise_exception=True)
@require_http_methods(["GET", "POST"])
def follow_up_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    network = membership.organisation.network
    months, version = selectors.follow_up_months(network.pk)
    form = forms.FollowUpSettingForm(
        request.POST or None,
        version=version,
        initial={"months": ", ".join(str(m) for m in months)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_setting_save(
                actor=request.user,
                network=network,
                months=form.cleaned_data["months"],
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        else:
            messages.success(request, _("The follow-up schedule was saved."))
            return redirect("placements:settings")
    return render(request, "placements/settings.html", {"form": form})
