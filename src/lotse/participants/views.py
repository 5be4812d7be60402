import datetime
import uuid
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record, audit_record_many
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.formats import alphabetical
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.redirects import safe_next
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.core.submissions import FIELD as SUBMISSION_FIELD
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.network.models import Membership
from lotse.network.selectors import case_workers
from lotse.participants import forms, services
from lotse.participants.access import (
    SHARING_PURPOSES,
    CaseAccess,
    case_for_display,
    case_for_request,
    participant_for_user,
    revocation_notes,
    valid_consents,
    visible_participant_parts,
)
from lotse.participants.caseload import EXPIRY_WARNING_DAYS, caseload_rows
from lotse.participants.enums import ConsentPurpose, document_title
from lotse.participants.models import Consent, IntakeDraft, Participant
from lotse.participants.panels import case_header, children_text, consents_panel
from lotse.participants.sections import (
    case_panels,
    case_section,
    exit_asks,
    intake_steps,
    volunteer_panels,
)
from lotse.participants.selectors import (
    MergedIds,
    children_of,
    completed_draft_of,
    consent_of,
    counsellor_cases,
    open_drafts_of,
    organisation_case_count,
    search_participants,
    share_of,
    shared_cases_of,
    task_of,
    tasks_for_user,
)
from lotse.participants.tasklists import task_list_parts
from lotse.participants.timeline import task_list_rows

PAGE_SIZE = 50

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination


@login_required
@permission_required("participants.list_participants", raise_exception=True)
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    is_volunteer = membership.role == Role.VOLUNTEER
    data = request.GET.copy()
    # A counsellor starts with their own participants, a team lead with the organisation's;
    # cases other organisations share with it are a choice of the filter.
    starting_view = (
        "" if is_volunteer else "me" if membership.role == Role.COUNSELLOR else "organisation"
    )
    data.setdefault("counsellor", starting_view)
    form = forms.CaseloadFilterForm(data, organisation=membership.organisation)
    if is_volunteer:
        # A volunteer's search finds names only (a date or file number would reveal case data).
        form.fields["q"].help_text = _("Name in any spelling")
    form.is_valid()
    # A field in error is left out, its message shown: the list stays the usual one and never
    # widens because of a typo (the other fields still apply).
    filters = {
        "q": "",
        "status": "",
        "site": None,
        "counsellor": starting_view,
        "expiring": False,
        **form.cleaned_data,
    }
    query = filters["q"]
    # Cases shared into this organisation have their counsellor in the owning one.
    own_only = filters["counsellor"] not in ("", "shared")
    visible = visible_participant_parts(request.user, with_shared=not own_only)
    if is_volunteer:
        # Volunteers see contact data only: filters on case data would reveal it by their hits.
        parts = visible.narrowed(lambda part: search_participants(part, query, names_only=True))
    else:
        parts = visible.narrowed(lambda part: _filtered(part, filters, membership))
    # Page over ids first: the database reads narrow index entries, and only the 50 rows shown
    # are joined and annotated.
    ordering = ("last_name", "first_names", "pk")
    # Paginator only counts and slices the ids, the part of its protocol `MergedIds` offers.
    # The own part is then the organisation's whole set of cases, whose size is kept.
    unfiltered_own_part = membership.role in CASE_ROLES and not (
        query or filters["status"] or filters["site"] or filters["expiring"]
    )
    own_count = (
        organisation_case_count(membership.organisation_id)
        if unfiltered_own_part and filters["counsellor"] in ("", "organisation")
        else None
    )
    ids = cast("_SupportsPagination[int]", MergedIds(parts, ordering, own_count))
    page: Page[int] = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    # The rows are read from what the user may see, limited to the page's ids.
    shown = visible.own if visible.shared is None else visible.own | visible.shared
    rows = caseload_rows(
        shown.filter(pk__in=page.object_list),
        ordering=ordering,
        own_organisation_id=membership.organisation_id,
        today=timezone.localdate(),
        contact_data_only=is_volunteer,
    )
    audit_record_many(
        actor=request.user,
        action=(
            "participants.participant.search_hit" if query else "participants.participant.listed"
        ),
        participant_ids=rows.participant_ids,
        detail={"query_length": len(query)} if query else None,
    )
    if not is_volunteer and not request.htmx:
        # Outside the rows: the first view says that other organisations share cases with
        # this one, whatever the filter shows.
        shared_cases = shared_cases_of(
            membership.organisation_id, membership.organisation.network_id, timezone.localdate()
        )
    else:
        shared_cases = None
    context = {
        "shared_cases": shared_cases,
        "showing_shared": filters["counsellor"] in ("", "shared"),
        # A team lead's whole organisation, or shared cases, are not "my participants".
        "heading": _("My participants")
        if is_volunteer or filters["counsellor"] in ("me", str(membership.user_id))
        else _("Participants"),
        "form": form,
        "page": page,
        "rows": rows,
        "is_volunteer": is_volunteer,
        "querystring": _without_page(request),
    }
    template = "participants/caseload.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _filtered(
    participants: QuerySet[Participant], filters: dict[str, Any], membership: Membership
) -> QuerySet[Participant]:
    participants = search_participants(participants, filters["q"])
    if filters["status"]:
        participants = participants.filter(status=filters["status"])
    if filters["site"]:
        participants = participants.filter(site_id=filters["site"])
    # "organisation" and "" need no filter here: the own part is the organisation's, and only
    # "" keeps the shared part (see caseload).
    counsellor = filters["counsellor"]
    if counsellor == "me":
        participants = participants.filter(counsellor_id=membership.user_id)
    elif counsellor == "shared":
        # Cases other organisations share with this one: they have no counsellor here.
        participants = participants.exclude(organisation_id=membership.organisation_id)
    elif counsellor not in ("", "organisation"):
        participants = participants.filter(counsellor_id=counsellor)
    if filters["expiring"]:
        # Expired documents too: they need action sooner than those about to expire.
        participants = participants.filter(
            document_valid_until__lte=timezone.localdate()
            + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        )
    return participants


def _without_page(request: AuthenticatedHttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@permission_required("participants.transfer_cases", raise_exception=True)
@require_http_methods(["GET", "POST"])
def caseload_transfer(request: AuthenticatedHttpRequest, user_pk: int) -> HttpResponse:
    """The team lead moves the cases of a counsellor to another (a person leaves)."""
    membership = membership_of(request.user)
    assert membership is not None
    names = {pk: name for pk, name, _active in case_workers(membership.organisation_id)}
    if user_pk not in names:
        raise Http404
    own = visible_participant_parts(request.user, with_shared=False).own
    cases = counsellor_cases(own, user_pk)
    form = forms.CaseloadTransferForm(
        request.POST or None,
        organisation=membership.organisation,
        from_counsellor_id=user_pk,
        cases=cases,
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.caseload_transfer(
                actor=request.user,
                from_counsellor_id=user_pk,
                to_counsellor_id=form.cleaned_data["to_counsellor"],
                participant_ids=form.participant_ids(),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            target = names.get(form.cleaned_data["to_counsellor"], "")
            messages.success(
                request,
                ngettext(
                    "%(count)s case was moved to %(name)s.",
                    "%(count)s cases were moved to %(name)s.",
                    len(moved),
                )
                % {"count": len(moved), "name": target},
            )
            return redirect("network:accounts")
    # The page names the cases: listed like a caseload page.
    audit_record_many(
        actor=request.user,
        action="participants.participant.listed",
        participant_ids=[case["pk"] for case in cases],
    )
    return render(
        request,
        "participants/caseload_transfer.html",
        {"form": form, "counsellor": names[user_pk], "count": len(cases)},
    )


@login_required
def participant_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_display(request.user, pk)
    context: dict[str, Any] = {"participant": case.participant, "case": case}
    if not case.allows("participants.view_case"):
        context["panels"] = volunteer_panels(case, request)
        return render(request, "participants/detail_volunteer.html", context)
    context.update(
        children=children_text(case),
        panels=case_panels(case, request),
        header=case_header(case),
    )
    return render(request, "participants/detail.html", context)


@login_required
@require_GET
def section(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    """A section's panel loaded on demand: by htmx into the participant page's slot, or a page
    of its own without JavaScript (the slot's link)."""
    found = case_section(key)
    if found is None or not found.lazy or found.panel_context is None:
        raise Http404
    case = case_for_display(request.user, pk, require=found.permission, panel=key)
    panel = found.panel_context(case, request)
    if panel is None:
        raise Http404
    context = {"participant": case.participant, "case": case, "panel": panel}
    if request.htmx:
        return render(request, found.panel_template, context)
    return render(
        request,
        "participants/section_page.html",
        {**context, "label": found.label, "template": found.panel_template, "line": None},
    )


@login_required
@require_GET
def section_line(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    """A section's line among the essentials at the top of the participant page, loaded by htmx
    after the page (or a page of its own)."""
    found = case_section(key)
    if found is None or found.header_line is None:
        raise Http404
    case = case_for_display(request.user, pk, require=found.permission, line=key)
    line = found.header_line(case)
    if request.htmx:
        return render(request, "participants/header_line.html", {"line": line})
    return render(
        request,
        "participants/section_page.html",
        {"participant": case.participant, "case": case, "label": found.label, "line": line},
    )


@login_required
@require_GET
def consents(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The owner's consents, shares and volunteers: loaded by htmx into the participant page, or
    a page of its own without JavaScript."""
    case = case_for_display(
        request.user, pk, require="participants.manage_consent", panel="consents"
    )
    context = {"participant": case.participant, "case": case, "panel": consents_panel(case)}
    if request.htmx:
        return render(request, "participants/panels/consents.html", context)
    return render(request, "participants/consents_page.html", context)


# Where a form's change is shown on the participant page: the page returns to that section, so
# the counsellor sees what was saved next to the confirmation (lotse.js places it there).
SECTION_OF_FORM = {
    "edit": "h-person",
    "contact": "h-timeline",
    "task": "h-tasks",
    "document": "h-documents",
    "consent": "consents",
}


def _back_to_case(pk: int, form: str = "") -> HttpResponse:
    url = reverse("participants:detail", args=[pk])
    section = SECTION_OF_FORM.get(form)
    return redirect(f"{url}#{section}" if section else url)


def _already_saved(request: AuthenticatedHttpRequest, pk: int, form: str = "") -> HttpResponse:
    messages.info(request, ALREADY_SAVED)
    return _back_to_case(pk, form)


def _participant_form_page(
    request: AuthenticatedHttpRequest,
    case: CaseAccess,
    form: Any,
    title: str,
    submit_label: str,
    intro: str = "",
    notices: list[str] | None = None,
) -> HttpResponse:
    return render(
        request,
        "participants/form_page.html",
        {
            "participant": case.participant,
            "case": case,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "intro": intro,
            "notices": notices or [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.change_case", form="edit")
    participant = case.participant
    form = forms.ParticipantForm(
        request.POST or None,
        instance=participant,
        organisation=participant.organisation,
        children=children_of(case),
    )
    if request.method == "POST" and form.is_valid():
        changes, children = form.changes()
        try:
            services.participant_update(
                actor=request.user,
                participant=participant,
                expected_version=form.expected_version,
                changes=changes,
                children_birth_years=children,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The changes were saved."))
            return _back_to_case(pk, "edit")
    return _participant_form_page(request, case, form, _("Edit personal data"), _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def participant_enrol(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.change_case", form="enrol")
    participant = case.participant
    form = forms.EnrolForm(request.POST or None, initial={"entry_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_enrol(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The participant is enrolled."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, case, form, _("Enrol"), _("Enrol"))


@login_required
@require_http_methods(["GET", "POST"])
def participant_exit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.change_case", form="exit")
    participant = case.participant
    initial = {"exit_date": timezone.localdate()}
    form = forms.ExitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # What the apps ask about this exit (a placement running that does not match the
        # outcome): the form is shown again with their notices until each is answered.
        asks = exit_asks(participant, form.cleaned_data["exit_date"], form.cleaned_data["outcome"])
        if asks:
            form = forms.ExitForm(request.POST, initial=initial, asks=asks)
            form.is_valid()
        answers = form.answers() if asks else {}
        if answers is not None:
            try:
                services.participant_exit(
                    actor=request.user,
                    participant=participant,
                    exit_date=form.cleaned_data["exit_date"],
                    outcome=form.cleaned_data["outcome"],
                    answers=answers,
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("The case is closed."))
                return redirect("participants:detail", pk=pk)
    return _participant_form_page(
        request,
        case,
        form,
        _("Close the case"),
        _("Close case"),
        notices=form.notices(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.add_contact", form="contact")
    participant = case.participant
    membership = membership_of(request.user)
    assert membership is not None
    form = forms.ContactRecordForm(
        request.POST or None,
        organisation=membership.organisation,
        initial={
            "submission_key": uuid.uuid4(),
            "took_place_on": timezone.localdate(),
            "duration_minutes": 45,
            "form": "in_person",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        next_steps = form.next_steps()
        for key in ("next_step_1", "next_step_1_due", "next_step_2", "next_step_2_due"):
            data.pop(key)
        try:
            services.contact_record(
                actor=request.user, participant=participant, next_steps=next_steps, **data
            )
        except DomainError as error:
            messages.warning(request, error.message)
            return _back_to_case(pk, "contact")
        messages.success(request, _("The contact was saved."))
        return _back_to_case(pk, "contact")
    return _participant_form_page(
        request, case, form, _("Record a counselling contact"), _("Save contact")
    )


def _posted_version(request: AuthenticatedHttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None  # refused as a stale edit: a post must say which version it saw


@login_required
@require_POST
def task_done(request: AuthenticatedHttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """Mark a task done, from the participant page or from "my tasks" (`return_to=tasks`)."""
    case = participant_for_user(request.user, pk, require="participants.add_contact")
    task = task_of(case, task_pk)
    if task is None or not case.may_complete_task(task.organisation_id):
        raise Http404
    try:
        services.task_complete(
            actor=request.user,
            task=task,
            expected_version=_posted_version(request),
            done_on=timezone.localdate(),
        )
    except StaleEditError:
        messages.warning(
            request,
            _("“%(task)s” was changed in the meantime. Please check it and mark it again.")
            % {"task": task.description},
        )
    except DomainError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("“%(step)s” is marked as done.") % {"step": task.description})
    if request.POST.get("return_to") == "tasks":
        return redirect("tasks:mine")
    return _back_to_case(pk, "task")


@login_required
@require_http_methods(["GET", "POST"])
def task_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A task that stems from neither a contact nor the plan ("call the authority back")."""
    case = case_for_request(request, pk, require="participants.add_contact", form="task")
    participant = case.participant
    form = forms.TaskForm(
        request.POST or None,
        participant=participant,
        initial={"organisation": case.organisation_id, "assignee": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _already_saved(request, pk)
                services.task_create(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The task was added."))
            return redirect(reverse("participants:detail", args=[pk]) + "#tasks")
    return _participant_form_page(request, case, form, _("Add a task"), _("Add task"))


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: AuthenticatedHttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """Change a task: its date, who does it, or cancel it. Who may mark it done may edit it."""
    case = case_for_request(request, pk, require="participants.add_contact", form="task")
    task = task_of(case, task_pk)
    if task is None or not case.may_complete_task(task.organisation_id):
        raise Http404
    form = forms.TaskEditForm(
        request.POST or None,
        participant=case.participant,
        version=task.version,
        initial={
            "description": task.description,
            "organisation": task.organisation_id,
            "assignee": task.assignee_id,
            "assignee_name": task.assignee_name,
            "due_on": task.due_on,
            "status": task.status,
            "note": task.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(
                actor=request.user,
                task=task,
                expected_version=form.expected_version,
                changes=form.data_without_version(),
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(reverse("participants:detail", args=[pk]) + "#tasks")
    return _participant_form_page(request, case, form, _("Edit task"), _("Save"))


TASK_BOX_ROWS = 5


@login_required
@require_GET
@permission_required("participants.run_intake", raise_exception=True)
def my_tasks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """ "My tasks": the signed-in person's open tasks of every case they may see, overdue first.
    `?box=1` is the caseload's box of the overdue ones."""
    today = timezone.localdate()
    tasks = tasks_for_user(request.user)
    if request.GET.get("box"):
        overdue = tasks.filter(due_on__lt=today)
        shown = list(overdue[:TASK_BOX_ROWS])
        total = len(shown) if len(shown) < TASK_BOX_ROWS else overdue.count()
        page = None
    else:
        page = Paginator(cast("_SupportsPagination[Any]", tasks), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        shown = list(page.object_list)
        total = page.paginator.count
    audit_record_many(
        actor=request.user,
        action="participants.task.listed",
        participant_ids=list(dict.fromkeys(t.participant_id for t in shown)),
    )
    context = {"rows": task_list_rows(shown, today=today), "total": total, "page": page}
    if page is None:
        return render(request, "participants/tasks_box.html", context)
    # Tasks that belong to no case (an employer's next steps), from the apps that keep them.
    context["parts"] = task_list_parts(request.user, today)
    return render(request, "participants/tasks.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.change_case", form="document")
    participant = case.participant
    form = forms.ResidenceDocumentForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _already_saved(request, pk, "document")
                services.residence_document_record_with_facts(
                    actor=request.user, participant=participant, values=form.cleaned_data
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The residence document was added."))
            return _back_to_case(pk, "document")
    return _participant_form_page(
        request, case, form, _("Add a residence document"), _("Add document")
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.manage_consent", form="consent")
    participant = case.participant
    # Another page that needs the consent (a referral) links here filled in, and is returned to.
    initial: dict[str, Any] = {"given_on": timezone.localdate()}
    if request.GET.get("purpose") in ConsentPurpose.values:
        initial["purpose"] = request.GET["purpose"]
    if request.GET.get("organisation", "").isdigit():
        initial["organisations"] = [int(request.GET["organisation"])]
    back = safe_next(request)
    form = forms.ConsentRecordForm(
        request.POST or None, network_id=participant.network_id, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _already_saved(request, pk, "consent")
                services.consent_record(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect(back) if back else _back_to_case(pk, "consent")
    return _participant_form_page(request, case, form, _("Record a consent"), _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def consent_revoke(request: AuthenticatedHttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = case_for_request(
        request, pk, require="participants.manage_consent", form="consent_revoke"
    )
    participant = case.participant
    consent = consent_of(case, consent_pk)
    if consent is None:
        raise Http404
    form = forms.RevokeConsentForm(
        request.POST or None, initial={"revoked_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(actor=request.user, consent=consent, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The consent was revoked. Organisations it covered no longer see the case."),
            )
            return _back_to_case(pk, "consent")
    return _participant_form_page(
        request,
        case,
        form,
        _("Revoke consent"),
        _("Revoke"),
        intro=_revocation_effect(participant, consent),
    )


def _revocation_effect(participant: Participant, consent: Consent) -> str:
    """What revoking `consent` does to the organisations the case is shared with, before the
    counsellor confirms it."""
    today = timezone.localdate()
    losing = []
    if consent.purpose in SHARING_PURPOSES and consent.is_valid_on(today):
        covered = set(consent.organisations.values_list("pk", flat=True))
        shares = participant.shares.filter(ended_at__isnull=True, organisation_id__in=covered)
        losing = [
            share.organisation.name
            for share in shares.select_related("organisation")
            if not valid_consents(share.organisation_id, today)
            .filter(participant=participant)
            .exclude(pk=consent.pk)
            .exists()
        ]
    # What the apps granted on the consent (open referrals) ends with it too.
    notes = revocation_notes(consent)
    if losing:
        said = _("These organisations lose access to the case at once: %(names)s.") % {
            "names": ", ".join(sorted(losing, key=alphabetical))
        }
        return " ".join([said, *notes])
    if notes:
        return " ".join(notes)
    return _("No organisation loses access to the case through this revocation.")


@login_required
@require_http_methods(["GET", "POST"])
def share_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.manage_consent", form="share")
    participant = case.participant
    if request.method == "POST" and already_submitted(request):
        return _already_saved(request, pk, "consent")
    form = forms.ShareForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _already_saved(request, pk, "consent")
                services.share_start(
                    actor=request.user,
                    participant=participant,
                    organisation=form.cleaned_data["organisation"],
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The case is now shared."))
            return _back_to_case(pk, "consent")
    return _participant_form_page(request, case, form, _("Share the case"), _("Share"))


@login_required
@require_POST
def share_end(request: AuthenticatedHttpRequest, pk: int, share_pk: int) -> HttpResponse:
    case = participant_for_user(request.user, pk, require="participants.manage_consent")
    share = share_of(case, share_pk)
    if share is None:
        raise Http404
    try:
        services.share_end(actor=request.user, share=share)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The share has ended."))
    return _back_to_case(pk, "consent")


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="participants.assign_volunteer", form="volunteer")
    participant = case.participant
    if request.method == "POST" and already_submitted(request):
        return _already_saved(request, pk, "consent")
    form = forms.VolunteerAssignForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if not first_submission(request):
                return _already_saved(request, pk, "consent")
            services.volunteer_assign(
                actor=request.user,
                participant=participant,
                volunteer=form.cleaned_data["volunteer"],
            )
        messages.success(request, _("The volunteer now sees this person's contact details."))
        return _back_to_case(pk, "consent")
    return _participant_form_page(request, case, form, _("Assign a volunteer"), _("Assign"))


@login_required
@require_POST
def volunteer_remove(request: AuthenticatedHttpRequest, pk: int, user_pk: int) -> HttpResponse:
    case = participant_for_user(request.user, pk, require="participants.assign_volunteer")
    participant = case.participant
    volunteer = get_object_or_404(participant.volunteers.all(), pk=user_pk)
    services.volunteer_unassign(actor=request.user, participant=participant, volunteer=volunteer)
    messages.success(request, _("The volunteer no longer sees this person."))
    return _back_to_case(pk, "consent")


# The intake interview (Erstgespräch): steps saved in a draft until the participant is created.
# The apps' steps (`sections.register_intake_step`) come after the household, before consent.
INTAKE_STEPS: list[tuple[str, Any, str]] = [
    ("person", forms.PersonForm, "Person"),
    ("contact", forms.ContactDetailsForm, "Contact"),
    ("residence", forms.ResidenceDocumentForm, "Residence"),
    ("household", forms.HouseholdForm, "Household and wishes"),
    ("consent", forms.IntakeConsentForm, "Consent"),
]


def _steps() -> list[tuple[str, Any, str]]:
    kernel, consent = INTAKE_STEPS[:-1], INTAKE_STEPS[-1]
    added = [(step.key, step.form, str(step.label)) for step in intake_steps()]
    return [*kernel, *added, consent]


def _step_names() -> list[str]:
    return [name for name, _form, _label in _steps()]


def _step_labels() -> list[tuple[str, str]]:
    labels = {
        "person": _("Person"),
        "contact": _("Contact"),
        "residence": _("Residence"),
        "household": _("Household and wishes"),
        "consent": _("Consent"),
        "review": _("Check and create"),
        **{step.key: str(step.label) for step in intake_steps()},
    }
    return [(name, labels[name]) for name in [*_step_names(), "review"]]


def _own_draft(request: AuthenticatedHttpRequest, draft_pk: int, *, page: str) -> IntakeDraft:
    """The user's own open draft. A draft holds personal data of someone not yet registered:
    obtaining it for a page (GET) writes the view event, like `case_for_display`."""
    draft = open_drafts_of(request.user).filter(pk=draft_pk).first()
    if draft is None:
        raise Http404
    if request.method in ("GET", "HEAD"):
        audit_record(
            actor=request.user,
            action="participants.intake_draft.viewed",
            obj=draft,
            detail={"page": page},
        )
    return draft


def _step_form(step: str, data: Any, draft: IntakeDraft | None, network_id: int) -> Any:
    form_class = {n: f for n, f, _label in _steps()}[step]
    kwargs: dict[str, Any] = {}
    if step == "consent":
        kwargs["network_id"] = network_id
    elif step == "contact":
        assert draft is not None  # the first step makes the draft
        kwargs["organisation_id"] = draft.organisation_id
    if data is not None:
        return form_class(data, **kwargs)
    stored = draft.data.get(step, {}) if draft else {}
    initial = {k: v if k == "organisations" else (v[0] if v else "") for k, v in stored.items()}
    return form_class(initial=initial, **kwargs)


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_GET
def intake_start(request: AuthenticatedHttpRequest) -> HttpResponse:
    drafts = open_drafts_of(request.user)
    return render(
        request,
        "participants/intake_start.html",
        {"drafts": drafts, "draft_days": settings.LOTSE_INTAKE_DRAFT_DAYS},
    )


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The first step of a new intake. The draft is made by its first save, so opening the
    page and leaving it leaves no empty draft behind."""
    first = _step_names()[0]
    membership = membership_of(request.user)
    assert membership is not None
    network_id = membership.organisation.network_id
    if request.method == "POST":
        raw = _typed(request)
        if _nothing_typed(first, raw):
            # An empty step makes no draft: it would only be "(no name yet)" in the list.
            if request.POST.get("action") == "draft":
                messages.info(request, _("Nothing was entered, so no draft was saved."))
                return redirect("participants:intake_start")
            form = _step_form(first, MultiValueDict(raw), None, network_id)
            return _step_page(request, None, first, form)
        with transaction.atomic():
            if not first_submission(request):
                messages.info(request, ALREADY_SAVED)
                return redirect("participants:intake_start")
            draft = services.intake_draft_save(actor=request.user, draft=None, step=first, data=raw)
        return _after_step(request, draft, first, raw)
    return _step_page(request, None, first, _step_form(first, None, None, network_id))


def _nothing_typed(step: str, raw: dict[str, list[str]]) -> bool:
    """Only empty fields and the choices the form starts with."""
    fields = {n: f for n, f, _label in _steps()}[step].base_fields
    return all(
        not value.strip() or (name in fields and value == str(fields[name].initial or ""))
        for name, values in raw.items()
        for value in values
    )


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_discard(request: AuthenticatedHttpRequest, draft_pk: int) -> HttpResponse:
    draft = _own_draft(request, draft_pk, page="discard")
    if request.method == "POST":
        services.intake_draft_discard(actor=request.user, draft=draft)
        messages.success(request, _("The draft was deleted."))
        return redirect("participants:intake_start")
    return render(request, "participants/intake_discard.html", {"draft": draft})


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_step(request: AuthenticatedHttpRequest, draft_pk: int, step: str) -> HttpResponse:
    if step not in _step_names():
        raise Http404
    draft = _own_draft(request, draft_pk, page=step)
    if request.method == "POST":
        raw = _typed(request)
        # Whatever was typed is kept, even when it does not validate yet: nothing is lost.
        draft = services.intake_draft_save(actor=request.user, draft=draft, step=step, data=raw)
        return _after_step(request, draft, step, raw)
    form = _step_form(step, None, draft, draft.organisation.network_id)
    return _step_page(request, draft, step, form)


# Posted fields that are not the step's input and are not kept in the draft.
NOT_TYPED = ("csrfmiddlewaretoken", "action", "duplicates_seen", SUBMISSION_FIELD)


def _typed(request: AuthenticatedHttpRequest) -> dict[str, list[str]]:
    return {k: v for k, v in request.POST.lists() if k not in NOT_TYPED}


def _after_step(
    request: AuthenticatedHttpRequest, draft: IntakeDraft, step: str, raw: dict[str, list[str]]
) -> HttpResponse:
    """Where a saved step leads: the list of drafts, the step before or after, or the step
    again with its problems or with people already registered under this name."""
    action = request.POST.get("action", "next")
    if action == "draft":
        messages.success(request, _("The draft was saved. You can resume it at any time."))
        return redirect("participants:intake_start")
    names = _step_names()
    index = names.index(step)
    if action == "back" and index > 0:
        return redirect("participants:intake_step", draft_pk=draft.pk, step=names[index - 1])
    form = _step_form(step, MultiValueDict(raw), draft, draft.organisation.network_id)
    if not form.is_valid():
        return _step_page(request, draft, step, form)
    if step == "person":
        # As soon as name and date of birth are known: a second case is easier not to create
        # than to merge. A warning once seen is not repeated for the same matches.
        duplicates = services.possible_duplicates(actor=request.user, person=form.cleaned_data)
        if duplicates and request.POST.get("duplicates_seen") != duplicates.signature:
            return _step_page(request, draft, step, form, duplicates=duplicates)
    if index + 1 < len(names):
        return redirect("participants:intake_step", draft_pk=draft.pk, step=names[index + 1])
    return redirect("participants:intake_review", draft_pk=draft.pk)


def _step_page(
    request: AuthenticatedHttpRequest,
    draft: IntakeDraft | None,
    step: str,
    form: Any,
    duplicates: services.PossibleDuplicates | None = None,
) -> HttpResponse:
    return render(
        request,
        "participants/intake_step.html",
        {
            "draft": draft,
            "form": form,
            "step": step,
            "steps": _step_labels(),
            "is_first": step == INTAKE_STEPS[0][0],
            "duplicates": duplicates,
            # Once the draft exists, the step is sent to it (also after the first save).
            "action": reverse("participants:intake_step", args=[draft.pk, step]) if draft else "",
        },
    )


def _validated_intake(draft: IntakeDraft) -> tuple[dict[str, Any], str | None]:
    """All steps' cleaned data, or the first step that is not complete."""
    network_id = draft.organisation.network_id
    cleaned: dict[str, Any] = {}
    for step in _step_names():
        if step not in draft.data:
            return cleaned, step
        form = _step_form(step, MultiValueDict(draft.data[step]), draft, network_id)
        if not form.is_valid():
            return cleaned, step
        cleaned[step] = form.cleaned_data
    return cleaned, None


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_review(request: AuthenticatedHttpRequest, draft_pk: int) -> HttpResponse:
    completed = completed_draft_of(request.user, draft_pk)
    if completed is not None:
        # A second click on "create" after the first went through.
        messages.info(request, _("This intake has already been completed."))
        return redirect("participants:detail", pk=completed.participant_id)
    draft = _own_draft(request, draft_pk, page="review")
    cleaned, incomplete = _validated_intake(draft)
    if incomplete:
        messages.error(request, _("Please complete this step first."))
        return redirect("participants:intake_step", draft_pk=draft.pk, step=incomplete)
    person = cleaned["person"]
    if request.method == "POST":
        # The key tells a second click what happened; the draft's lock in intake_complete keeps
        # it from creating a second participant.
        with transaction.atomic():
            once = first_submission(request)
            participant = services.intake_complete(actor=request.user, draft=draft, cleaned=cleaned)
        if once:
            name = participant.full_name
            messages.success(request, _("%(name)s was registered.") % {"name": name})
        else:
            messages.info(request, _("This intake has already been completed."))
        return redirect("participants:detail", pk=participant.pk)
    duplicates = services.possible_duplicates(actor=request.user, person=person)
    return render(
        request,
        "participants/intake_review.html",
        {
            "draft": draft,
            "cleaned": cleaned,
            "steps": _step_labels(),
            "step": "review",
            "duplicates": duplicates,
            "document_label": document_title(
                cleaned["residence"].get("document_type", ""), cleaned["residence"]["section"]
            ),
            "residence_facts": forms.ResidenceDocumentForm().facts_summary(cleaned["residence"]),
            "added_steps": [
                (step.label, step.summary(cleaned[step.key]))
                for step in intake_steps()
                if step.key in cleaned
            ],
            "detail_url": reverse("participants:detail", args=[0])[:-2],
        },
    )
