"""Bad input on offers (issue 13, "Bad input"): capacity below zero or more seats free than it
has, an end before the start, two people editing one offer at once. Clear messages in German,
nothing lost of what was typed, nothing half-saved."""

import datetime
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from lotse.audit.models import AuditEvent
from lotse.core.errors import DomainError
from lotse.offers.models import Offer
from tests.conftest import Network, client_for
from tests.offers.helpers import berufssprachkurs

STALE = "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert"


def _german(user: object) -> Client:
    client = client_for(user)
    client.cookies["django_language"] = "de"
    return client


def _form(offer: Offer, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": offer.title,
        "kind": offer.kind,
        "provider": offer.provider_id,
        "status": "active",
        "schedule": "weekly",
        "weekdays": ["0", "3"],
        "mode": "in_person",
        "funding": "free",
        "seats": "16",
        "seats_free": "4",
        "min_german": "B1",
        "version": offer.version,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"seats_free": "-1"}, "seats_free", "Die Zahl der Plätze kann nicht unter null liegen."),
        ({"seats": "-5"}, "seats", "Die Zahl der Plätze kann nicht unter null liegen."),
        ({"seats": "3", "seats_free": "4"}, "seats_free", "Es sind mehr Plätze frei, als"),
        (
            {"schedule": "dates", "start_date": "2027-03-01", "end_date": "2027-02-28"},
            "end_date",
            "Das Angebot kann nicht enden, bevor es beginnt.",
        ),
        (
            {"starts_at": "12:00", "ends_at": "09:00"},
            "ends_at",
            "Die Endzeit muss nach der Anfangszeit liegen.",
        ),
        ({"min_age": "27", "max_age": "18"}, "max_age", "Das Höchstalter liegt unter dem"),
    ],
)
def test_bad_input_on_an_existing_offer_is_refused_and_nothing_is_saved(
    net: Network, changes: dict[str, object], field: str, message: str
) -> None:
    offer = berufssprachkurs(net)
    response = _german(net.third_counsellor).post(
        f"/offers/{offer.pk}/edit/", _form(offer, title="Neuer Titel", **changes)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'href="#id_{field}"' in page  # the error summary leads to the field
    assert 'value="Neuer Titel"' in page  # what was typed stays
    saved = Offer.objects.get(pk=offer.pk)
    assert (saved.title, saved.seats, saved.seats_free, saved.version) == (
        "Berufssprachkurs B2 Pflege",
        16,
        4,
        offer.version,
    )


def test_two_people_editing_one_offer_lose_nothing(net: Network) -> None:
    offer = berufssprachkurs(net)
    provider, coordinator = _german(net.third_counsellor), _german(net.coordinator)
    # Both open the form at the same version; the provider saves first.
    first = provider.post(f"/offers/{offer.pk}/edit/", _form(offer, seats_free="2"))
    assert first.status_code == 302
    second = coordinator.post(
        f"/offers/{offer.pk}/edit/", _form(offer, title="Berufssprachkurs B2 Pflege (Abend)")
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert STALE in page
    assert 'value="Berufssprachkurs B2 Pflege (Abend)"' in page  # the coordinator's entries
    saved = Offer.objects.get(pk=offer.pk)
    assert (saved.title, saved.seats_free, saved.version) == (
        "Berufssprachkurs B2 Pflege",
        2,
        offer.version + 1,
    )
    # The refused form now carries the saved version: saving again is a deliberate overwrite.
    assert f'name="version" value="{offer.version + 1}"' in page
    again = coordinator.post(
        f"/offers/{offer.pk}/edit/",
        _form(offer, title="Berufssprachkurs B2 Pflege (Abend)", version=offer.version + 1),
    )
    assert again.status_code == 302
    assert Offer.objects.get(pk=offer.pk).title == "Berufssprachkurs B2 Pflege (Abend)"
    assert AuditEvent.objects.filter(action="offers.offer.changed").count() == 2


def test_a_double_click_on_a_new_offer_saves_it_once(net: Network) -> None:
    client = _german(net.third_counsellor)
    data = {
        "submission_key": str(uuid.uuid4()),
        "title": "Bewerbungstraining",
        "kind": "counselling",
        "provider": net.third.pk,
        "status": "active",
        "schedule": "by_appointment",
        "mode": "in_person",
        "funding": "free",
    }
    assert client.post("/offers/new/", data).status_code == 302
    assert client.post("/offers/new/", data).status_code == 302
    assert Offer.objects.filter(title="Bewerbungstraining").count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"seats": 3, "seats_free": 5}, "Es sind mehr Plätze frei, als das Angebot hat."),
        (
            {"start_date": datetime.date(2027, 3, 1), "end_date": datetime.date(2027, 2, 1)},
            "Das Angebot kann nicht enden, bevor es beginnt.",
        ),
        ({"min_age": 30, "max_age": 20}, "Das Höchstalter liegt unter dem Mindestalter."),
        (
            {"starts_at": datetime.time(12), "ends_at": datetime.time(9)},
            "Die Endzeit muss nach der Anfangszeit liegen.",
        ),
    ],
)
def test_the_service_refuses_what_the_form_refuses(
    net: Network, fields: dict[str, object], message: str
) -> None:
    """Callers without the form (import, command line) meet the same rules."""
    with pytest.raises(DomainError, match=message):
        berufssprachkurs(net, **fields)
    assert not Offer.objects.exists()


def test_the_database_holds_the_seats_too(net: Network) -> None:
    offer = berufssprachkurs(net)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(seats_free=99)
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(seats=-1)
