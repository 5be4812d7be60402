"""The offer catalogue as its users meet it: partners keep their own offers, the coordinator
keeps all, counsellors see which offers a participant may take, and the network publishes."""

import json
import uuid
from pathlib import Path

import jsonschema_rs
import pytest
from django.test import Client

from lotse.audit.models import AuditEvent
from lotse.offers import services
from lotse.offers.models import Offer
from lotse.profiles import services as profile_services
from tests.conftest import Network, client_for
from tests.offers.helpers import berufssprachkurs

HSDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "hsds-3.0"


def _form(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "title": "Integrationskurs mit Kinderbetreuung",
        "kind": "integration_course",
        "description": "Vormittags, mit Kinderbetreuung im Haus.",
        "status": "active",
        "schedule": "dates",
        "start_date": "2027-01-11",
        "end_date": "2027-07-09",
        "mode": "in_person",
        "funding": "free",
        "seats": "20",
        "seats_free": "5",
    }
    data.update(changes)
    return data


def test_a_partner_adds_its_own_offer_and_cannot_name_another_provider(net: Network) -> None:
    client = client_for(net.third_counsellor)
    response = client.post("/offers/new/", _form(provider=net.third.pk))
    offer = Offer.objects.get(title="Integrationskurs mit Kinderbetreuung")
    assert response.status_code == 302
    assert response["Location"] == f"/offers/{offer.pk}/"
    assert offer.provider == net.third
    assert AuditEvent.objects.filter(
        action="offers.offer.created", object_id=str(offer.pk)
    ).exists()

    response = client.post("/offers/new/", _form(provider=net.owner.pk, title="Fremdes Angebot"))
    assert response.status_code == 200
    assert not Offer.objects.filter(title="Fremdes Angebot").exists()


def test_a_partners_new_offer_has_its_own_provider_chosen_and_no_outside_provider_to_name(
    net: Network,
) -> None:
    client = client_for(net.third_counsellor)
    html = client.get("/offers/new/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f'<option value="{net.third.pk}" selected>' in html
    # Without a provider the partner reads only that one is needed, not an offer to name one
    # outside the network, which only the coordinator may.
    page = client.post("/offers/new/", _form(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Dieses Feld ist ein Pflichtfeld." in page
    assert "nennen Sie einen Anbieter außerhalb des Netzwerks" not in page
    assert not Offer.objects.exists()


def test_only_the_provider_and_the_coordinator_change_an_offer(net: Network) -> None:
    offer = berufssprachkurs(net)
    assert client_for(net.counsellor).get(f"/offers/{offer.pk}/edit/").status_code == 404
    assert client_for(net.third_counsellor).get(f"/offers/{offer.pk}/edit/").status_code == 200
    coordinator = client_for(net.coordinator)
    response = coordinator.post(
        f"/offers/{offer.pk}/edit/",
        _form(provider=net.third.pk, title="Berufssprachkurs B2", version=offer.version),
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Berufssprachkurs B2"


def test_an_outside_provider_is_the_coordinators_to_record(net: Network) -> None:
    response = client_for(net.coordinator).post(
        "/offers/new/", _form(outside_provider="Volkshochschule Beispielstadt")
    )
    assert response.status_code == 302
    assert Offer.objects.get().provider_name == "Volkshochschule Beispielstadt"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2026-12-01"}, "Das Angebot kann nicht enden, bevor es beginnt."),
        ({"seats_free": "25"}, "Es sind mehr Plätze frei, als das Angebot hat."),
        ({"seats": "-3"}, "Die Zahl der Plätze kann nicht unter null liegen."),
        ({"provider": ""}, "Wählen Sie den Anbieter unter den Partnern des Netzwerks aus"),
        ({"postcodes": "281 Bremen"}, "Keine Postleitzahl"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_kept(
    net: Network, changes: dict[str, str], message: str
) -> None:
    client = client_for(net.coordinator)
    client.cookies["django_language"] = "de"
    data = _form(**{"provider": net.third.pk, **changes})
    response = client.post("/offers/new/", data, HTTP_ACCEPT_LANGUAGE="de")
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Integrationskurs mit Kinderbetreuung" in page  # what was typed stays
    assert not Offer.objects.exists()


def test_a_stale_edit_is_refused(net: Network) -> None:
    offer = berufssprachkurs(net)
    client = client_for(net.third_counsellor)
    first = _form(provider=net.third.pk, title="Erste Fassung", version=offer.version)
    second = _form(provider=net.third.pk, title="Zweite Fassung", version=offer.version)
    assert client.post(f"/offers/{offer.pk}/edit/", first).status_code == 302
    assert client.post(f"/offers/{offer.pk}/edit/", second).status_code == 200
    offer.refresh_from_db()
    assert offer.title == "Erste Fassung"


def test_the_counsellor_sees_which_offers_the_participant_may_take(net: Network) -> None:
    berufssprachkurs(net)
    berufssprachkurs(net, title="Offene Sprechstunde Anerkennung", min_german="", min_age=None)
    profile_services.language_skill_save(
        actor=net.counsellor, participant=net.participant, data={"language": "de", "level": "A2"}
    )
    client = client_for(net.counsellor)
    client.cookies["django_language"] = "de"
    page = client.get(f"/offers/?participant={net.participant.pk}").content.decode()
    assert "Deutsch B1 nötig, vorhanden A2" in page
    assert 'href="/offers/new/"' not in page  # choosing for a person, not keeping the catalogue
    assert page.index("Offene Sprechstunde Anerkennung") < page.index("Berufssprachkurs B2 Pflege")
    assert AuditEvent.objects.filter(
        action="offers.eligibility.viewed", participant_id=net.participant.pk
    ).exists()


def test_no_eligibility_for_a_participant_the_user_may_not_see(net: Network) -> None:
    berufssprachkurs(net)
    response = client_for(net.third_counsellor).get(f"/offers/?participant={net.participant.pk}")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="offers.eligibility.viewed").exists()


def test_the_public_catalogue_shows_only_what_the_network_published(net: Network) -> None:
    offer = berufssprachkurs(net)
    anonymous = client_for_anonymous()
    assert "Berufssprachkurs B2 Pflege" not in anonymous.get("/offers/public/").content.decode()
    assert anonymous.get(f"/offers/public/{offer.pk}/").status_code == 404

    response = client_for(net.coordinator).post("/offers/publish/", {"public": "on"})
    assert response.status_code == 302
    assert "Berufssprachkurs B2 Pflege" in anonymous.get("/offers/public/").content.decode()
    arabic = anonymous.get(f"/offers/public/{offer.pk}/?lang=ar").content.decode()
    assert 'lang="ar" dir="rtl"' in arabic
    assert "دورة اللغة المهنية B2 للتمريض" in arabic
    # a language the offer is not in shows German, marked as German
    ukrainian = anonymous.get(f"/offers/public/{offer.pk}/?lang=uk").content.decode()
    assert 'lang="de" dir="ltr"' in ukrainian


def client_for_anonymous():  # type: ignore[no-untyped-def]
    from django.test import Client

    return Client()


def _validator(name: str):  # type: ignore[no-untyped-def]
    schema = json.loads((HSDS / "compiled" / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def _page_schema():  # type: ignore[no-untyped-def]
    openapi = json.loads((HSDS / "openapi.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(openapi["components"]["schemas"]["Page"])


def _published_feed(net: Network) -> tuple[Offer, dict, dict, dict]:  # type: ignore[type-arg]
    offer = berufssprachkurs(net)
    berufssprachkurs(net, provider=None, outside_provider="Volkshochschule Beispielstadt")
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    anonymous = client_for_anonymous()
    listing = anonymous.get("/api/v1/hsds/services?per_page=1").json()
    full = anonymous.get(f"/api/v1/hsds/services/{offer.public_id}").json()
    organizations = anonymous.get("/api/v1/hsds/organizations").json()
    return offer, listing, full, organizations


def test_the_hsds_feed_pages_and_says_what_lotse_knows(net: Network) -> None:
    offer, listing, full, organizations = _published_feed(net)
    assert (listing["total_items"], listing["total_pages"], listing["size"]) == (2, 2, 1)
    assert (listing["first_page"], listing["last_page"], listing["empty"]) == (True, False, False)
    for service in [*listing["contents"], full]:
        assert str(uuid.UUID(service["id"])) == service["id"]
        assert service["name"]
        assert service["status"] == "active"
    assert full["id"] == str(offer.public_id)
    assert full["url"] == f"http://testserver/offers/public/{offer.pk}/"
    assert full["schedules"][0]["byday"] == "MO,TH"
    assert full["lotse_eligibility"]["minimum_german_level"] == "B1"
    assert full["lotse_capacity"] == {
        "seats": 16,
        "available": 4,
        "updated": "2026-11-30",
        "waiting_list": False,
    }
    assert sorted(o["name"] for o in organizations["contents"]) == [
        "Lernwerk Test",
        "Volkshochschule Beispielstadt",
    ]


# The HSDS schemas are not the project's to commit (CC BY-SA): they are read where the shared
# data lies beside the checkout, as on the project's machines.
@pytest.mark.skipif(not HSDS.exists(), reason=f"the HSDS 3.0 schemas are not at {HSDS}")
def test_the_hsds_feed_validates_against_the_hsds_3_schemas(net: Network) -> None:
    _offer, listing, full, organizations = _published_feed(net)
    _page_schema().validate(listing)
    for item in listing["contents"]:
        _validator("service_list").validate(item)
    _validator("service").validate(full)
    for item in organizations["contents"]:
        _validator("organization_list").validate(item)


def test_the_hsds_feed_is_empty_until_the_network_publishes(net: Network) -> None:
    offer = berufssprachkurs(net)
    anonymous = client_for_anonymous()
    assert anonymous.get("/api/v1/hsds/services").json()["empty"] is True
    assert anonymous.get(f"/api/v1/hsds/services/{offer.public_id}").status_code == 404
    assert anonymous.get("/api/v1/hsds/services/not-a-uuid").status_code == 404


def test_the_participant_page_navigation_leads_to_the_offers_section(net: Network) -> None:
    # A section on the page that the navigation leaves out is found only by scrolling.
    response = client_for(net.counsellor).get(f"/participants/{net.participant.pk}/")
    html = response.content.decode()
    assert 'id="offers"' in html
    nav = html.split('aria-label="Abschnitte dieser Seite"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#offers"' in nav


def test_the_coordinators_two_provider_fields_say_one_of_them_is_needed(net: Network) -> None:
    html = client_for(net.coordinator).get("/offers/new/", HTTP_ACCEPT_LANGUAGE="de")
    page = " ".join(html.content.decode().split())
    says = '<span class="kern-label__optional">– eines von beiden ist nötig</span>'
    assert f"Anbieter im Netzwerk {says}" in page
    assert f"Anbieter außerhalb des Netzwerks {says}" in page


def test_a_new_offer_form_shows_empty_lists_as_empty_fields_and_styles_the_translations(
    net: Network,
) -> None:
    html = client_for(net.coordinator).get("/offers/new/").content.decode()
    assert 'value="[]"' not in html
    # The translated titles carry the house's classes like every other field.
    title_en = html.split('name="title_en"', 1)[1].split(">", 1)[0]
    assert "kern-form-input__input" in title_en


def test_an_offer_says_when_it_takes_place(net: Network) -> None:
    client = client_for(net.third_counsellor)
    response = client.post("/offers/new/", _form(start_date="", end_date=""))
    assert response.status_code == 200
    assert "Geben Sie das Datum ein, an dem das Angebot beginnt." in response.content.decode()
    response = client.post("/offers/new/", _form(schedule="weekly"))
    assert response.status_code == 200
    assert "Kreuzen Sie die Wochentage an" in response.content.decode()
    assert not Offer.objects.exists()


def test_the_offer_page_says_who_can_take_it(net: Network) -> None:
    offer = berufssprachkurs(net, documents=["duldung", "gestattung"])
    html = client_for(net.counsellor).get(f"/offers/{offer.pk}/").content.decode()
    assert "Voraussetzungen" in html
    assert "Deutsch mindestens B1" in html
    assert "Alter ab 18" in html
    assert "Aufenthaltspapiere: Duldung" in html


def test_the_public_catalogue_names_each_language_in_itself(net: Network) -> None:
    berufssprachkurs(net)
    services.catalogue_publish(actor=net.coordinator, network=net.owner.network, public=True)
    html = Client().get("/offers/public/").content.decode()
    # A reader who reads no German finds "العربية", not "Arabisch" (read out in an Arabic voice).
    assert ">العربية</a>" in html
    assert ">Arabisch</a>" not in html
    search = html.split('name="text"', 1)[1].split(">", 1)[0]
    assert "kern-form-input__input" in search


def test_the_eligibility_follows_a_changed_offer(net: Network) -> None:
    """The per-process grouping of the offers' criteria is read again once an offer changes."""
    offer = berufssprachkurs(net, min_german="")
    client = client_for(net.counsellor)
    url = f"/offers/?participant={net.participant.pk}"
    assert "nicht möglich" not in client.get(url).content.decode()
    offer.min_german = "C1"
    services.offer_save(
        actor=net.third_counsellor,
        network=net.owner.network,
        offer=offer,
        sites=[],
        expected_version=offer.version,
    )
    assert "Deutsch C1 nötig, Niveau unbekannt" in client.get(url).content.decode()
