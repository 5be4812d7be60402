"""The matching pages: a participant's vacancies, a vacancy's candidates, and who sees what."""

import datetime

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.employers.models import Employer, Vacancy
from lotse.participants import services
from lotse.participants.models import Participant
from lotse.profiles.models import LanguageSkill, Resources, WorkExperience
from tests.audit.helpers import listed
from tests.conftest import client_for, share_with_consent
from tests.factories import NetworkFactory, participant_for

pytestmark = pytest.mark.django_db


def profile(participant, *, german="B1", licences=(), city="Köln"):
    Participant.objects.filter(pk=participant.pk).update(postcode="50667", city=city)
    LanguageSkill.objects.create(participant=participant, language="de", level=german)
    LanguageSkill.objects.create(participant=participant, language="en", level="B2")
    WorkExperience.objects.create(
        participant=participant,
        kldb_code="51311",
        label="Lagerhelfer/in",
        started_on=datetime.date(2019, 1, 1),
        ended_on=datetime.date(2021, 12, 1),
    )
    Resources.objects.create(
        participant=participant, driving_licences=list(licences), hours_per_week=40
    )


def vacancy(net, **fields):
    employer = Employer.objects.create(network=net.owner.network, name="Logistik Rhein GmbH")
    values = {
        "network": net.owner.network,
        "employer": employer,
        "kind": "job",
        "title": "Fachkraft für Lagerlogistik",
        "kldb_code": "51322",
        "postcode": "50667",
        "city": "Köln",
        "hours_per_week": 38,
        "start_date": timezone.localdate() + datetime.timedelta(days=200),
        "min_german": "A2",
    }
    return Vacancy.objects.create(**(values | fields))


@pytest.fixture
def setting(net):
    profile(net.participant)
    fits = vacancy(net)
    needs_c = vacancy(net, title="Berufskraftfahrer/in", kldb_code="52122", driving_licences=["C"])
    return fits, needs_c


def test_participant_page_ranks_and_explains(net, setting):
    response = client_for(net.counsellor).get(
        f"/matches/participants/{net.participant.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fachkraft für Lagerlogistik" in page
    assert "3 Jahre Erfahrung als Lagerhelfer/in (KldB 51311)" in page
    assert "Führerschein C fehlt" in page
    assert AuditEvent.objects.filter(
        action="matches.vacancies.viewed", participant_id=net.participant.pk
    ).exists()


@pytest.mark.parametrize("persona", ["other_counsellor", "volunteer", "coordinator"])
def test_participant_page_is_404_without_the_case(net, setting, persona):
    response = client_for(getattr(net, persona)).get(f"/matches/participants/{net.participant.pk}/")
    assert response.status_code == 404


def test_vacancy_page_lists_own_candidates_by_name(net, setting):
    fits, _ = setting
    response = client_for(net.counsellor).get(f"/matches/vacancies/{fits.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Al-Masri" in page
    assert net.participant.pk in listed("matches.candidate.listed")


def test_vacancy_page_of_another_organisation_shows_no_name_without_consent(net, setting):
    fits, _ = setting
    page = client_for(net.other_counsellor).get(f"/matches/vacancies/{fits.pk}/").content.decode()
    assert "Al-Masri" not in page
    assert "Anonym" not in page


def test_vacancy_page_shows_an_anonymous_profile_where_consent_covers_the_organisation(
    net, setting
):
    fits, _ = setting
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="employer_contact",
        organisations=[net.other],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    response = client_for(net.other_counsellor).get(
        f"/matches/vacancies/{fits.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    page = response.content.decode()
    assert "Al-Masri" not in page
    assert net.participant.file_number not in page
    assert "Sozialwerk Test" in page
    assert "Lagerhelfer/in (51311), 36 Monate" in page
    assert net.participant.pk in listed("matches.candidate.anonymous_listed")
    # The third organisation is not covered by the consent.
    page = client_for(net.third_counsellor).get(f"/matches/vacancies/{fits.pk}/").content.decode()
    assert "Sozialwerk Test" not in page


def test_vacancy_page_shows_a_shared_case_by_name(net, setting):
    fits, _ = setting
    share_with_consent(net)
    page = client_for(net.other_counsellor).get(f"/matches/vacancies/{fits.pk}/").content.decode()
    assert "Al-Masri" in page


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_vacancy_page_is_refused_to_roles_without_cases(net, setting, persona):
    fits, _ = setting
    response = client_for(getattr(net, persona)).get(f"/matches/vacancies/{fits.pk}/")
    assert response.status_code == 403


def test_vacancy_of_another_network_is_404(net, setting):
    elsewhere = NetworkFactory()
    employer = Employer.objects.create(network=elsewhere, name="Anderswo GmbH")
    other_vacancy = Vacancy.objects.create(
        network=elsewhere, employer=employer, kind="job", title="Anderswo", kldb_code="51322"
    )
    response = client_for(net.counsellor).get(f"/matches/vacancies/{other_vacancy.pk}/")
    assert response.status_code == 404


def test_new_participant_without_document_is_excluded_with_why(net, setting):
    fits, _ = setting
    newcomer = participant_for(net.counsellor, first_names="Olena", last_name="Koval")
    profile(newcomer)
    page = (
        client_for(net.counsellor)
        .get(f"/matches/vacancies/{fits.pk}/", HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "Koval" in page
    assert "Beschäftigung: Arbeitsmarktzugang unbekannt" in page


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_candidates_page_reads_as_many_queries_for_three_people_as_for_one(net, setting):
    fits, _ = setting
    client = client_for(net.counsellor)
    url = f"/matches/vacancies/{fits.pk}/"
    client.get(url)
    one = _queries(client, url)
    for name in ("Olena", "Amir"):
        profile(participant_for(net.counsellor, first_names=name, last_name="Test"))
    assert _queries(client, url) == one


def test_matches_page_reads_as_many_queries_for_three_vacancies_as_for_one(net):
    profile(net.participant)
    vacancy(net)
    client = client_for(net.counsellor)
    url = f"/matches/participants/{net.participant.pk}/"
    client.get(url)
    one = _queries(client, url)
    vacancy(net, title="Zweite Stelle")
    vacancy(net, title="Dritte Stelle", driving_licences=["C"])
    assert _queries(client, url) == one


def test_a_vacancy_closed_only_by_german_shows_the_language_courses_open_to_the_person(net):
    from tests.offers.helpers import berufssprachkurs

    profile(net.participant, german="A2")
    vacancy(net, min_german="B2", title="Fachkraft für Lagerlogistik")
    course = berufssprachkurs(net, title="Berufssprachkurs Logistik", min_german="A2")
    berufssprachkurs(net, title="Berufssprachkurs C1", min_german="C1")
    page = client_for(net.counsellor).get(
        f"/matches/participants/{net.participant.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    text = " ".join(page.content.decode().split())
    assert "Angebote zur Vorbereitung" in text
    assert (
        "Nur die Deutschkenntnisse stehen 1 Stelle im Weg: verlangt Deutsch B2, vorhanden A2."
        in text
    )
    assert f'href="/offers/{course.pk}/">Berufssprachkurs Logistik</a>' in text
    assert "Berufssprachkurs C1" not in text
