"""Pages of the network's employers and vacancies. Thin: a form, the object through the
network's selectors, one service, messages, a redirect."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.employers import forms, importer, selectors, services
from lotse.employers.enums import VacancyStatus
from lotse.employers.models import ContactPerson, Employer, Vacancy
from lotse.employers.panels import employer_panels
from lotse.network.access import membership_of
from lotse.network.models import Membership

PAGE_SIZE = 50
VIEW = "employers.view_employers"
CHANGE = "employers.change_employers"


def _membership(request: AuthenticatedHttpRequest) -> Membership:
    membership = membership_of(request.user)
    assert membership is not None  # the permission asked for one
    return membership


def _employer(request: AuthenticatedHttpRequest, pk: int) -> Employer:
    return get_object_or_404(selectors.network_employers(request.user), pk=pk)


def _form_page(
    request: AuthenticatedHttpRequest,
    form: Any,
    *,
    title: str,
    cancel: str,
    employer: Employer | None = None,
    creates: bool = False,
) -> HttpResponse:
    return render(
        request,
        "employers/form.html",
        {"form": form, "title": title, "cancel": cancel, "employer": employer, "creates": creates},
    )


def _not_found() -> HttpResponse:
    raise Http404


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def employer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = _membership(request)
    filters = forms.EmployerFilterForm(
        request.GET or None, network_id=membership.organisation.network_id
    )
    employers = selectors.network_employers(request.user)
    if filters.is_valid():
        lead = filters.cleaned_data["lead"]
        employers = selectors.employer_search(
            employers,
            text=filters.cleaned_data["text"],
            industry=filters.cleaned_data["industry"],
            offer=filters.cleaned_data["offer"],
            lead=lead.pk if lead else None,
        )
    page = Paginator(employers, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.vacancy_counts([e.pk for e in page])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "employers/list.html",
        {
            "filters": filters,
            "page": page,
            "rows": [(employer, counts.get(employer.pk, 0)) for employer in page],
            "querystring": query.urlencode(),
            "can_change": request.user.has_perm(CHANGE),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def employer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The employer, its contact persons (personal data: the view is audited), its contact
    timeline with next steps, its vacancies, and what other apps add (`employers.panels`)."""
    employer = _employer(request, pk)
    people = list(selectors.people_of(employer))
    contacts = list(selectors.contacts_of(employer))
    audit_record(
        actor=request.user,
        action="employers.employer.viewed",
        obj=employer,
        detail={"contact_persons": [p.pk for p in people]},
    )
    return render(
        request,
        "employers/detail.html",
        {
            "employer": employer,
            "people": people,
            "contacts": contacts,
            "vacancies": selectors.vacancies_of(employer),
            "panels": employer_panels(employer, request.user),
            "can_change": request.user.has_perm(CHANGE),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def employer_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    membership = _membership(request)
    network = membership.organisation.network
    employer = Employer(network=network) if pk is None else _employer(request, pk)
    creating = employer.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("employers:list")
    form = forms.EmployerForm(request.POST or None, instance=employer, network_id=network.pk)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("employers:list")
                saved = services.employer_save(
                    actor=request.user,
                    network=network,
                    employer=form.save(commit=False),
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The employer was saved."))
            return redirect("employers:detail", saved.pk)
    return _form_page(
        request,
        form,
        title=_("Add employer") if creating else _("Edit employer"),
        cancel=reverse("employers:list")
        if creating
        else reverse("employers:detail", args=[employer.pk]),
        employer=None if creating else employer,
        creates=creating,
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def person_edit(
    request: AuthenticatedHttpRequest, pk: int, person_pk: int | None = None
) -> HttpResponse:
    employer = _employer(request, pk)
    if person_pk is None:
        person = ContactPerson(employer=employer, network_id=employer.network_id)
    else:
        found = selectors.person_of(employer, person_pk)
        if found is None:
            return _not_found()
        person = found
    creating = person.pk is None
    back = reverse("employers:detail", args=[employer.pk]) + "#people"
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect(back)
    if request.method == "GET" and not creating:
        audit_record(
            actor=request.user,
            action="employers.contact_person.viewed",
            obj=person,
            detail={"employer": employer.pk},
        )
    form = forms.ContactPersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect(back)
                services.contact_person_save(
                    actor=request.user,
                    employer=employer,
                    person=form.save(commit=False),
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        else:
            messages.success(request, _("The contact person was saved."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Add contact person") if creating else _("Edit contact person"),
        cancel=back,
        employer=employer,
        creates=creating,
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def person_remove(request: AuthenticatedHttpRequest, pk: int, person_pk: int) -> HttpResponse:
    employer = _employer(request, pk)
    person = selectors.person_of(employer, person_pk)
    if person is None:
        return _not_found()
    version = request.POST.get("version", "")
    try:
        services.contact_person_remove(
            actor=request.user,
            person=person,
            expected_version=int(version) if version.isdigit() else None,
        )
    except StaleEditError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The contact person was removed."))
    return redirect(reverse("employers:detail", args=[employer.pk]) + "#people")


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def contact_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    employer = _employer(request, pk)
    membership = _membership(request)
    back = reverse("employers:detail", args=[employer.pk]) + "#contacts"
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect(back)
    form = forms.EmployerContactForm(
        request.POST or None,
        people=selectors.people_of(employer),
        colleagues=selectors.step_colleagues(membership.organisation_id),
        initial={"took_place_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect(back)
                services.employer_contact_record(
                    actor=request.user,
                    employer=employer,
                    organisation=membership.organisation,
                    kind=data["kind"],
                    took_place_on=data["took_place_on"],
                    person=data["person"],
                    note=data["note"],
                    next_step=data["next_step"],
                    next_step_due=data["next_step_due"],
                    assignee=data["assignee"],
                )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The contact was recorded."))
            return redirect(back)
    return _form_page(
        request,
        form,
        title=_("Record a contact"),
        cancel=back,
        employer=employer,
        creates=True,
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_POST
def step_done(request: AuthenticatedHttpRequest, pk: int, step_pk: int) -> HttpResponse:
    employer = _employer(request, pk)
    step = selectors.step_of(employer, step_pk)
    if step is None:
        return _not_found()
    version = request.POST.get("version", "")
    try:
        services.employer_step_complete(
            actor=request.user,
            step=step,
            expected_version=int(version) if version.isdigit() else None,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The step is marked as done."))
    if request.POST.get("return_to") == "tasks":
        return redirect("tasks:mine")
    if request.POST.get("return_to") == "inbox":
        return redirect("inbox:page")
    return redirect(reverse("employers:detail", args=[employer.pk]) + "#contacts")


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def vacancy_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = request.GET.copy() if request.GET else None
    if data is None:
        filters = forms.VacancyFilterForm({"status": VacancyStatus.OPEN})
    else:
        filters = forms.VacancyFilterForm(data)
    vacancies = selectors.network_vacancies(request.user)
    if filters.is_valid():
        vacancies = selectors.vacancy_search(vacancies, **filters.cleaned_data)
    page = Paginator(vacancies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "employers/vacancies.html",
        {
            "filters": filters,
            "page": page,
            "querystring": query.urlencode(),
            "can_import": request.user.has_perm("employers.import_vacancies"),
        },
    )


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def vacancy_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vacancy = get_object_or_404(selectors.network_vacancies(request.user), pk=pk)
    return render(
        request,
        "employers/vacancy.html",
        {
            "vacancy": vacancy,
            "occupation_names": selectors.kldb_names(vacancy.kldb_code),
            "can_change": request.user.has_perm(CHANGE),
        },
    )


@login_required
@permission_required(CHANGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_edit(
    request: AuthenticatedHttpRequest, pk: int | None = None, employer_pk: int | None = None
) -> HttpResponse:
    if pk is None:
        assert employer_pk is not None
        employer = _employer(request, employer_pk)
        vacancy = Vacancy(employer=employer, network_id=employer.network_id)
    else:
        vacancy = get_object_or_404(selectors.network_vacancies(request.user), pk=pk)
        employer = vacancy.employer
    creating = vacancy.pk is None
    back = (
        reverse("employers:detail", args=[employer.pk]) + "#vacancies"
        if creating
        else reverse("employers:vacancy", args=[vacancy.pk])
    )
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect(back)
    form = forms.VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect(back)
                saved = services.vacancy_save(
                    actor=request.user,
                    employer=employer,
                    vacancy=form.save(commit=False),
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The vacancy was saved."))
            return redirect("employers:vacancy", saved.pk)
    return _form_page(
        request,
        form,
        title=_("Add vacancy") if creating else _("Edit vacancy"),
        cancel=back,
        employer=employer,
        creates=creating,
    )


@login_required
@permission_required("employers.import_vacancies", raise_exception=True)
@require_http_methods(["GET", "POST"])
def vacancy_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's upload of a BA job search file (`employers.importer`)."""
    membership = _membership(request)
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("employers:vacancies")
    form = forms.BaImportForm(request.POST or None, request.FILES or None)
    problems: list[importer.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("employers:vacancies")
                result = importer.ba_jobs_import(
                    actor=request.user,
                    network=membership.organisation.network,
                    content=upload.read(importer.MAX_BYTES + 1),
                )
        except importer.ImportRefusedError as refused:
            problems = refused.problems
            form.add_error(
                "file",
                ngettext(
                    "Nothing was imported: the file has %(count)s problem, listed below.",
                    "Nothing was imported: the file has %(count)s problems, listed below.",
                    len(problems),
                )
                % {"count": len(problems)},
            )
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("employers:vacancies")
    return render(
        request,
        "employers/import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )
