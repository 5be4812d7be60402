"""The public catalogue as Open Referral HSDS 3.0 under `/api/v1/hsds/`: no log-in, only
offers of networks that publish their catalogue, nothing personal."""

import uuid
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router
from ninja.params.functions import Query

from lotse.api import schemas
from lotse.offers import hsds, selectors

router = Router(tags=["hsds"], auth=None)
MAX_PER_PAGE = 200


def _url(request: HttpRequest) -> Any:
    return lambda offer: request.build_absolute_uri(
        reverse("offers:public_detail", args=[offer.pk])
    )


def _paged(items: Any, page: int, per_page: int) -> tuple[list[Any], int, int]:
    """One page of a list or a queryset (sliced in the database)."""
    page = max(page, 1)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    start = (page - 1) * per_page
    return list(items[start : start + per_page]), page, per_page


@router.get(
    "/services",
    response={200: dict[str, Any], 422: schemas.ValidationErrors},
    summary="Published offers, one page (HSDS 3.0 `service_list`)",
)
def services(
    request: HttpRequest,
    page: int = Query(1, ge=1),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
    search: str = Query("", max_length=100, pattern=r"^[^\x00]*$"),
) -> dict[str, Any]:
    offers = selectors.search(selectors.published_offers(), text=search)
    total = offers.count()
    shown, page, per_page = _paged(offers, page, per_page)
    url = _url(request)
    return hsds.page(
        [hsds.service_summary(o, url) for o in shown], total=total, number=page, size=per_page
    )


@router.get(
    "/services/{service_id}",
    response={200: dict[str, Any], 404: schemas.Message},
    summary="One published offer (HSDS 3.0 `service`)",
)
def service(request: HttpRequest, service_id: str) -> dict[str, Any]:
    try:
        public_id = uuid.UUID(service_id)
    except ValueError:
        raise Http404 from None
    offer = selectors.published_offers().filter(public_id=public_id).first()
    if offer is None:
        raise Http404
    return hsds.service(offer, _url(request))


@router.get(
    "/organizations",
    response={200: dict[str, Any], 422: schemas.ValidationErrors},
    summary="Providers of published offers (HSDS 3.0 `organization`)",
)
def organizations(
    request: HttpRequest,
    page: int = Query(1, ge=1),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE),
) -> dict[str, Any]:
    seen: dict[str, dict[str, Any]] = {}
    for offer in selectors.published_offers():
        entry = hsds.organization_of(offer)
        seen.setdefault(entry["id"], entry)
    items = sorted(seen.values(), key=lambda o: o["name"])
    shown, page, per_page = _paged(items, page, per_page)
    return hsds.page(shown, total=len(items), number=page, size=per_page)
