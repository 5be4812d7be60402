"""The ESF section's pages on a case: entry items, the situation after leaving, the follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import first_submission
from lotse.participants.access import CaseAccess, case_for_request, participant_for_user
from lotse.reporting import forms, selectors, services

ANCHOR = "#esf"


def _back(pk: int) -> HttpResponse:
    return redirect(reverse("participants:detail", args=[pk]) + ANCHOR)


def _page(
    request: AuthenticatedHttpRequest,
    case: CaseAccess,
    form: object,
    title: str,
    submit: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "participants/form_page.html",
        {
            "participant": case.participant,
            "case": case,
            "form": form,
            "title": title,
            "submit_label": submit,
            "intro": intro,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="reporting.change_esf", form="esf")
    participant = case.participant
    record = selectors.esf_record_of(participant)
    form = forms.EsfRecordForm(
        request.POST or None,
        initial=forms.EsfRecordForm.initial_from(record),
        version=None if record is None else record.version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.esf_record_save(
                actor=request.user,
                participant=participant,
                data=form.data_without_version(),
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The ESF data were saved."))
            return _back(pk)
    return _page(request, case, form, _("ESF data at entry"), _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def situation_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="reporting.change_esf", form="esf_situation")
    form = forms.SituationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, _("This was saved already."))
                    return _back(pk)
                services.esf_situation_record(
                    actor=request.user, participant=case.participant, **form.cleaned_data
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The situation after leaving was recorded."))
            return _back(pk)
    return _page(request, case, form, _("Situation after leaving"), _("Record"))


@login_required
@require_POST
def situation_delete(request: AuthenticatedHttpRequest, pk: int, event_pk: int) -> HttpResponse:
    case = participant_for_user(request.user, pk, require="reporting.change_esf")
    event = next((e for e in selectors.situations_of(case.participant) if e.pk == event_pk), None)
    if event is None:
        raise Http404
    services.esf_situation_delete(actor=request.user, event=event)
    messages.success(request, _("The situation was removed."))
    return _back(pk)


@login_required
@require_http_methods(["GET", "POST"])
def no_situation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "Nothing to record within four weeks" is an answer, not a shortcut: the page asks for
    confirmation first, and the case offers to take it back."""
    case = case_for_request(request, pk, require="reporting.change_esf", form="esf_no_situation")
    participant = case.participant
    record = selectors.esf_record_of(participant)
    form = forms.NoSituationForm(
        request.POST or None, version=None if record is None else record.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.esf_no_situation_confirm(
                actor=request.user,
                participant=participant,
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Recorded: nothing to report within four weeks of leaving.")
            )
            return _back(pk)
    if participant.exit_date is None:
        intro = _("The situation after leaving is recorded once the person has left.")
    else:
        intro = _(
            "Please confirm that you asked and that within four weeks after the exit on"
            " %(date)s there was nothing to record: no job, no job searching, no education or"
            " training, no qualification. The exit is then complete and counts in none of the"
            " ESF result indicators. You can take this back on the case page."
        ) % {"date": participant.exit_date.strftime("%d.%m.%Y")}
    return _page(
        request,
        case,
        form,
        _("Nothing to record within four weeks"),
        _("Confirm: nothing to record"),
        intro,
    )


@login_required
@require_POST
def no_situation_undo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = participant_for_user(request.user, pk, require="reporting.change_esf")
    form = forms.NoSituationForm(request.POST)
    form.is_valid()
    try:
        services.esf_no_situation_undo(
            actor=request.user,
            participant=case.participant,
            expected_version=form.expected_version,
        )
    except StaleEditError:
        messages.error(
            request,
            _("The ESF data were changed in the meantime; please look again and try once more."),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Taken back: the exit is incomplete again until its situation is recorded."),
        )
    return _back(pk)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_answer(request: AuthenticatedHttpRequest, pk: int, follow_up_pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="reporting.change_esf", form="esf_follow_up")
    follow_up = selectors.follow_up_of(case.participant, follow_up_pk)
    if follow_up is None:
        raise Http404
    initial = {}
    if follow_up.answered_on is not None:
        initial = {
            "answered_on": follow_up.answered_on,
            "employed": "yes" if follow_up.employed else "no",
            "improved": "yes" if follow_up.improved else "no",
        }
    form = forms.FollowUpForm(request.POST or None, initial=initial, version=follow_up.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(
                actor=request.user,
                follow_up=follow_up,
                expected_version=form.expected_version,
                **form.data_without_version(),
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The follow-up was recorded."))
            return _back(pk)
    return _page(request, case, form, _("Six months after leaving"), _("Save"))
