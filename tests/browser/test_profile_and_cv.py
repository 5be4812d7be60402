"""Coding a job by typing, setting a language level and downloading the CV, in chromium."""

import io
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.core.management import call_command

from lotse.profiles.models import LanguageSkill, WorkExperience
from tests.browser.test_counsellor_day import _log_in
from tests.conftest import Network

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_code_a_job_with_a_typo_set_a_language_level_and_download_the_cv(
    page: Any, live_server: Any, net: Network
) -> None:
    # Transactional tests flush every table, also the curated set the data migration loaded.
    call_command("taxonomy", "load-curated", verbosity=0)
    base = live_server.url
    pk = net.participant.pk
    _log_in(page, base, "berater")
    page.goto(f"{base}/participants/{pk}/")

    page.click(f"a[href='/profiles/participants/{pk}/work/add/']")
    page.locator("#id_label").press_sequentially("Altenpflger", delay=30)
    page.wait_for_selector("#occupation-suggestions option", state="attached", timeout=30_000)
    suggestion = page.get_attribute("#occupation-suggestions option >> nth=0", "value")
    assert suggestion == "Altenpfleger/in (82102)"
    page.fill("#id_label", suggestion)
    page.select_option("#id_country", "SY")
    page.fill("#id_started_on", "2015-03")
    page.fill("#id_ended_on", "2019-06")
    page.fill("#id_tasks", "Alte Menschen gepflegt")
    page.click("#profile-work button[type=submit]")
    page.wait_for_selector("#profile-work >> text=Altenpfleger/in")
    job = WorkExperience.objects.get(participant_id=pk)
    assert (job.kldb_code, job.label) == ("82102", "Altenpfleger/in")

    page.click(f"a[href='/profiles/participants/{pk}/languages/add/']")
    page.select_option("#id_language", "de")
    page.select_option("#id_level", "B1")
    page.click("#profile-languages button[type=submit]")
    page.wait_for_selector("#profile-languages >> text=B1")
    assert LanguageSkill.objects.get(participant_id=pk).level == "B1"

    page.click(f"a[href='/profiles/documents/participants/{pk}/cv/']")
    with page.expect_download() as download_info:
        page.click("main form button[type=submit]")
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    text = "".join(
        p.extract_text()
        for p in pypdf.PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages
    )
    assert "Lebenslauf" in text
    assert "Mohammad Al-Masri" in text
    assert "Altenpfleger/in" in text
    assert "B1" in text
