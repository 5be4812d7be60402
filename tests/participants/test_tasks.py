"""Tasks: a contact's next steps and the career plan's steps are one thing, listed per person in
"my tasks", flagged on the caseload and the participant page, and in the API."""

import datetime
import json
import re
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.core.errors import DomainError, StaleEditError
from lotse.participants import services
from lotse.participants.access import participant_for_user
from lotse.participants.models import Participant, Task
from lotse.participants.selectors import tasks_for_user
from lotse.profiles.models import CareerStep
from tests.audit.helpers import listed
from tests.conftest import Network, client_for, share_with_consent
from tests.factories import participant_for
from tests.profiles.helpers import goal, step

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
TASKS = "/tasks/"
API = "/api/v1"


def _contact(net: Network, actor: Any, *steps: tuple[str, datetime.date | None]) -> Any:
    return services.contact_record(
        actor=actor,
        participant=net.participant,
        submission_key=uuid.uuid4(),
        took_place_on=TODAY - 2 * DAY,
        duration_minutes=30,
        form="phone",
        topics=["work"],
        next_steps=list(steps),
    )


def _complete(net: Network, task: Task, actor: Any = None) -> Task:
    task.refresh_from_db()
    return services.task_complete(
        actor=actor or net.counsellor, task=task, expected_version=task.version, done_on=TODAY
    )


# --- the model and its services


def test_a_contacts_next_steps_are_tasks_of_the_counsellor_who_recorded_them(net: Network) -> None:
    contact = _contact(net, net.counsellor, ("Bewerbung an Logistik Nord GmbH schicken", TODAY))

    task = Task.objects.get(contact=contact)
    assert (task.description, task.organisation, task.assignee, task.status, task.due_on) == (
        "Bewerbung an Logistik Nord GmbH schicken",
        net.owner,
        net.counsellor,
        "open",
        TODAY,
    )
    assert task.network_id == net.participant.network_id
    assert task.history.count() == 1
    assert AuditEvent.objects.filter(action="participants.task.created", object_id=str(task.pk))
    assert Participant.objects.get(pk=net.participant.pk).next_step_id == task.pk


def test_completing_a_task_records_the_day_a_version_and_the_next_task(net: Network) -> None:
    contact = _contact(net, net.counsellor, ("Erst", TODAY - DAY), ("Dann", TODAY + DAY))
    first, then = Task.objects.filter(contact=contact).order_by("due_on")

    done = _complete(net, first)

    assert (done.status, done.done_on, done.version) == ("done", TODAY, 2)
    assert Participant.objects.get(pk=net.participant.pk).next_step_id == then.pk
    assert first.history.count() == 2
    event = AuditEvent.objects.get(action="participants.task.completed")
    assert (event.object_id, event.participant_id) == (str(first.pk), net.participant.pk)


def test_a_task_saved_since_it_was_shown_is_not_marked_done(net: Network) -> None:
    task = Task.objects.get(contact=_contact(net, net.counsellor, ("Anrufen", TODAY)))
    shown_version = task.version
    services.task_update(
        actor=net.colleague,
        task=task,
        expected_version=shown_version,
        changes={"due_on": TODAY + 7 * DAY},
    )

    with pytest.raises(StaleEditError):
        services.task_complete(
            actor=net.counsellor, task=task, expected_version=shown_version, done_on=TODAY
        )
    task.refresh_from_db()
    assert (task.status, task.done_on, task.due_on) == ("open", None, TODAY + 7 * DAY)


def test_a_second_click_on_done_changes_nothing(net: Network) -> None:
    task = Task.objects.get(contact=_contact(net, net.counsellor, ("Anrufen", TODAY)))
    shown_version = task.version
    _complete(net, task)

    again = services.task_complete(
        actor=net.counsellor, task=task, expected_version=shown_version, done_on=TODAY + DAY
    )

    assert (again.status, again.done_on, again.version) == ("done", TODAY, 2)
    assert AuditEvent.objects.filter(action="participants.task.completed").count() == 1


def test_a_cancelled_task_cannot_be_marked_done(net: Network) -> None:
    task = services.task_create(actor=net.counsellor, participant=net.participant, description="X")
    task = services.task_update(
        actor=net.counsellor, task=task, expected_version=1, changes={"status": "cancelled"}
    )
    with pytest.raises(DomainError, match="nicht mehr offen"):
        services.task_complete(actor=net.counsellor, task=task, expected_version=2, done_on=TODAY)


def test_a_task_is_given_only_to_a_person_of_its_organisation(net: Network) -> None:
    with pytest.raises(DomainError, match="arbeitet nicht für"):
        services.task_create(
            actor=net.counsellor,
            participant=net.participant,
            description="Termin",
            organisation=net.owner,
            assignee=net.other_counsellor,
        )
    task = services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Termin",
        organisation=net.other,
        assignee=net.other_counsellor,
    )
    assert (task.organisation, task.assignee) == (net.other, net.other_counsellor)


def test_status_done_and_back_keeps_the_day_of_completion_honest(net: Network) -> None:
    task = services.task_create(actor=net.counsellor, participant=net.participant, description="X")
    task = services.task_update(
        actor=net.counsellor, task=task, expected_version=1, changes={"status": "done"}
    )
    assert task.done_on == TODAY
    task = services.task_update(
        actor=net.counsellor, task=task, expected_version=2, changes={"status": "open"}
    )
    assert task.done_on is None


def test_a_plan_step_is_a_task(net: Network) -> None:
    plan_step = step(net, goal(net), TODAY - DAY, description="Zeugnisse übersetzen lassen")

    task = Task.objects.get(pk=plan_step.pk)
    assert (task.description, task.organisation, task.status) == (
        "Zeugnisse übersetzen lassen",
        net.owner,
        "open",
    )
    assert Participant.objects.get(pk=net.participant.pk).next_step_id == task.pk
    _complete(net, task)
    assert CareerStep.objects.get(pk=plan_step.pk).status == "done"


# --- "my tasks": whose, which, in what order


def test_my_tasks_are_mine_and_my_caseloads_unassigned_ones_overdue_first(net: Network) -> None:
    _contact(net, net.counsellor, ("Später", TODAY + 5 * DAY), ("Überfällig", TODAY - 3 * DAY))
    services.task_create(
        actor=net.counsellor, participant=net.participant, description="Ohne Datum"
    )
    services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Für die Kollegin",
        assignee=net.colleague,
    )
    plan_step = step(net, goal(net), TODAY - DAY, description="Plan-Schritt")
    done = services.task_create(actor=net.counsellor, participant=net.participant, description="D")
    _complete(net, done)

    mine = [t.description for t in tasks_for_user(net.counsellor)]
    assert mine == ["Überfällig", "Plan-Schritt", "Später", "Ohne Datum"]
    assert [t.description for t in tasks_for_user(net.colleague)] == ["Für die Kollegin"]
    assert plan_step.pk in {t.pk for t in tasks_for_user(net.counsellor)}


def test_my_tasks_leave_out_cases_i_may_no_longer_see(net: Network) -> None:
    consent = share_with_consent(net)
    _contact(net, net.other_counsellor, ("Vermittlungsvorschlag", TODAY - DAY))
    assert [t.description for t in tasks_for_user(net.other_counsellor)] == [
        "Vermittlungsvorschlag"
    ]

    services.consent_revoke(actor=net.counsellor, consent=consent, revoked_on=TODAY)

    assert list(tasks_for_user(net.other_counsellor)) == []


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_roles_without_case_files_have_no_tasks_and_no_page(net: Network, persona: str) -> None:
    _contact(net, net.counsellor, ("Anrufen", TODAY))
    user = getattr(net, persona)
    assert list(tasks_for_user(user)) == []
    assert client_for(user).get(TASKS).status_code == 403


# --- the pages


def test_my_tasks_page_shows_the_overdue_first_and_marks_done(net: Network) -> None:
    _contact(net, net.counsellor, ("Bewerbung an Logistik Nord GmbH schicken", TODAY - 5 * DAY))
    step(net, goal(net), TODAY + 3 * DAY, description="Sprachkurs B2 anmelden")
    client = client_for(net.counsellor)

    page = client.get(TASKS).content.decode()

    assert '<h1 class="kern-heading-large">Meine Aufgaben</h1>' in page
    assert page.index("Bewerbung an Logistik Nord") < page.index("Sprachkurs B2 anmelden")
    assert "Beratungskontakt vom" in page
    assert "Berufswegeplan: Ausbildung: Pflegefachkraft" in page
    assert page.count("überfällig") == 1
    assert net.participant.pk in listed("participants.task.listed")

    task = Task.objects.get(description__startswith="Bewerbung")
    response = client.post(
        f"/participants/{net.participant.pk}/tasks/{task.pk}/done/",
        {"version": task.version, "return_to": "tasks"},
        follow=True,
    )
    assert response.redirect_chain == [(TASKS, 302)]
    page = response.content.decode()
    assert "„Bewerbung an Logistik Nord GmbH schicken“ ist als erledigt markiert." in page
    table = page[page.index("<table") :]
    assert "Bewerbung an Logistik Nord" not in table
    task.refresh_from_db()
    assert task.status == "done"


def test_marking_done_a_task_changed_meanwhile_says_so(net: Network) -> None:
    task = Task.objects.get(contact=_contact(net, net.counsellor, ("Anrufen", TODAY)))
    services.task_update(
        actor=net.colleague, task=task, expected_version=1, changes={"note": "verschoben"}
    )
    response = client_for(net.counsellor).post(
        f"/participants/{net.participant.pk}/tasks/{task.pk}/done/",
        {"version": 1, "return_to": "tasks"},
        follow=True,
    )
    assert "„Anrufen“ wurde inzwischen geändert." in response.content.decode()
    task.refresh_from_db()
    assert task.status == "open"


def test_the_caseload_flags_an_overdue_next_task(net: Network) -> None:
    other = participant_for(net.counsellor, first_names="Sara", last_name="Haddad")
    _contact(net, net.counsellor, ("Bewerbung schicken", TODAY - DAY))
    services.task_create(
        actor=net.counsellor, participant=other, description="Rückruf", due_on=TODAY + DAY
    )

    page = client_for(net.counsellor).get("/participants/").content.decode()

    rows = {name: page[page.index(name) :].split("</tr>", 1)[0] for name in ("Al-Masri", "Haddad")}
    assert "Bewerbung schicken" in rows["Al-Masri"]
    assert "überfällig" in rows["Al-Masri"]
    assert "Rückruf" in rows["Haddad"]
    assert "überfällig" not in rows["Haddad"]


def test_the_participant_page_flags_overdue_open_tasks(net: Network) -> None:
    _contact(net, net.counsellor, ("Bewerbung schicken", TODAY - DAY), ("Kurs", TODAY + DAY))
    page = client_for(net.counsellor).get(f"/participants/{net.participant.pk}/").content.decode()
    panel = page[page.index('id="h-tasks"') :].split("</section>", 1)[0]
    assert "Offene Aufgaben" in panel
    assert "1 überfällig" in panel
    text = " ".join(re.sub(r"<[^>]+>", " ", panel).split())
    who = net.counsellor.get_full_name()
    due = (TODAY - DAY).strftime("%d.%m.%Y")
    assert f"Bewerbung schicken – {who} (Sozialwerk Test) – fällig am {due} überfällig" in text


def test_my_tasks_reads_the_same_number_of_queries_for_one_or_three(net: Network) -> None:
    client = client_for(net.counsellor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(TASKS).status_code == 200
        return len(captured)

    step(net, goal(net), TODAY, description="Eins")
    one = queries()
    other = participant_for(net.counsellor, first_names="Sara", last_name="Haddad")
    services.task_create(actor=net.counsellor, participant=other, description="Zwei")
    _contact(net, net.counsellor, ("Drei", TODAY))
    assert queries() == one


# --- erasure and export


def test_erasing_a_participant_removes_their_tasks_and_past_versions(net: Network) -> None:
    task = Task.objects.get(contact=_contact(net, net.counsellor, ("Anrufen", TODAY)))
    _complete(net, task)
    plan_step = step(net, goal(net), TODAY, description="Plan")
    _complete(net, Task.objects.get(pk=plan_step.pk))
    case = participant_for_user(net.counsellor, net.participant.pk)

    export = services.participant_export(actor=net.counsellor, case=case)
    assert sorted(t["description"] for t in export["tasks"]) == ["Anrufen", "Plan"]

    removed = services.participant_erase(actor=net.counsellor, case=case)

    assert removed["participants.task"] >= 1
    assert not Task.objects.filter(pk__in=[task.pk, plan_step.pk]).exists()
    assert not Task.history.filter(id__in=[task.pk, plan_step.pk]).exists()
    assert not CareerStep.history.filter(id=plan_step.pk).exists()


# --- the API


def _api(user: Any) -> Any:
    return client_for(user)


def test_api_lists_my_tasks_and_a_cases_tasks(net: Network) -> None:
    _contact(net, net.counsellor, ("Bewerbung schicken", TODAY - DAY))
    plan_step = step(net, goal(net), None, description="Plan")  # type: ignore[arg-type]

    mine = _api(net.counsellor).get(f"{API}/tasks").json()
    assert mine["count"] == 2
    first = mine["items"][0]
    assert (first["description"], first["overdue"], first["status"], first["version"]) == (
        "Bewerbung schicken",
        True,
        "open",
        1,
    )
    assert first["organisation"] == {"id": net.owner.pk, "name": "Sozialwerk Test"}
    assert first["assignee"] == net.counsellor.get_full_name()

    case_tasks = _api(net.counsellor).get(f"{API}/participants/{net.participant.pk}/tasks").json()
    assert [t["description"] for t in case_tasks["items"]] == ["Bewerbung schicken", "Plan"]
    assert case_tasks["items"][1]["id"] == plan_step.pk
    assert _api(net.volunteer).get(
        f"{API}/participants/{net.participant.pk}/tasks"
    ).status_code == (404)
    assert _api(net.coordinator).get(f"{API}/tasks").status_code == 403


def test_api_marks_a_task_done_with_its_version(net: Network) -> None:
    task = Task.objects.get(contact=_contact(net, net.counsellor, ("Anrufen", TODAY)))
    url = f"{API}/participants/{net.participant.pk}/tasks/{task.pk}/done"

    def post(user: Any, version: int) -> Any:
        return _api(user).post(
            url,
            json.dumps({"version": version}),
            content_type="application/json",
            headers={"accept-language": "en"},
        )

    share_with_consent(net)
    assert post(net.other_counsellor, 1).status_code == 404  # the owner's task
    answer = post(net.counsellor, 1)
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["done_on"], answer.json()["version"]) == (
        "done",
        TODAY.isoformat(),
        2,
    )
    other = services.task_create(actor=net.counsellor, participant=net.participant, description="Y")
    services.task_update(
        actor=net.counsellor, task=other, expected_version=1, changes={"note": "n"}
    )
    stale = post(net.counsellor, 1)
    assert stale.status_code == 200  # the first task: done already, answered as it is
    url = f"{API}/participants/{net.participant.pk}/tasks/{other.pk}/done"
    assert post(net.counsellor, 1).status_code == 409


def test_a_task_of_neither_contact_nor_plan_is_added_on_the_page_and_by_the_api(
    net: Network,
) -> None:
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/tasks/new/"
    form_page = client.get(url).content.decode()
    assert "Aufgabe hinzufügen" in form_page
    assert 'name="submission_key"' in form_page
    key = str(uuid.uuid4())
    data = {
        "description": "Rückruf Ausländerbehörde",
        "organisation": net.owner.pk,
        "assignee": net.colleague.pk,
        "due_on": (TODAY + DAY).isoformat(),
        "submission_key": key,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert client.post(url, data).status_code == 302  # a second click saves nothing
    task = Task.objects.get(description="Rückruf Ausländerbehörde")
    assert (task.assignee, task.contact, task.due_on) == (net.colleague, None, TODAY + DAY)
    assert [t.description for t in tasks_for_user(net.colleague)] == ["Rückruf Ausländerbehörde"]

    refused = client.post(url, {**data, "assignee": net.other_counsellor.pk, "submission_key": ""})
    assert "Diese Person arbeitet nicht für den zuständigen Träger." in refused.content.decode()

    answer = client.post(
        f"{API}/participants/{net.participant.pk}/tasks",
        json.dumps({"description": "Dolmetscher buchen", "due_on": TODAY.isoformat()}),
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert (answer.json()["organisation"]["id"], answer.json()["contact_id"]) == (
        net.owner.pk,
        None,
    )
    assert (
        _api(net.volunteer)
        .post(
            f"{API}/participants/{net.participant.pk}/tasks",
            json.dumps({"description": "x"}),
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_a_task_is_edited_with_its_version_and_cancelled_off_my_list(net: Network) -> None:
    task = Task.objects.get(contact=_contact(net, net.counsellor, ("Anrufen", TODAY)))
    url = f"/participants/{net.participant.pk}/tasks/{task.pk}/edit/"
    client = client_for(net.counsellor)
    assert "Aufgabe bearbeiten" in client.get(url).content.decode()
    data = {
        "description": "Anrufen",
        "organisation": net.owner.pk,
        "assignee": net.counsellor.pk,
        "due_on": (TODAY + 7 * DAY).isoformat(),
        "status": "open",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.due_on, task.version) == (TODAY + 7 * DAY, 2)

    stale = client.post(url, {**data, "status": "cancelled"})  # still version 1
    assert stale.status_code == 200
    assert 'name="version" value="2"' in stale.content.decode()
    task.refresh_from_db()
    assert task.status == "open"

    assert client.post(url, {**data, "status": "cancelled", "version": 2}).status_code == 302
    assert list(tasks_for_user(net.counsellor)) == []
    share_with_consent(net)
    assert client_for(net.other_counsellor).get(url).status_code == 404
