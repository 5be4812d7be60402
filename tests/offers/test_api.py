"""The offers API: the page's form, service and rules over HTTP — partners keep their own
offers, the coordinator all; a stale version is refused; messages in German; and a
participant's eligibility for every offer of the network."""

import uuid
from typing import Any

import pytest
from django.test import Client

from lotse.api.services import api_token_create
from lotse.audit.models import AuditEvent
from lotse.offers.models import Offer
from tests.conftest import Network
from tests.offers.helpers import berufssprachkurs


def _api(user: Any) -> Client:
    key = api_token_create(actor=user, user=user, name="Test")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="de")


NEW = {
    "title": "Bewerbungstraining",
    "kind": "vocational_preparation",
    "schedule": "weekly",
    "weekdays": [3],
    "starts_at": "14:00",
    "ends_at": "16:30",
    "languages": ["de", "ar"],
    "seats": 12,
    "seats_free": 4,
    "min_german": "A1",
    "postcodes": ["001"],
    "translations": {"ar": {"title": "تدريب على التقديم"}},
}


def test_a_partner_adds_its_own_offer_through_the_service(net: Network) -> None:
    response = _api(net.third_counsellor).post(
        "/api/v1/offers",
        {**NEW, "provider": net.third.pk, "submission_key": str(uuid.uuid4())},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    offer = Offer.objects.get()
    assert (body["id"], body["provider"], body["version"], body["can_change"]) == (
        offer.pk,
        {"id": net.third.pk, "name": "Lernwerk Test"},
        1,
        True,
    )
    assert (offer.weekdays, offer.postcodes, offer.translations["ar"]["title"]) == (
        [3],
        ["001"],
        "تدريب على التقديم",
    )
    assert AuditEvent.objects.filter(action="offers.offer.created").count() == 1


def test_the_same_submission_key_saves_once(net: Network) -> None:
    client = _api(net.coordinator)
    body = {**NEW, "outside_provider": "VHS Beispielstadt", "submission_key": str(uuid.uuid4())}
    assert client.post("/api/v1/offers", body, content_type="application/json").status_code == 201
    again = client.post("/api/v1/offers", body, content_type="application/json")
    assert (again.status_code, Offer.objects.count()) == (409, 1)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"seats": -1},
            {"seats": ["Die Zahl der Plätze kann nicht unter null liegen."]},
        ),
        (
            {"schedule": "dates", "start_date": "2027-03-01", "end_date": "2027-02-01"},
            {"end_date": ["Das Angebot kann nicht enden, bevor es beginnt."]},
        ),
        (
            {"outside_provider": "VHS", "provider": "THIRD"},
            {
                "outside_provider": [
                    "Nennen Sie den Anbieter nur einmal: entweder einen Partner des Netzwerks "
                    "oder einen Anbieter außerhalb, nicht beides."
                ]
            },
        ),
        (
            {"outside_provider": ""},
            {
                "provider": [
                    "Wählen Sie den Anbieter unter den Partnern des Netzwerks aus oder nennen "
                    "Sie einen Anbieter außerhalb des Netzwerks – eines von beiden ist nötig."
                ]
            },
        ),
    ],
)
def test_bad_offers_are_refused_with_german_messages_and_nothing_saved(
    net: Network, changes: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    body = {**NEW, "outside_provider": "VHS", **changes}
    if body.get("provider") == "THIRD":
        body["provider"] = net.third.pk
    response = _api(net.coordinator).post("/api/v1/offers", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": "Die Daten sind nicht gültig.", "errors": errors}
    assert not Offer.objects.exists()


def test_a_partner_cannot_name_another_provider_or_one_outside(net: Network) -> None:
    client = _api(net.third_counsellor)
    other = client.post(
        "/api/v1/offers", {**NEW, "provider": net.owner.pk}, content_type="application/json"
    )
    assert other.status_code == 422
    assert list(other.json()["errors"]) == ["provider"]
    outside = client.post(
        "/api/v1/offers",
        {**NEW, "provider": net.third.pk, "outside_provider": "VHS"},
        content_type="application/json",
    )
    assert outside.json()["errors"] == {
        "outside_provider": ["Nur die Koordination erfasst Anbieter außerhalb des Netzwerks."]
    }
    assert not Offer.objects.exists()


def test_a_patch_changes_only_what_it_sends_and_checks_the_version(net: Network) -> None:
    offer = berufssprachkurs(net, postcodes=["281"])
    client = _api(net.third_counsellor)
    response = client.patch(
        f"/api/v1/offers/{offer.pk}",
        {"seats_free": 2, "version": offer.version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    saved = Offer.objects.get(pk=offer.pk)
    assert (saved.seats_free, saved.seats, saved.title, saved.postcodes, saved.weekdays) == (
        2,
        16,
        "Berufssprachkurs B2 Pflege",
        ["281"],
        [0, 3],
    )
    assert saved.translations == offer.translations
    assert response.json()["version"] == offer.version + 1
    # A second client that read the old version is refused; nothing changes.
    stale = _api(net.coordinator).patch(
        f"/api/v1/offers/{offer.pk}",
        {"title": "Abendkurs", "version": offer.version},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert (
        "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert"
        in (stale.json()["detail"])
    )
    assert Offer.objects.get(pk=offer.pk).title == "Berufssprachkurs B2 Pflege"


def test_a_patch_with_bad_values_is_refused_whole(net: Network) -> None:
    offer = berufssprachkurs(net)
    response = _api(net.coordinator).patch(
        f"/api/v1/offers/{offer.pk}",
        {"title": "Neu", "seats_free": 99, "version": offer.version},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "seats_free": ["Es sind mehr Plätze frei, als das Angebot hat."]
    }
    assert Offer.objects.get(pk=offer.pk).title == "Berufssprachkurs B2 Pflege"


def test_who_reads_and_who_changes_offers(net: Network) -> None:
    offer = berufssprachkurs(net)
    patch = {"title": "Neu", "version": offer.version}
    # Another partner reads it but does not change it; a volunteer reads the catalogue too.
    assert _api(net.counsellor).get(f"/api/v1/offers/{offer.pk}").json()["can_change"] is False
    refused = _api(net.counsellor).patch(
        f"/api/v1/offers/{offer.pk}", patch, content_type="application/json"
    )
    assert refused.status_code == 403
    assert _api(net.volunteer).get(f"/api/v1/offers/{offer.pk}").status_code == 200
    volunteer_add = _api(net.volunteer).post("/api/v1/offers", NEW, content_type="application/json")
    assert volunteer_add.status_code == 403
    assert Client().get("/api/v1/offers").status_code == 401
    assert _api(net.coordinator).get("/api/v1/offers/999999").status_code == 404
    assert Offer.objects.get(pk=offer.pk).title == "Berufssprachkurs B2 Pflege"


def test_the_list_pages_and_filters(net: Network) -> None:
    course = berufssprachkurs(net)
    outside = berufssprachkurs(
        net, provider=None, outside_provider="VHS", kind="counselling", status="paused"
    )
    client = _api(net.counsellor)
    everything = client.get("/api/v1/offers").json()
    assert (everything["count"], len(everything["items"])) == (2, 2)
    by_kind = client.get("/api/v1/offers", {"kind": "counselling"}).json()
    assert [o["id"] for o in by_kind["items"]] == [outside.pk]
    by_status = client.get("/api/v1/offers", {"status": "active"}).json()
    assert [o["id"] for o in by_status["items"]] == [course.pk]
    by_provider = client.get("/api/v1/offers", {"provider": net.third.pk}).json()
    assert [o["id"] for o in by_provider["items"]] == [course.pk]
    assert client.get("/api/v1/offers", {"page": 2}).json() == {"count": 2, "items": []}
    assert client.get("/api/v1/offers", {"kind": "tanzkurs"}).status_code == 422


def test_the_list_reads_in_the_same_number_of_queries_for_one_and_three(
    net: Network, django_assert_max_num_queries: Any
) -> None:
    client = _api(net.counsellor)
    berufssprachkurs(net)
    client.get("/api/v1/offers")  # the token's first use writes its "last used"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/offers")
    berufssprachkurs(net, title="Zweiter")
    berufssprachkurs(net, title="Dritter")
    with CaptureQueriesContext(connection) as three:
        client.get("/api/v1/offers")
    assert len(three) == len(one)


def test_the_eligibility_for_every_offer_of_the_network(net: Network) -> None:
    young = berufssprachkurs(net, title="Für Ältere", min_age=70)
    anyone = berufssprachkurs(net, title="Für alle", min_german="", min_age=None)
    response = _api(net.counsellor).get(
        f"/api/v1/participants/{net.participant.pk}/offers/eligibility"
    )
    assert response.status_code == 200
    body = response.json()
    assert [(row["offer"], row["verdict"]) for row in body] == [
        (anyone.pk, "eligible"),
        (young.pk, "not_eligible"),
    ]
    assert body[1]["checks"][0]["criterion"] == "age"
    assert body[1]["checks"][0]["reason"].startswith("ab 70 Jahren nötig, zu Beginn")
    assert AuditEvent.objects.filter(
        action="offers.eligibility.viewed", participant_id=net.participant.pk
    ).exists()
    url = f"/api/v1/participants/{net.participant.pk}/offers/eligibility"
    assert _api(net.other_counsellor).get(url).status_code == 404
    assert _api(net.coordinator).get(url).status_code == 403
    assert _api(net.volunteer).get(url).status_code == 403


def test_the_offers_api_is_in_the_schema_with_its_answers(net: Network) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert set(paths["/api/v1/offers"]) == {"get", "post"}
    assert set(paths["/api/v1/offers/{offer_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/offers/{offer_id}"]["get"]["responses"]) == {
        "200", "401", "403", "404", "422"
    }  # fmt: skip
    assert set(paths["/api/v1/offers"]["get"]["responses"]) == {
        "200", "401", "403", "404", "422"
    }  # fmt: skip
    assert set(paths["/api/v1/offers/{offer_id}"]["patch"]["responses"]) == {
        "200", "401", "403", "404", "409", "422"
    }  # fmt: skip
    assert set(paths["/api/v1/offers"]["post"]["responses"]) == {
        "201", "401", "403", "404", "409", "422"
    }  # fmt: skip
    eligibility = paths["/api/v1/participants/{participant_id}/offers/eligibility"]["get"]
    assert set(eligibility["responses"]) == {"200", "401", "403", "404", "422"}


def test_a_site_id_beyond_any_key_is_refused_as_data(net: Network) -> None:
    response = _api(net.coordinator).post(
        "/api/v1/offers",
        {**NEW, "outside_provider": "VHS", "sites": [278084331193541656576]},
        content_type="application/json",
    )
    assert (response.status_code, list(response.json()["errors"])) == (422, ["sites.0"])
    assert not Offer.objects.exists()
