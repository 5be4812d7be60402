"""The migrations that turn next steps and plan steps into tasks keep every row."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("participants", "0008_draft_and_volunteer_network"),
    ("profiles", "0002_entries_carry_a_version"),
]
AFTER = [
    ("participants", "0009_next_steps_become_tasks"),
    ("profiles", "0003_plan_steps_become_tasks"),
]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_schema_afterwards() -> Any:
    # Going back to BEFORE unapplies every later migration that depends on it, other apps'
    # included; the tests after these need them all again.
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_next_steps_and_plan_steps_become_tasks_row_for_row() -> None:
    old = _migrate(BEFORE)
    try:
        network = old.get_model("network", "Network").objects.create(name="Netz")
        organisation = old.get_model("network", "Organisation").objects.create(
            network=network, name="Sozialwerk", kind="welfare", file_number_prefix="SW"
        )
        counsellor = old.get_model("auth", "User").objects.create(username="berater")
        participant = old.get_model("participants", "Participant").objects.create(
            network=network,
            organisation=organisation,
            counsellor=counsellor,
            file_number="SW-2026-00001",
            first_names="Mohammad",
            last_name="Al-Masri",
            gender="male",
            nationality="SY",
        )
        contact = old.get_model("participants", "CounsellingContact").objects.create(
            participant=participant,
            network=network,
            organisation=organisation,
            counsellor=counsellor,
            took_place_on=datetime.date(2025, 12, 1),
            duration_minutes=30,
            form="phone",
        )
        next_step = old.get_model("participants", "NextStep")
        next_step.objects.create(
            participant=participant,
            network=network,
            contact=contact,
            description="Bewerbung an Logistik Nord GmbH schicken",
            due_on=datetime.date(2025, 12, 19),
        )
        next_step.objects.create(
            participant=participant,
            network=network,
            contact=contact,
            description="Lebenslauf",
            done_on=datetime.date(2025, 12, 2),
        )
        goal = old.get_model("profiles", "CareerGoal").objects.create(
            participant=participant, kind="employment", target_label="Lagerlogistik"
        )
        plan_step = old.get_model("profiles", "CareerStep")
        plan_step.objects.create(
            participant=participant,
            goal=goal,
            description="Staplerschein",
            responsible_organisation=organisation,
            responsible_person="Herr Weber",
            due_on=datetime.date(2025, 11, 1),
            status="in_progress",
            note="Kurs ab Januar",
            version=3,
        )
        plan_step.objects.create(
            participant=participant,
            goal=goal,
            description="Führerschein",
            responsible_organisation=organisation,
            responsible_user=counsellor,
            status="dropped",
        )
    finally:
        new = _migrate(AFTER)

    task = new.get_model("participants", "Task")
    rows = {
        t.description: (
            t.organisation_id,
            t.assignee_id,
            t.assignee_name,
            t.due_on,
            t.status,
            t.done_on is not None,
            t.contact_id,
        )
        for t in task.objects.all()
    }
    assert rows == {
        "Bewerbung an Logistik Nord GmbH schicken": (
            organisation.pk,
            counsellor.pk,
            "",
            datetime.date(2025, 12, 19),
            "open",
            False,
            contact.pk,
        ),
        "Lebenslauf": (organisation.pk, counsellor.pk, "", None, "done", True, contact.pk),
        "Staplerschein": (
            organisation.pk,
            None,
            "Herr Weber",
            datetime.date(2025, 11, 1),
            "in_progress",
            False,
            None,
        ),
        "Führerschein": (organisation.pk, counsellor.pk, "", None, "cancelled", False, None),
    }
    steps = new.get_model("profiles", "CareerStep").objects.all()
    assert {(s.description, s.goal_id, s.note, s.version) for s in steps} == {
        ("Staplerschein", goal.pk, "Kurs ab Januar", 3),
        ("Führerschein", goal.pk, "", 1),
    }
    refreshed = new.get_model("participants", "Participant").objects.get(pk=participant.pk)
    # The plan step due first is the participant's next task now.
    assert task.objects.get(pk=refreshed.next_step_id).description == "Staplerschein"
    assert all(t.created_at <= timezone.now() for t in task.objects.all())
