"""The matching API: items with score and reasons for and against, and the excluded with why."""

import datetime

import pytest

from lotse.participants import services
from tests.conftest import client_for
from tests.placements.test_matching_pages import profile, vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancies(net):
    profile(net.participant)
    return vacancy(net), vacancy(
        net, title="Berufskraftfahrer/in", kldb_code="52122", driving_licences=["C"]
    )


def test_vacancy_matches_of_a_participant(net, vacancies):
    fits, needs_c = vacancies
    response = client_for(net.counsellor).get(
        f"/api/v1/participants/{net.participant.pk}/vacancy-matches"
    )
    assert response.status_code == 200
    body = response.json()
    assert [item["vacancy"]["id"] for item in body["items"]] == [fits.pk]
    item = body["items"][0]
    assert 0 < item["score"] <= 100
    assert {
        "code": "experience",
        "de": "3 Jahre Erfahrung als Lagerhelfer/in (KldB 51311)",
        "en": "3 years of experience as Lagerhelfer/in (KldB 51311)",
    } in item["reasons_for"]
    assert [r["code"] for r in item["reasons_against"]] == ["level", "start", "permit"]
    assert body["excluded"] == [
        {
            "vacancy": {
                "id": needs_c.pk,
                "title": "Berufskraftfahrer/in",
                "employer": "Logistik Rhein GmbH",
                "kind": "job",
                "kldb_code": "52122",
                "start_date": needs_c.start_date.isoformat(),
                "city": "Köln",
            },
            "reasons": [
                {"code": "licence", "de": "Führerschein C fehlt", "en": "driving licence C missing"}
            ],
        }
    ]


def test_vacancy_matches_refuse_others(net, vacancies):
    url = f"/api/v1/participants/{net.participant.pk}/vacancy-matches"
    assert client_for(net.other_counsellor).get(url).status_code == 404
    assert client_for(net.coordinator).get(url).status_code == 403


def test_candidates_of_a_vacancy(net, vacancies):
    fits, _ = vacancies
    response = client_for(net.counsellor).get(f"/api/v1/vacancies/{fits.pk}/candidates")
    assert response.status_code == 200
    body = response.json()
    assert [c["participant"]["name"] for c in body["items"]] == ["Mohammad Al-Masri"]
    assert body["anonymous"] == []
    assert body["excluded"] == []


def test_candidates_of_other_organisations_are_anonymous(net, vacancies):
    fits, _ = vacancies
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="employer_contact",
        organisations=[net.other],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    response = client_for(net.other_counsellor).get(f"/api/v1/vacancies/{fits.pk}/candidates")
    body = response.json()
    assert body["items"] == []
    [anonymous] = body["anonymous"]
    assert "Al-Masri" not in response.content.decode()
    assert anonymous["german"] == "B1"
    assert anonymous["languages"] == [{"language": "en", "level": "B2"}]
    assert anonymous["experience"] == [
        {"label": "Lagerhelfer/in", "kldb_code": "51311", "months": 36}
    ]
    assert anonymous["organisation"] == "Sozialwerk Test"
    assert set(anonymous) == {
        "score",
        "german",
        "languages",
        "experience",
        "hours_per_week",
        "organisation",
        "counsellor",
        "contact_email",
        "contact_phone",
    }
