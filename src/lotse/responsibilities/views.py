"""The responsibility map: a table for the network, its editing for the coordinator, a public
page once the network publishes it, and its exports."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.core.downloads import download
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.network.models import Network
from lotse.responsibilities import exports, forms, selectors, services
from lotse.responsibilities.models import PathStep, Responsibility

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
FORMATS = {"xlsx": XLSX, "pdf": PDF}


def _network(request: HttpRequest) -> Network:
    network = selectors.network_of(request.user)
    if network is None:
        raise Http404
    return network


@login_required
@permission_required("responsibilities.view_map", raise_exception=True)
@require_GET
def map_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    network = _network(request)
    steps = selectors.path_of(network.pk)
    return render(
        request,
        "responsibilities/map.html",
        {
            "table": selectors.map_table(steps),
            "network": network,
            "can_change": request.user.has_perm("responsibilities.change_map"),
            "can_publish": request.user.has_perm("responsibilities.publish_map"),
            "public": selectors.map_is_public(network.pk),
        },
    )


@login_required
@permission_required("responsibilities.change_map", raise_exception=True)
@require_GET
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    network = _network(request)
    return render(request, "responsibilities/manage.html", {"steps": selectors.path_of(network.pk)})


def _saved(request: HttpRequest, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("responsibilities:manage")


@login_required
@permission_required("responsibilities.change_map", raise_exception=True)
@require_http_methods(["GET", "POST"])
def step_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    network = _network(request)
    step = get_object_or_404(PathStep, pk=pk, network=network) if pk else PathStep(network=network)
    creating = step.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("responsibilities:manage")
    if creating and request.method == "GET":
        last = PathStep.objects.filter(network=network).order_by("-position").first()
        step.position = (last.position + 10) if last else 10
    form = forms.StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("responsibilities:manage")
                services.step_save(
                    actor=request.user,
                    network=network,
                    step=form.save(commit=False),
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error("name", error.message)
        else:
            return _saved(request, _("The step was saved."))
    return render(request, "responsibilities/step_form.html", {"form": form, "step": step})


@login_required
@permission_required("responsibilities.change_map", raise_exception=True)
@require_http_methods(["GET", "POST"])
def responsibility_edit(
    request: AuthenticatedHttpRequest, step_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    network = _network(request)
    if pk is not None:
        responsibility = get_object_or_404(
            Responsibility.objects.select_related("step"), pk=pk, network=network
        )
    else:
        step = get_object_or_404(PathStep, pk=step_pk, network=network)
        responsibility = Responsibility(network=network, step=step)
    creating = responsibility.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("responsibilities:manage")
    form = forms.ResponsibilityForm(
        request.POST or None, instance=responsibility, network_id=network.pk
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("responsibilities:manage")
                services.responsibility_save(
                    actor=request.user,
                    network=network,
                    responsibility=form.save(commit=False),
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return _saved(request, _("The responsibility was saved."))
    return render(
        request,
        "responsibilities/responsibility_form.html",
        {"form": form, "responsibility": responsibility, "step": responsibility.step},
    )


def _delete(
    request: AuthenticatedHttpRequest, obj: PathStep | Responsibility, network: Network
) -> HttpResponse:
    form = forms.DeleteForm(request.POST or None, version=obj.version)
    if request.method == "POST" and form.is_valid():
        version = form.expected_version
        try:
            if version is None:
                raise StaleEditError(current_version=obj.version)
            if isinstance(obj, PathStep):
                services.step_delete(
                    actor=request.user, network=network, step=obj, expected_version=version
                )
            else:
                services.responsibility_delete(
                    actor=request.user,
                    network=network,
                    responsibility=obj,
                    expected_version=version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        else:
            return _saved(request, _("Deleted."))
    return render(
        request,
        "responsibilities/delete.html",
        {"form": form, "object": obj, "is_step": isinstance(obj, PathStep)},
    )


@login_required
@permission_required("responsibilities.change_map", raise_exception=True)
@require_http_methods(["GET", "POST"])
def step_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request)
    return _delete(request, get_object_or_404(PathStep, pk=pk, network=network), network)


@login_required
@permission_required("responsibilities.change_map", raise_exception=True)
@require_http_methods(["GET", "POST"])
def responsibility_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    network = _network(request)
    responsibility = get_object_or_404(
        Responsibility.objects.select_related("step", "organisation"), pk=pk, network=network
    )
    return _delete(request, responsibility, network)


@login_required
@permission_required("responsibilities.publish_map", raise_exception=True)
@require_POST
def publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.MapPublishForm(request.POST)
    form.is_valid()
    public = bool(form.cleaned_data.get("public"))
    services.map_publish(actor=request.user, network=_network(request), public=public)
    messages.success(
        request, _("The map is public now.") if public else _("The map is no longer public.")
    )
    return redirect("responsibilities:map")


def _download(network: Network, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    steps = selectors.path_of(network.pk)
    content = exports.map_xlsx(network, steps) if fmt == "xlsx" else exports.map_pdf(network, steps)
    return download(content, FORMATS[fmt], exports.filename(network, fmt))


@login_required
@permission_required("responsibilities.view_map", raise_exception=True)
@require_GET
def export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    return _download(_network(request), fmt)


def _public_network(network_pk: int) -> Network:
    network = selectors.public_network(network_pk)
    if network is None:
        raise Http404
    return network


@require_GET
def public_map(request: HttpRequest, network_pk: int) -> HttpResponse:
    """The map without log-in, once the network publishes it."""
    network = _public_network(network_pk)
    context: dict[str, Any] = {
        "table": selectors.map_table(selectors.path_of(network.pk)),
        "network": network,
    }
    return render(request, "responsibilities/public_map.html", context)


@require_GET
def public_export(request: HttpRequest, network_pk: int, fmt: str) -> HttpResponse:
    return _download(_public_network(network_pk), fmt)
