import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.offers import forms, importer, public_texts, selectors, services
from lotse.offers.models import Offer
from lotse.offers.public_texts import PUBLIC_LANGUAGES
from lotse.participants.access import case_for_display


def _participant_id(request: HttpRequest) -> int | None:
    value = request.GET.get("participant", "")
    return int(value) if value.isdigit() else None


# The logged-in catalogue, a page at a time, as the public one (`PUBLIC_PAGE_SIZE`).
PAGE_SIZE = 50


@login_required
@permission_required("offers.view_catalogue", raise_exception=True)
@require_GET
def catalogue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's offers; for a participant (`?participant=`), each with its eligibility."""
    membership = membership_of(request.user)
    assert membership is not None
    network_id = membership.organisation.network_id
    filters = forms.OfferFilterForm(request.GET or None)
    offers = selectors.network_offers(request.user)
    if filters.is_valid():
        offers = selectors.search(
            offers, text=filters.cleaned_data["text"], kind=filters.cleaned_data["kind"]
        )
    case = None
    rows = None
    participant_id = _participant_id(request)
    query = request.GET.copy()
    query.pop("page", None)
    page: Page[Offer] | Page[int]
    if participant_id is None:
        page = Paginator(selectors.catalogue_rows(offers), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    else:
        today = timezone.localdate()
        case = case_for_display(
            request.user,
            participant_id,
            require="participants.view_case",
            action="offers.eligibility.viewed",
        )
        person = selectors.person_of(case, today)
        answers = selectors.eligibility_in_network(person, network_id, today)
        # The ids of all the (searched) offers in the page's order, the page's offers read.
        ids = Paginator(selectors.ids_by_eligibility(offers, answers), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = selectors.rows_for_person(list(ids.object_list), answers)
        page = ids
    return render(
        request,
        "offers/catalogue.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "querystring": query.urlencode(),
            "case": case,
            "can_add": request.user.has_perm("offers.add_offer"),
            "can_publish": request.user.has_perm("offers.publish_catalogue"),
            "can_import": request.user.has_perm("offers.import_offers"),
            "public": selectors.catalogue_is_public(network_id),
            "publish_form": forms.CatalogueForm(),
        },
    )


@login_required
@permission_required("offers.view_catalogue", raise_exception=True)
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(selectors.network_offers(request.user), pk=pk)
    eligibility = None
    case = None
    participant_id = _participant_id(request)
    if participant_id is not None:
        today = timezone.localdate()
        case = case_for_display(
            request.user,
            participant_id,
            require="participants.view_case",
            action="offers.eligibility.viewed",
            offer=offer.pk,
        )
        person = selectors.person_of(case, today)
        eligibility = selectors.eligibility_of(
            person, Offer.objects.filter(pk=offer.pk), today, network_id=offer.network_id
        )[0]
    return render(
        request,
        "offers/detail.html",
        {
            "offer": offer,
            "case": case,
            "row": eligibility,
            "can_change": request.user.has_perm("offers.change_offer", offer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    network = membership.organisation.network
    if pk is None:
        if not request.user.has_perm("offers.add_offer"):
            raise Http404
        offer = Offer(network=network)
    else:
        offer = get_object_or_404(Offer, pk=pk, network=network)
        if not request.user.has_perm("offers.change_offer", offer):
            raise Http404
    creating = offer.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("offers:catalogue")
    own = None if membership.role == Role.COORDINATOR else membership.organisation
    form = forms.OfferForm(
        request.POST or None, instance=offer, network_id=network.pk, own_organisation=own
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("offers:catalogue")
                saved = services.offer_save(
                    actor=request.user,
                    network=network,
                    offer=form.save(commit=False),
                    sites=form.cleaned_data["sites"],
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The offer was saved."))
            return redirect("offers:detail", saved.pk)
    return render(request, "offers/form.html", {"form": form, "offer": offer})


@login_required
@permission_required("offers.publish_catalogue", raise_exception=True)
@require_POST
def publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    form = forms.CatalogueForm(request.POST)
    form.is_valid()
    public = bool(form.cleaned_data.get("public"))
    services.catalogue_publish(
        actor=request.user, network=membership.organisation.network, public=public
    )
    messages.success(
        request,
        _("The catalogue is public now.") if public else _("The catalogue is no longer public."),
    )
    return redirect("offers:catalogue")


@login_required
@permission_required("offers.import_offers", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_offers(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator's list of offers, imported all or nothing (`offers.importer`)."""
    membership = membership_of(request.user)
    assert membership is not None
    if request.method == "POST" and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("offers:catalogue")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    problems: list[importer.Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("offers:catalogue")
                result = importer.offers_import(
                    actor=request.user,
                    network=membership.organisation.network,
                    content=upload.read(importer.MAX_BYTES + 1),
                    filename=upload.name or "",
                )
        except importer.ImportRefusedError as refused:
            problems = refused.problems
            form.add_error(
                "file",
                _("Nothing was imported: the list has %(count)s problem(s), listed below.")
                % {"count": len(problems)},
            )
        else:
            messages.success(
                request,
                _("Imported: %(created)s new, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("offers:catalogue")
    return render(
        request,
        "offers/import.html",
        {"form": form, "problems": problems, "columns": importer.COLUMN_HELP},
        status=400 if problems else 200,
    )


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang", "de")
    return language if language in PUBLIC_LANGUAGES else "de"


@dataclass(frozen=True)
class PublicEntry:
    """An offer in the reader's language where it has one, German otherwise, marked so."""

    offer: Offer
    title: str
    description: str
    language: str
    direction: str

    @property
    def kind(self) -> str:
        return str(public_texts.KINDS.get(self.offer.kind, self.offer.kind))

    @property
    def mode(self) -> str:
        return str(public_texts.MODES.get(self.offer.mode, self.offer.mode))

    @property
    def funding(self) -> str:
        return str(public_texts.FUNDING.get(self.offer.funding, self.offer.funding))

    def weekday_names(self) -> list[str]:
        return public_texts.weekday_names(self.offer)

    def requirements(self) -> list[str]:
        return public_texts.requirements(self.offer)


def _entry(offer: Offer, language: str) -> PublicEntry:
    shown = language if language == "de" or language in offer.translations else "de"
    title, description = offer.translated(shown)
    return PublicEntry(offer, title, description, shown, public_texts.direction(shown))


def _public_render(
    request: HttpRequest, template: str, language: str, context: dict[str, Any]
) -> HttpResponse:
    """In the reader's language, interface and offers alike (an offer without a text in it
    stays German, marked as such); right to left for Arabic and Farsi."""
    with translation.override(language):
        return render(
            request,
            template,
            {
                **context,
                "language": language,
                "direction": public_texts.direction(language),
                "languages": PUBLIC_LANGUAGES,
                "texts": public_texts.LABELS,
            },
        )


PUBLIC_PAGE_SIZE = 25


# How long a rendered page of the public catalogue is kept; a changed offer, a published or
# withdrawn catalogue changes the key at once (`selectors.published_fingerprint`).
PUBLIC_LIST_SECONDS = 300


@require_GET
def public_catalogue(request: HttpRequest) -> HttpResponse:
    """The published offers, without log-in, a page at a time.

    The list is the same for every reader of a language and a search, so its rendered page is
    cached under the published offers' fingerprint: one aggregate query instead of the count,
    the page's rows and their rendering, while nothing changed."""
    language = _language(request)
    with translation.override(language):
        filters = forms.PublicFilterForm(request.GET or None)
        valid = filters.is_valid()
    query = request.GET.copy()
    query.pop("page", None)
    key = (
        "offers.public:"
        + hashlib.sha256(
            repr((language, request.GET.urlencode(), selectors.published_fingerprint())).encode()
        ).hexdigest()
    )
    listing = cache.get(key)
    if listing is None:
        offers = selectors.published_offers()
        if valid:
            offers = selectors.search(
                offers, text=filters.cleaned_data["text"], kind=filters.cleaned_data["kind"]
            )
        page = Paginator(offers.prefetch_related(None), PUBLIC_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        with translation.override(language):
            listing = render_to_string(
                "offers/_public_list.html",
                {
                    "entries": [_entry(offer, language) for offer in page],
                    "page": page,
                    "page_label": public_texts.page_of(page.number, page.paginator.num_pages),
                    "querystring": query.urlencode(),
                    "language": language,
                    "texts": public_texts.LABELS,
                },
            )
        cache.set(key, listing, PUBLIC_LIST_SECONDS)
    return _public_render(
        request,
        "offers/public_catalogue.html",
        language,
        {"filters": filters, "listing": listing},
    )


@require_GET
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(selectors.published_offers(), pk=pk)
    language = _language(request)
    return _public_render(
        request, "offers/public_detail.html", language, {"entry": _entry(offer, language)}
    )
