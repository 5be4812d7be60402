"""The ESF section of a case: entry items, situation after leaving, the six-month follow-up."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from lotse.audit.models import AuditEvent
from lotse.core.errors import DomainError
from lotse.participants import services as participant_services
from lotse.participants.models import Task
from lotse.profiles.models import EducationStage
from lotse.reporting import indicators as ind
from lotse.reporting import services, sources
from lotse.reporting.models import EsfFollowUp, EsfRecord, EsfSituationEvent
from tests.conftest import client_for, share_with_consent

pytestmark = pytest.mark.django_db

ENTRY = datetime.date(2026, 1, 5)
EXIT = datetime.date(2026, 3, 31)


def _section(client: Any, net: Any) -> Any:
    url = reverse("participants:section", args=[net.participant.pk, "reporting.esf"])
    with translation.override("de"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="de")


def _enrol_and_exit(net: Any, outcome: str = "employment") -> None:
    participant_services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=ENTRY
    )
    participant_services.participant_exit(
        actor=net.counsellor, participant=net.participant, exit_date=EXIT, outcome=outcome
    )
    net.participant.refresh_from_db()


def test_section_lists_missing_items_until_recorded(net: Any) -> None:
    response = _section(client_for(net.counsellor), net)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Noch nicht berichtsfähig" in text
    assert "Erwerbsstatus bei Eintritt" in text
    services.esf_record_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"labour_status": "unemployed", "isced_level": 3},
    )
    text = _section(client_for(net.counsellor), net).content.decode()
    assert "Noch nicht berichtsfähig" not in text


def test_isced_comes_from_the_profile_where_known(net: Any) -> None:
    services.esf_record_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"labour_status": "inactive", "isced_level": 1},
    )
    EducationStage.objects.create(
        participant=net.participant, country="SY", from_year=2010, to_year=2016, isced_level=3
    )
    row = sources.row_of(net.participant)
    assert row.isced == 3
    assert row.labour_status == ind.LabourStatus.INACTIVE
    assert ind.missing_items(row) == []


def test_disability_only_for_the_owner(net: Any) -> None:
    services.esf_record_save(
        actor=net.counsellor, participant=net.participant, data={"disability": True}
    )
    assert "Behinderung" in _section(client_for(net.counsellor), net).content.decode()
    share_with_consent(net)
    shared = _section(client_for(net.other_counsellor), net)
    assert shared.status_code == 200
    assert "Behinderung" not in shared.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "volunteer", "third_counsellor"])
def test_section_hidden_from_those_without_the_case_file(net: Any, persona: str) -> None:
    assert _section(client_for(getattr(net, persona)), net).status_code == 404


def test_record_form_saves_and_audits(net: Any) -> None:
    url = reverse("reporting:esf_edit", args=[net.participant.pk])
    client = client_for(net.counsellor)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "labour_status": "long_term_unemployed",
            "isced_level": "2",
            "disability": "unknown",
            "foreign_background": "true",
            "homeless": "false",
            "rural": "unknown",
            "version": "",
        },
    )
    assert response.status_code == 302
    record = EsfRecord.objects.get(participant=net.participant)
    assert (record.labour_status, record.isced_level, record.foreign_background) == (
        "long_term_unemployed",
        2,
        True,
    )
    assert record.disability is None
    event = AuditEvent.objects.filter(action="reporting.esf_record.changed").get()
    assert "long_term" not in str(event.detail)


def test_record_form_refuses_a_stale_version(net: Any) -> None:
    services.esf_record_save(
        actor=net.counsellor, participant=net.participant, data={"labour_status": "inactive"}
    )
    response = client_for(net.counsellor).post(
        reverse("reporting:esf_edit", args=[net.participant.pk]),
        {"labour_status": "employed", "version": "", "isced_level": ""},
    )
    assert response.status_code == 200
    assert EsfRecord.objects.get().labour_status == "inactive"


def test_sharing_organisation_may_not_change(net: Any) -> None:
    share_with_consent(net)
    url = reverse("reporting:esf_edit", args=[net.participant.pk])
    assert client_for(net.other_counsellor).get(url).status_code == 404


def test_exit_schedules_the_follow_up_task(net: Any) -> None:
    _enrol_and_exit(net)
    follow_up = EsfFollowUp.objects.get(participant=net.participant)
    assert follow_up.exit_on == EXIT
    task = Task.objects.get(pk=follow_up.task_id)
    assert task.due_on == EXIT + datetime.timedelta(days=183)
    assert task.organisation_id == net.owner.pk


def test_follow_up_answer_feeds_the_row_and_completes_the_task(net: Any) -> None:
    _enrol_and_exit(net)
    follow_up = EsfFollowUp.objects.get()
    url = reverse("reporting:esf_follow_up", args=[net.participant.pk, follow_up.pk])
    response = client_for(net.counsellor).post(
        url,
        {"answered_on": "2026-10-01", "employed": "yes", "improved": "no", "version": "1"},
    )
    assert response.status_code == 302
    assert Task.objects.get(pk=follow_up.task_id).status == "done"
    row = sources.row_of(net.participant)
    assert row.follow_up == ind.FollowUp(datetime.date(2026, 10, 1), True, False)


def test_situation_before_exit_is_refused(net: Any) -> None:
    _enrol_and_exit(net)
    with pytest.raises(DomainError):
        services.esf_situation_record(
            actor=net.counsellor,
            participant=net.participant,
            day=EXIT - datetime.timedelta(days=1),
            situation="employed",
        )


def test_situation_form_records_once(net: Any) -> None:
    _enrol_and_exit(net)
    client = client_for(net.counsellor)
    url = reverse("reporting:esf_situation_add", args=[net.participant.pk])
    page = client.get(url).content.decode()
    key = page.split('name="submission_key" value="')[1].split('"')[0]
    data = {"day": "2026-04-10", "situation": "employed", "submission_key": key}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert EsfSituationEvent.objects.count() == 1


def test_exit_without_situation_is_incomplete_until_confirmed(net: Any) -> None:
    # A drop-out says nothing about where the person went (an exit into employment would).
    _enrol_and_exit(net, outcome="dropped_out")
    item = ind.participation(sources.row_of(net.participant))
    assert item is not None
    assert not item.result_known
    assert "unvollständig" in _section(client_for(net.counsellor), net).content.decode()
    client_for(net.counsellor).post(
        reverse("reporting:esf_no_situation", args=[net.participant.pk]), {"version": ""}
    )
    item = ind.participation(sources.row_of(net.participant))
    assert item is not None
    assert item.result_known


def test_reentry_is_one_stay_first_entry_last_exit(net: Any) -> None:
    _enrol_and_exit(net)
    participant_services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=datetime.date(2026, 5, 1)
    )
    participant_services.participant_exit(
        actor=net.counsellor,
        participant=net.participant,
        exit_date=datetime.date(2026, 6, 30),
        outcome="school",
    )
    net.participant.refresh_from_db()
    item = ind.participation(sources.row_of(net.participant))
    assert item is not None
    assert (item.entry, item.exit, item.exit_outcome) == (
        ENTRY,
        datetime.date(2026, 6, 30),
        "school",
    )


def test_erase_removes_the_esf_data(net: Any) -> None:
    _enrol_and_exit(net)
    services.esf_record_save(
        actor=net.counsellor, participant=net.participant, data={"labour_status": "inactive"}
    )
    report = services.esf_erase(net.participant)
    assert report["reporting.esfrecord"] == 1
    assert report["reporting.esffollowup"] == 1
    assert not EsfRecord.objects.exists()
