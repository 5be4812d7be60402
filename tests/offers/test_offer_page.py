"""What the QA walk found on the offer pages: the provider is a partner or an outside provider
(one of the two), dates are shown, a site's hours are labelled as such, the search finds an
offer by its title in another language, and language levels carry their names."""

import datetime
import uuid

import pytest
from django.test import Client

from lotse.network.models import ConsultationHour
from lotse.offers import forms, selectors, services
from lotse.offers.models import Offer
from tests.conftest import Network, client_for
from tests.factories import SiteFactory
from tests.offers.helpers import berufssprachkurs


def _german(user: object) -> Client:
    client = client_for(user)
    client.cookies["django_language"] = "de"
    return client


def _new(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "title": "Bewerbungstraining",
        "kind": "vocational_preparation",
        "status": "active",
        "schedule": "by_appointment",
        "mode": "in_person",
        "funding": "free",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {},
            "provider",
            "Wählen Sie den Anbieter unter den Partnern des Netzwerks aus oder nennen Sie einen "
            "Anbieter außerhalb des Netzwerks – eines von beiden ist nötig.",
        ),
        (
            {"provider": "THIRD", "outside_provider": "VHS Beispielstadt"},
            "outside_provider",
            "Nennen Sie den Anbieter nur einmal: entweder einen Partner des Netzwerks oder "
            "einen Anbieter außerhalb, nicht beides.",
        ),
        (
            {"outside_provider": "VHS", "seats": "-1"},
            "seats",
            "Die Zahl der Plätze kann nicht unter null liegen.",
        ),
        (
            {"outside_provider": "VHS", "seats_free": "-2"},
            "seats_free",
            "Die Zahl der Plätze kann nicht unter null liegen.",
        ),
        (
            {
                "outside_provider": "VHS",
                "schedule": "dates",
                "start_date": "2027-03-01",
                "end_date": "2027-02-28",
            },
            "end_date",
            "Das Angebot kann nicht enden, bevor es beginnt.",
        ),
    ],
)
def test_the_coordinator_names_one_provider_and_sensible_numbers(
    net: Network, changes: dict[str, object], field: str, message: str
) -> None:
    data = _new(**changes)
    if data.get("provider") == "THIRD":
        data["provider"] = net.third.pk
    response = _german(net.coordinator).post("/offers/new/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'href="#id_{field}"' in html
    assert not Offer.objects.exists()


def test_the_form_says_that_one_of_the_two_providers_is_needed(net: Network) -> None:
    html = _german(net.coordinator).get("/offers/new/").content.decode()
    hint = (
        "Eines von beiden: ein Partner des Netzwerks oder der Name eines Anbieters außerhalb "
        "des Netzwerks."
    )
    assert html.count(hint) == 2  # under both fields


def test_the_service_refuses_two_providers(net: Network) -> None:
    from lotse.core.errors import DomainError

    with pytest.raises(DomainError, match="nur einmal"):
        berufssprachkurs(net, outside_provider="VHS Beispielstadt")
    assert not Offer.objects.exists()


def test_dates_show_on_the_offer_page_and_in_both_catalogues(net: Network) -> None:
    offer = berufssprachkurs(
        net, start_date=datetime.date(2027, 2, 1), end_date=datetime.date(2027, 7, 30)
    )
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    dates = '<bdi dir="ltr">01.02.2027 – 30.07.2027</bdi>'
    client = _german(net.counsellor)
    page = client.get(f"/offers/{offer.pk}/").content.decode()
    assert "Zeitraum" in page
    assert page.count(dates) == 1
    assert client.get("/offers/").content.decode().count(dates) == 1
    public = Client()
    assert public.get("/offers/public/").content.decode().count(dates) == 1
    detail = public.get(f"/offers/public/{offer.pk}/").content.decode()
    assert detail.count(dates) == 1


def test_the_public_offer_labels_the_site_s_consultation_hours(net: Network) -> None:
    offer = berufssprachkurs(net)
    site = SiteFactory(organisation=net.third, name="Südhafen")
    ConsultationHour.objects.create(
        site=site, weekday=2, starts_at=datetime.time(10), ends_at=datetime.time(16)
    )
    services.offer_save(
        actor=net.coordinator,
        network=net.owner.network,
        offer=offer,
        sites=[site],
        expected_version=offer.version,
    )
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    html = Client().get(f"/offers/public/{offer.pk}/").content.decode()
    assert "Sprechzeiten des Standorts: <bdi>" in html
    arabic = Client().get(f"/offers/public/{offer.pk}/?lang=ar").content.decode()
    assert "ساعات الاستقبال في الموقع: <bdi>" in arabic
    inside = _german(net.counsellor).get(f"/offers/{offer.pk}/").content.decode()
    assert "Sprechzeiten des Standorts: " in inside


def test_the_search_finds_an_offer_by_its_title_in_another_language(net: Network) -> None:
    offer = berufssprachkurs(net)
    berufssprachkurs(net, title="Integrationskurs", translations={})
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    found = selectors.search(Offer.objects.all(), text="للتمريض")
    assert list(found) == [offer]
    public = Client().get("/offers/public/", {"lang": "ar", "text": "اللغة المهنية"})
    html = public.content.decode()
    assert (html.count('class="kern-heading-small"'), "دورة اللغة المهنية B2 للتمريض" in html) == (
        1,
        True,
    )
    inside = _german(net.counsellor).get("/offers/", {"text": "للتمريض"}).content.decode()
    assert "Berufssprachkurs B2 Pflege" in inside
    assert "Integrationskurs" not in inside.split("<tbody", 1)[1]


def test_the_search_knows_every_language_an_offer_may_be_written_in() -> None:
    assert tuple(code for code, _name in forms.TRANSLATED) == selectors.TRANSLATED_CODES


def test_language_levels_read_with_their_names(net: Network) -> None:
    offer = berufssprachkurs(net, min_german="A1")
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    client = _german(net.coordinator)
    form = client.get(f"/offers/{offer.pk}/edit/").content.decode()
    assert '<option value="A1" selected>A1 – Anfänger</option>' in form
    assert '<option value="B2">B2 – Selbständige Sprachverwendung</option>' in form
    page = client.get(f"/offers/{offer.pk}/").content.decode()
    assert "Deutsch mindestens A1 – Anfänger" in page
    public = Client().get(f"/offers/public/{offer.pk}/").content.decode()
    assert "A1 – Anfänger" in public
    arabic = Client().get(f"/offers/public/{offer.pk}/?lang=ar").content.decode()
    assert "A1 – مبتدئ" in arabic


def test_the_public_catalogue_shows_a_change_at_once(net: Network) -> None:
    """The rendered list is kept, but under the published offers' fingerprint: a saved offer,
    a new one, or a withdrawn catalogue shows on the next request."""
    offer = berufssprachkurs(net)
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    reader = Client()
    assert "Berufssprachkurs B2 Pflege" in reader.get("/offers/public/").content.decode()
    offer.title = "Berufssprachkurs B2 Pflege (Abend)"
    services.offer_save(
        actor=net.coordinator,
        network=net.owner.network,
        offer=offer,
        sites=[],
        expected_version=offer.version,
    )
    assert "B2 Pflege (Abend)" in reader.get("/offers/public/").content.decode()
    berufssprachkurs(net, title="Integrationskurs am Abend")
    assert "Integrationskurs am Abend" in reader.get("/offers/public/").content.decode()
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=False)
    withdrawn = reader.get("/offers/public/").content.decode()
    assert ("B2 Pflege (Abend)" in withdrawn, "Integrationskurs am Abend" in withdrawn) == (
        False,
        False,
    )
