"""New matches: a vacancy recorded starts a search in the worker; what fits waits in the
counsellor's inbox until they open the participant's matching vacancies."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from lotse.placements.matches.models import NewMatch
from lotse.placements.matches.services import new_matches_record
from tests.conftest import client_for
from tests.placements.test_matching_pages import profile, vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_new_vacancy_puts_a_new_match_in_the_inbox(
    net, django_capture_on_commit_callbacks, immediate_tasks
):
    profile(net.participant)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        fits = vacancy(net, kldb_code="51311", title="Lagerhelfer/in")
        vacancy(net, title="Berufskraftfahrer/in", kldb_code="52122", driving_licences=["C"])
    assert NewMatch.objects.count() == 0  # enqueued once the vacancies are committed
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert list(NewMatch.objects.values_list("participant_id", "vacancy_id", "counsellor_id")) == [
        (net.participant.pk, fits.pk, net.counsellor.pk)
    ]
    client = client_for(net.counsellor)
    page = client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Neue passende Stellen" in page
    assert "Lagerhelfer/in für Mohammad Al-Masri" in page
    # Opening the participant's matching vacancies: the new match is seen.
    client.get(f"/matches/participants/{net.participant.pk}/")
    page = client.get("/inbox/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Lagerhelfer/in für Mohammad Al-Masri" not in page


def test_new_matches_are_recorded_once_and_not_for_others(net):
    profile(net.participant)
    fits = vacancy(net, kldb_code="51311", title="Lagerhelfer/in")
    today = timezone.localdate()
    assert new_matches_record(network_id=net.owner.network_id, today=today) == 1
    assert new_matches_record(network_id=net.owner.network_id, today=today) == 0
    assert NewMatch.objects.get().vacancy_id == fits.pk
    page = client_for(net.other_counsellor).get("/inbox/").content.decode()
    assert "Al-Masri" not in page


def test_weak_matches_are_not_news(net):
    profile(net.participant)
    vacancy(net, kldb_code="82102", title="Altenpflegehelfer/in", start_date=None)
    assert new_matches_record(network_id=net.owner.network_id, today=timezone.localdate()) == 0


def test_refresh_command_searches_every_network(net):
    profile(net.participant)
    vacancy(net, kldb_code="51311", title="Lagerhelfer/in")
    call_command("matches", "refresh", stdout=None)
    assert NewMatch.objects.count() == 1


def test_a_ba_import_queues_one_search_for_its_new_vacancies(
    net, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django_tasks_db.models import DBTaskResult

    from lotse.employers.importer import ba_jobs_import
    from lotse.employers.models import Vacancy

    content = (Path(__file__).parents[1] / "employers/fixtures/ba_jobs.json").read_bytes()
    network = net.owner.network
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ba_jobs_import(actor=net.coordinator, network=network, content=content)
    assert len(callbacks) == 1
    queued = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    assert queued == [
        {
            "args": [network.pk, sorted(Vacancy.objects.values_list("pk", flat=True))],
            "kwargs": {},
        }
    ]
    # The same file again: nothing new, no search.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ba_jobs_import(actor=net.coordinator, network=network, content=content)
    assert callbacks == []
