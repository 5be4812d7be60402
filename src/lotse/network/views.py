from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.network import forms, services
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.network.models import Membership, Organisation, Site
from lotse.network.selectors import team_lead_names


def _network_id(request: AuthenticatedHttpRequest) -> int:
    membership = membership_of(request.user)
    assert membership is not None
    return membership.organisation.network_id


@login_required
@permission_required("network.view_network", raise_exception=True)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "core/no_membership.html", status=403)
    team_lead = Membership.objects.filter(
        organisation=OuterRef("pk"), role=Role.TEAM_LEAD, user__is_active=True
    )
    organisations = (
        Organisation.objects.filter(network_id=membership.organisation.network_id)
        .annotate(has_team_lead=Exists(team_lead))
        .prefetch_related("sites__consultation_hours")
    )
    return render(
        request,
        "network/overview.html",
        {
            "network": membership.organisation.network,
            "organisations": organisations,
            "can_manage": request.user.has_perm("network.manage_network"),
        },
    )


@login_required
@permission_required("network.manage_network", raise_exception=True)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    network_id = _network_id(request)
    organisation = (
        get_object_or_404(Organisation, pk=pk, network_id=network_id)
        if pk
        else Organisation(network_id=network_id)
    )
    creating = organisation.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("network:overview")
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        membership = membership_of(request.user)
        assert membership is not None
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("network:overview")
                services.organisation_save(
                    actor=request.user,
                    network=membership.organisation.network,
                    organisation=form.instance,
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        else:
            if creating:
                # A new organisation can do nothing until someone there can sign in.
                messages.success(
                    request,
                    _("The organisation was saved. Now create the account of its first team lead."),
                )
                return redirect("network:team_lead_add", pk=form.instance.pk)
            messages.success(request, _("The organisation was saved."))
            return redirect("network:overview")
    return render(request, "network/form.html", {"form": form, "title": _("Organisation")})


@login_required
@permission_required("network.manage_network", raise_exception=True)
@require_http_methods(["GET", "POST"])
def team_lead_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The first team lead of an organisation, created by the coordinator; further accounts
    are the team lead's (`accounts`)."""
    organisation = get_object_or_404(Organisation, pk=pk, network_id=_network_id(request))
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("network:overview")
    form = forms.TeamLeadCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("network:overview")
                services.team_lead_account_create(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The team lead's account was created. Give the person the user name and the "
                  "initial password: at the first log-in they choose a password of their own "
                  "and set up the second factor."),
            )  # fmt: skip
            return redirect("network:overview")
    return render(
        request,
        "network/team_lead_form.html",
        {"form": form, "organisation": organisation, "team_leads": team_lead_names(pk)},
    )


@login_required
@permission_required("network.manage_network", raise_exception=True)
@require_http_methods(["GET", "POST"])
def site_edit(
    request: AuthenticatedHttpRequest, organisation_pk: int, pk: int | None = None
) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation, pk=organisation_pk, network_id=_network_id(request)
    )
    site = (
        get_object_or_404(Site, pk=pk, organisation=organisation)
        if pk
        else Site(organisation=organisation)
    )
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("network:overview")
    form = forms.SiteForm(request.POST or None, instance=site)
    hours = forms.ConsultationHourFormSet(request.POST or None, instance=site, prefix="hours")
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        try:
            with transaction.atomic():
                if first_submission(request):
                    services.site_save(
                        actor=request.user,
                        site=form.instance,
                        hours_formset=hours,
                        expected_version=form.expected_version,
                    )
                    messages.success(request, _("The site was saved."))
                else:
                    messages.info(request, ALREADY_SAVED)
        except StaleEditError as error:
            form.refuse_stale(error)
        else:
            return redirect("network:overview")
    return render(
        request,
        "network/site_form.html",
        {"form": form, "hours": hours, "organisation": organisation},
    )


@login_required
@permission_required("network.manage_accounts", raise_exception=True)
@require_http_methods(["GET", "POST"])
def accounts(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("network:accounts")
    form = forms.AccountCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if first_submission(request):
                services.account_create(
                    actor=request.user, organisation=membership.organisation, **form.cleaned_data
                )
                messages.success(request, _("The account was created."))
            else:
                messages.info(request, ALREADY_SAVED)
        return redirect("network:accounts")
    members = (
        Membership.objects.filter(organisation=membership.organisation)
        .select_related("user")
        .order_by("user__last_name", "user__username")
    )
    assignable = [role for role, _label in forms.ASSIGNABLE_ROLES]
    return render(
        request,
        "network/accounts.html",
        {"form": form, "members": members, "assignable_roles": assignable},
    )


@login_required
@permission_required("network.manage_accounts", raise_exception=True)
@require_http_methods(["GET", "POST"])
def account_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    own = membership_of(request.user)
    assert own is not None
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        pk=pk,
        organisation=own.organisation,
        role__in=[role for role, _label in forms.ASSIGNABLE_ROLES],
    )
    form = forms.AccountChangeForm(
        request.POST or None,
        initial={
            "first_name": membership.user.first_name,
            "last_name": membership.user.last_name,
            "email": membership.user.email,
            "role": membership.role,
            "is_active": membership.user.is_active,
        },
        user=membership.user,
        own=membership.user_id == request.user.pk,
        version=membership.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.account_change(
                    actor=request.user,
                    membership=membership,
                    role=data["role"],
                    is_active=data["is_active"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    expected_version=form.expected_version,
                )
                services.account_reset_credentials(
                    actor=request.user,
                    membership=membership,
                    password=data["new_password"],
                    second_factor=data["reset_second_factor"],
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The account was changed."))
            return redirect("network:accounts")
    # Whose account it is, by name: the user name alone ("beratung.sozialwerk") says little.
    username, name = membership.user.get_username(), membership.user.get_full_name()
    title = (
        _("Account of %(name)s (%(username)s)") % {"name": name, "username": username}
        if name
        else username
    )
    return render(request, "network/form.html", {"form": form, "title": title})
