"""The coordinator's switch and the public statistics (page, CSV, XLSX) without log-in."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core.downloads import download
from lotse.core.errors import StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import already_submitted, first_submission
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.network.models import Network
from lotse.reporting.dashboard import rules  # noqa: F401 (the statistics' predicate)
from lotse.reporting.statistics import exports, services
from lotse.reporting.statistics.forms import PublicationForm
from lotse.reporting.statistics.selectors import (
    Capacity,
    PublishedTable,
    Statistics,
    publication_of,
    published_networks,
    statistics_of,
    statistics_years,
)

ALREADY_SAVED = "saved"
YEARS_SHOWN = 5


@login_required
@permission_required("reporting.publish_statistics", raise_exception=True)
def publication(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    network = membership.organisation.network
    current = publication_of(network)
    creating = current.pk is None
    was_public = current.public  # the form writes its values into `current`
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, _("The settings were saved already."))
        return redirect("reporting:statistics_settings")
    form = PublicationForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, _("The settings were saved already."))
                    return redirect("reporting:statistics_settings")
                saved = services.statistics_publication_save(
                    actor=request.user,
                    network=network,
                    public=form.cleaned_data["public"],
                    threshold=form.cleaned_data["threshold"],
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        else:
            if saved.public == was_public and not creating:
                message = _("The settings were saved.")
            elif saved.public:
                message = _("The statistics are public now.")
            else:
                message = _("The statistics are not public.")
            messages.success(request, message)
            return redirect("reporting:statistics_settings")
    return render(
        request,
        "reporting/statistics_settings.html",
        {"form": form, "network": network, "publication": current, "creating": creating},
    )


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/statistics_index.html", {"networks": published_networks()})


@dataclass(frozen=True)
class _Published:
    network: Network
    statistics: Statistics
    years: list[int]
    public: bool  # False: the coordinator's preview


def _published(request: HttpRequest, network_id: int) -> _Published:
    """The network's statistics for the year asked (this year by default). Answered only when
    the network publishes them, or for its coordinator, who looks before publishing."""
    network = get_object_or_404(Network, pk=network_id)
    settings = publication_of(network)
    membership = membership_of(request.user)
    previewing = (
        membership is not None
        and membership.role == Role.COORDINATOR
        and membership.organisation.network_id == network.pk
    )
    if not (settings.public or previewing):
        raise Http404
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    years = statistics_years(network.pk, this_year)[:YEARS_SHOWN]
    if year not in years:
        year = this_year
    return _Published(
        network, statistics_of(network.pk, year, settings.threshold), years, settings.public
    )


@require_GET
def public_page(request: HttpRequest, network_id: int) -> HttpResponse:
    found = _published(request, network_id)
    network, statistics = found.network, found.statistics
    return render(
        request,
        "reporting/statistics_public.html",
        {
            "network": network,
            "statistics": statistics,
            "methods": exports.methods_note(statistics),
            "years": found.years,
            "public": found.public,
        },
    )


@require_GET
def public_csv(request: HttpRequest, network_id: int, table: str) -> HttpResponse:
    published = _published(request, network_id)
    network, statistics = published.network, published.statistics
    found: PublishedTable | Capacity | None = (
        statistics.capacity if table == statistics.capacity.key else statistics.table(table)
    )
    if found is None:
        raise Http404
    return download(
        "\ufeff" + exports.table_csv(found, network.name, statistics.year),
        "text/csv; charset=utf-8",
        f"Statistik {statistics.year} {found.sheet or found.title} - {network.name}.csv",
    )


@require_GET
def public_xlsx(request: HttpRequest, network_id: int) -> HttpResponse:
    published = _published(request, network_id)
    network, statistics = published.network, published.statistics
    return download(
        exports.statistics_xlsx(statistics, network.name),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"Statistik {statistics.year} - {network.name}.xlsx",
    )
