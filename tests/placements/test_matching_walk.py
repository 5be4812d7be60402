"""What the walk through the matching pages in a browser found (QA of issue 14 §4), held here:
names shown once, languages by name, a way back to the vacancy, and a vacancy whose postcode
the imported postcode file lacks still lying in its town's district."""

import datetime

import pytest

from lotse.participants import services
from lotse.participants.models import Participant
from lotse.placements.geo.models import Postcode
from lotse.placements.geo.selectors import Place, places_with_towns, town_key
from tests.conftest import client_for
from tests.placements.pagetext import tables
from tests.placements.test_matching_pages import profile, vacancy

pytestmark = pytest.mark.django_db

FITS = "Passende Teilnehmende, die Sie sehen dürfen"
EXCLUDED = "Ausgeschlossene Teilnehmende, die Sie sehen dürfen, und warum"


def page_of(user, vacancy_pk):
    response = client_for(user).get(f"/matches/vacancies/{vacancy_pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def test_a_candidate_is_named_once_with_the_file_number_in_its_own_column(net):
    profile(net.participant)
    fits = vacancy(net)
    rows = tables(page_of(net.counsellor, fits.pk))[FITS]
    number = net.participant.file_number
    assert rows[0] == [
        "Teilnehmende*r",
        "Aktenzeichen",
        "Berater*in",
        "Passung",
        "Warum",
        "Aktionen",
    ]
    assert rows[1][:2] == ["Al-Masri, Mohammad", number]


def test_an_excluded_candidate_shows_the_file_number_once(net):
    profile(net.participant, german="A1")
    needs_b2 = vacancy(net, min_german="B2")
    rows = tables(page_of(net.counsellor, needs_b2.pk))[EXCLUDED]
    number = net.participant.file_number
    assert rows[1] == [
        f"Al-Masri, Mohammad ({number})",
        "dagegen: Deutsch B2 verlangt, vorhanden A1",
    ]


def test_the_candidates_page_leads_back_to_the_vacancy_and_its_employer(net):
    profile(net.participant)
    fits = vacancy(net)
    page = page_of(net.counsellor, fits.pk)
    assert f'href="/employers/vacancies/{fits.pk}/">Die Stelle</a>' in page
    assert f'href="/employers/{fits.employer_id}/">Logistik Rhein GmbH</a>' in page


def test_an_anonymous_profile_names_its_languages(net):
    profile(net.participant)
    fits = vacancy(net)
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="employer_contact",
        organisations=[net.other],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    rows = tables(page_of(net.other_counsellor, fits.pk))["Anonyme Profile"]
    assert rows[0] == [
        "Deutsch",
        "Sprachen",
        "Erfahrung",
        "Stunden pro Woche",
        "Passung",
        "Kontaktdaten",
    ]
    assert rows[1][:4] == ["B1", "Englisch B2", "Lagerhelfer/in (51311), 36 Monate", "40"]


def köln(postcode="50667", place="Köln"):
    return Postcode.objects.create(
        country="DE",
        postcode=postcode,
        place=place,
        district="Kreisfreie Stadt Köln",
        district_code="05315",
        latitude=50.9384,
        longitude=6.9597,
    )


def test_a_postcode_the_file_lacks_is_found_by_its_town():
    köln()
    assert places_with_towns([("50667", "Köln"), ("50999", " köln "), ("99999", "Nirgendwo")]) == {
        "50667": Place("05315", "Kreisfreie Stadt Köln", 50.9384, 6.9597),
        town_key("Köln"): Place("05315", "Kreisfreie Stadt Köln", 50.9384, 6.9597),
    }


def test_a_vacancy_with_a_postcode_the_file_lacks_finds_candidates_in_its_town(net):
    köln()
    profile(net.participant)
    typed = vacancy(net, postcode="50999", city="Köln")
    rows = tables(page_of(net.counsellor, typed.pk))[FITS]
    assert [row[0] for row in rows[1:]] == ["Al-Masri, Mohammad"]


def test_a_vacancy_whose_place_the_file_lacks_says_so(net):
    köln()
    profile(net.participant)
    Participant.objects.filter(pk=net.participant.pk).update(postcode="50667", city="Köln")
    far = vacancy(net, postcode="12345", city="Musterhausen")
    rows = tables(page_of(net.counsellor, far.pk))[EXCLUDED]
    assert rows[1][1] == "dagegen: Ort der Stelle nicht im Postleitzahlenverzeichnis"
