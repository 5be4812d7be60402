"""One task list in a real browser: a contact's overdue next step is flagged on the caseload,
listed in "Meine Aufgaben" and marked done there."""

import datetime
import uuid
from typing import Any

import pytest
from django.utils import timezone

from lotse.participants import services
from lotse.participants.models import Task
from tests.conftest import Network

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STEP = "Bewerbung an Logistik Nord GmbH schicken"


def test_a_contacts_overdue_next_step_is_in_my_tasks_and_marked_done_there(
    page: Any, live_server: Any, net: Network
) -> None:
    today = timezone.localdate()
    services.contact_record(
        actor=net.counsellor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=today - datetime.timedelta(days=14),
        duration_minutes=45,
        form="in_person",
        topics=["employment"],
        next_steps=[(STEP, today - datetime.timedelta(days=5))],
    )
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "berater")
    page.fill("#id_password", "test-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/participants/**")

    row = page.locator("#results tr", has_text="Al-Masri")
    assert STEP in row.inner_text()
    assert "überfällig" in row.inner_text()
    page.wait_for_selector("text=Überfällige Aufgaben (1)")

    page.get_by_role("link", name="Meine Aufgaben", exact=True).first.click()
    page.wait_for_url(f"{base}/tasks/")
    assert page.locator("h1").inner_text() == "Meine Aufgaben"
    task_row = page.locator("main tbody tr", has_text=STEP)
    assert "überfällig" in task_row.inner_text()
    assert "Mohammad Al-Masri" in task_row.inner_text()
    assert "Beratungskontakt vom" in task_row.inner_text()

    task_row.get_by_role("button", name="Als erledigt markieren").click()
    page.wait_for_selector(f"text=„{STEP}“ ist als erledigt markiert.")
    assert page.url == f"{base}/tasks/"
    assert "Sie haben keine offenen Aufgaben." in page.locator("main table").inner_text()
    task = Task.objects.get(description=STEP)
    assert (task.status, task.done_on, task.version) == ("done", today, 2)

    page.goto(f"{base}/participants/{net.participant.pk}/")
    assert "Keine offenen Aufgaben." in page.locator("#tasks").inner_text()
