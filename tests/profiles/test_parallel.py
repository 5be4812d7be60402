"""Parallel requests, as the issue measured them: 20 edits of one entry opened at the same
version, 5 posts of one "add" form. Runs on SQLite (IMMEDIATE transactions) and PostgreSQL
(row lock), each request in its own thread and database connection."""

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from lotse.profiles.models import Skill, WorkExperience
from tests.conftest import Network, client_for
from tests.profiles.helpers import work

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _curated_occupations_back() -> Any:
    yield
    # The flush after a transactional test empties every table, also the curated occupations a
    # data migration loaded; loading them again is cheaper than a serialised rollback.
    call_command("taxonomy", "load-curated", verbosity=0)


def _together(posts: list[Callable[[], Any]]) -> list[Any]:
    start = threading.Barrier(len(posts))

    def run(post: Callable[[], Any]) -> Any:
        try:
            start.wait()
            return post()
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(run, posts))


def _post(client: Client, url: str, data: dict[str, str]) -> Callable[[], Any]:
    return lambda: client.post(url, data, headers={"Accept-Language": "de"})


def test_twenty_parallel_edits_of_one_entry_save_one(net: Network) -> None:
    job = work(net)
    url = reverse("profiles:item_edit", args=[net.participant.pk, "work", job.pk])
    opened = {
        "label": job.label,
        "kldb_code": job.kldb_code,
        "isco_code": job.isco_code,
        "esco_uri": "",
        "country": job.country,
        "started_on": "2015-03",
        "ended_on": "2019-06",
        "tasks": job.tasks,
        "version": "1",
    }
    clients = [client_for(net.counsellor) for _ in range(20)]

    responses = _together(
        [_post(c, url, {**opened, "employer": f"Arbeitgeber {i}"}) for i, c in enumerate(clients)]
    )

    statuses = Counter(r.status_code for r in responses)
    saved = [i for i, r in enumerate(responses) if r.status_code == 302]
    job.refresh_from_db()
    assert statuses == Counter({302: 1, 200: 19})
    assert (job.employer, job.version) == (f"Arbeitgeber {saved[0]}", 2)


def test_five_parallel_posts_of_one_add_form_save_one(net: Network) -> None:
    url = reverse("profiles:item_add", args=[net.participant.pk, "skills"])
    data = {
        "label": "Erste Hilfe",
        "esco_uri": "",
        "evidence": "certified",
        "submission_key": "6f1c2b9e-0d3a-4c1e-9b7a-2f4d5e6a7b8c",
    }
    clients = [client_for(net.counsellor) for _ in range(5)]

    responses = _together([_post(c, url, data) for c in clients])

    assert [r.status_code for r in responses] == [302] * 5
    assert Skill.objects.count() == 1
    assert WorkExperience.objects.count() == 0
