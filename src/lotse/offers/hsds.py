"""The catalogue as Open Referral HSDS 3.0: services, their organisations and locations.

Identifiers are UUIDs derived from Lotse's keys (uuid5), so they stay the same from one read to
the next. HSDS 3.0 has no structured eligibility and no capacity; Lotse's profile adds them as
`lotse_eligibility` and `lotse_capacity` (docs/architecture.md, "Offers"), beside HSDS's own
`eligibility_description`, `minimum_age` and `maximum_age`.
"""

import uuid
from collections.abc import Callable
from typing import Any

from lotse.core.reference import language_name
from lotse.network.models import Organisation, Site
from lotse.offers.enums import Funding, OfferStatus, Schedule
from lotse.offers.models import Offer
from lotse.participants.enums import DocumentType

NAMESPACE = uuid.UUID("8f5c3a52-5a7e-4d7e-9a53-0e9a1c2b3d4e")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
STATUS = {
    OfferStatus.ACTIVE: "active",
    OfferStatus.PAUSED: "temporarily closed",
    OfferStatus.ENDED: "inactive",
}


def hsds_id(kind: str, key: object) -> str:
    return str(uuid.uuid5(NAMESPACE, f"lotse:{kind}:{key}"))


def organization_of(offer: Offer) -> dict[str, Any]:
    if offer.provider is not None:
        return organization(offer.provider)
    return {
        "id": hsds_id("outside-provider", f"{offer.network_id}:{offer.outside_provider}"),
        "name": offer.outside_provider,
        "description": "",
    }


def organization(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": hsds_id("organisation", organisation.pk),
        "name": organisation.name,
        "description": str(organisation.get_kind_display()),
    }
    if organisation.contact_email:
        data["email"] = organisation.contact_email
    return data


def _eligibility_description(offer: Offer) -> str:
    parts = []
    if offer.documents:
        labels = dict(DocumentType.choices)
        parts.append(
            "Aufenthaltspapiere: " + ", ".join(str(labels.get(d, d)) for d in offer.documents)
        )
    if offer.min_german:
        parts.append(f"Deutsch mindestens {offer.min_german}")
    if offer.min_age is not None or offer.max_age is not None:
        parts.append(f"Alter {offer.min_age or 0}–{offer.max_age or '∞'}")
    if offer.postcodes:
        parts.append("Postleitzahlen " + ", ".join(offer.postcodes))
    return "; ".join(parts)


def _schedules(offer: Offer) -> list[dict[str, Any]]:
    schedule: dict[str, Any] = {"id": hsds_id("schedule", offer.pk)}
    if offer.schedule == Schedule.WEEKLY and offer.weekdays:
        schedule |= {"freq": "WEEKLY", "byday": ",".join(BYDAY[d] for d in sorted(offer.weekdays))}
        if offer.starts_at:
            schedule["opens_at"] = offer.starts_at.strftime("%H:%M")
        if offer.ends_at:
            schedule["closes_at"] = offer.ends_at.strftime("%H:%M")
    elif offer.schedule == Schedule.DATES and offer.start_date:
        schedule["valid_from"] = offer.start_date.isoformat()
        if offer.end_date:
            schedule["valid_to"] = offer.end_date.isoformat()
    else:
        schedule["description"] = "Termine nach Vereinbarung"
    return [schedule]


def _location(site: Site) -> dict[str, Any]:
    location_id = hsds_id("site", site.pk)
    return {
        "id": hsds_id("service-at-site", site.pk),
        "location_id": location_id,
        "location": {
            "id": location_id,
            "location_type": "physical",
            "name": site.name,
            "addresses": [
                {
                    "id": hsds_id("address", site.pk),
                    "location_id": location_id,
                    "address_1": site.street,
                    "city": site.city,
                    "state_province": "",
                    "postal_code": site.postcode,
                    "country": "DE",
                    "address_type": "physical",
                }
            ],
        },
    }


def service_summary(offer: Offer, url: Callable[[Offer], str]) -> dict[str, Any]:
    """A service with its one-to-one fields (`service_list.json`)."""
    data: dict[str, Any] = {
        "id": str(offer.public_id),
        "organization_id": organization_of(offer)["id"],
        "name": offer.title,
        "description": offer.description,
        "url": url(offer),
        "status": STATUS[OfferStatus(offer.status)],
        "eligibility_description": _eligibility_description(offer),
        "last_modified": offer.updated_at.isoformat(),
    }
    if offer.contact_email:
        data["email"] = offer.contact_email
    if offer.min_age is not None:
        data["minimum_age"] = offer.min_age
    if offer.max_age is not None:
        data["maximum_age"] = offer.max_age
    if offer.cost_note or offer.funding != Funding.FREE:
        data["fees_description"] = offer.cost_note or str(offer.get_funding_display())
    return data


def service(offer: Offer, url: Callable[[Offer], str]) -> dict[str, Any]:
    """A service with everything it links to (`service.json`) and Lotse's profile."""
    service_id = str(offer.public_id)
    data = service_summary(offer, url)
    data |= {
        "organization": organization_of(offer),
        "languages": [
            {
                "id": hsds_id("language", f"{offer.pk}:{code}"),
                "service_id": service_id,
                "name": language_name(code),
                "code": code,
            }
            for code in offer.languages
        ],
        "schedules": [dict(s, service_id=service_id) for s in _schedules(offer)],
        "service_at_locations": [
            dict(_location(site), service_id=service_id) for site in offer.sites.all()
        ],
        "phones": (
            [
                {
                    "id": hsds_id("phone", offer.pk),
                    "service_id": service_id,
                    "number": offer.contact_phone,
                }
            ]
            if offer.contact_phone
            else []
        ),
        "contacts": (
            [
                {
                    "id": hsds_id("contact", offer.pk),
                    "service_id": service_id,
                    "name": offer.contact_name,
                    "email": offer.contact_email,
                }
            ]
            if offer.contact_name
            else []
        ),
        "lotse_eligibility": {
            "residence_documents": list(offer.documents),
            "work_permission_activity": offer.activity or None,
            "minimum_age": offer.min_age,
            "maximum_age": offer.max_age,
            "minimum_german_level": offer.min_german or None,
            "legal_spheres": list(offer.legal_spheres),
            "postcodes": list(offer.postcodes),
            "prior_qualifications": list(offer.qualifications),
        },
        "lotse_capacity": {
            "seats": offer.seats,
            "available": offer.seats_free,
            "updated": offer.seats_updated_on.isoformat() if offer.seats_updated_on else None,
            "waiting_list": offer.waiting_list,
        },
    }
    return data


def page(items: list[dict[str, Any]], *, total: int, number: int, size: int) -> dict[str, Any]:
    """HSDS's `Page`: the items of one page with the paging facts."""
    pages = max(1, -(-total // size))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": items,
    }
