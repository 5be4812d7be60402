"""Issue 16 QA on the case's ESF section: "nothing to record" asks first and can be taken
back; the entry form marks the mandatory status as such and reads "keine Angabe" like the case."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.participants import services as participant_services
from lotse.reporting import indicators as ind
from lotse.reporting import services, sources
from lotse.reporting.models import EsfRecord
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

EXIT = datetime.date(2026, 3, 31)


def _german(user: Any) -> Any:
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return client


def _left(net: Any) -> None:
    participant_services.participant_enrol(
        actor=net.counsellor, participant=net.participant, entry_date=datetime.date(2026, 1, 5)
    )
    participant_services.participant_exit(
        actor=net.counsellor, participant=net.participant, exit_date=EXIT, outcome="other"
    )
    net.participant.refresh_from_db()


def _complete(net: Any) -> bool:
    item = ind.participation(sources.row_of(net.participant))
    assert item is not None
    return item.result_known


def test_nothing_to_record_asks_before_it_records(net: Any) -> None:
    _left(net)
    services.esf_record_save(
        actor=net.counsellor, participant=net.participant, data={"labour_status": "inactive"}
    )
    client = _german(net.counsellor)
    url = reverse("reporting:esf_no_situation", args=[net.participant.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "nach dem Austritt am 31.03.2026" in text
    assert "Bestätigen: nichts zu berichten" in text
    assert not _complete(net)  # the page alone changes nothing
    record = EsfRecord.objects.get(participant=net.participant)
    response = client.post(url, {"version": record.version})
    assert response.status_code == 302
    assert _complete(net)
    assert AuditEvent.objects.filter(action="reporting.situation.none_confirmed").count() == 1


def test_nothing_to_record_from_a_stale_page_is_refused(net: Any) -> None:
    _left(net)
    record = services.esf_record_save(
        actor=net.counsellor, participant=net.participant, data={"labour_status": "inactive"}
    )
    stale = record.version
    services.esf_record_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"labour_status": "unemployed"},
        expected_version=stale,
    )
    response = _german(net.counsellor).post(
        reverse("reporting:esf_no_situation", args=[net.participant.pk]), {"version": stale}
    )
    assert response.status_code == 200
    assert not _complete(net)


def test_nothing_to_record_can_be_taken_back(net: Any) -> None:
    _left(net)
    record = services.esf_no_situation_confirm(
        actor=net.counsellor, participant=net.participant, expected_version=None
    )
    assert _complete(net)
    client = _german(net.counsellor)
    section = client.get(
        reverse("participants:section", args=[net.participant.pk, "reporting.esf"])
    ).content.decode()
    assert (
        "Bestätigt: nichts zu berichten binnen vier Wochen nach dem Austritt am 31.03.2026."
        in section
    )
    undo = reverse("reporting:esf_no_situation_undo", args=[net.participant.pk])
    assert undo in section
    response = client.post(undo, {"version": record.version})
    assert response.status_code == 302
    assert not _complete(net)
    event = AuditEvent.objects.get(action="reporting.situation.none_undone")
    assert event.detail == {"exit_date": "2026-03-31"}
    # Undone already: a second click changes nothing and says so.
    again = client.post(undo, {"version": record.version + 1}, follow=True)
    assert "nichts zurückzunehmen" in again.content.decode()
    assert AuditEvent.objects.filter(action="reporting.situation.none_undone").count() == 1


def test_the_entry_form_asks_for_the_status_and_reads_like_the_case(net: Any) -> None:
    client = _german(net.counsellor)
    url = reverse("reporting:esf_edit", args=[net.participant.pk])
    text = client.get(url).content.decode()
    status_label = text.split('for="id_labour_status"', 1)[1].split("</label>", 1)[0]
    assert "optional" not in status_label
    assert '<option value="unknown" selected>keine Angabe</option>' in text
    assert "Unbekannt" not in text
    response = client.post(url, {"labour_status": "", "foreign_background": "true"})
    assert response.status_code == 200
    assert response.context["form"].errors["labour_status"] == [
        "Bitte wählen Sie den Erwerbsstatus bei Eintritt: Der ESF verlangt ihn (Anhang I 1.1),"
        " ohne ihn wird die Person nicht gezählt."
    ]
    assert not EsfRecord.objects.filter(participant=net.participant).exists()


def test_the_intake_asks_the_esf_items_and_saves_them_with_the_case(net: Any) -> None:
    from lotse.participants.models import IntakeDraft, Participant
    from tests.participants.test_intake import CONTACT, HOUSEHOLD, PERSON, RESIDENCE

    client = _german(net.counsellor)
    client.post("/participants/intake/new/", {**PERSON, "action": "draft"})
    draft = IntakeDraft.objects.latest("pk").pk
    for step, data in (("person", PERSON), ("contact", CONTACT), ("residence", RESIDENCE)):
        client.post(f"/participants/intake/{draft}/{step}/", {**data, "action": "next"})
    after_household = client.post(
        f"/participants/intake/{draft}/household/", {**HOUSEHOLD, "action": "next"}
    )
    assert after_household["Location"] == f"/participants/intake/{draft}/esf/"
    page = client.get(f"/participants/intake/{draft}/esf/").content.decode()
    assert "ESF-Angaben" in page
    status_label = page.split('for="id_labour_status"', 1)[1].split("</label>", 1)[0]
    assert "optional" not in status_label
    refused = client.post(f"/participants/intake/{draft}/esf/", {"action": "next"})
    assert refused.status_code == 200
    assert "Bitte wählen Sie den Erwerbsstatus bei Eintritt" in refused.content.decode()
    # Without the ESF step the intake cannot be created: the review sends the user back.
    assert client.get(f"/participants/intake/{draft}/review/")["Location"] == (
        f"/participants/intake/{draft}/esf/"
    )
    answered = client.post(
        f"/participants/intake/{draft}/esf/",
        {"labour_status": "long_term_unemployed", "rural": "true", "action": "next"},
    )
    assert answered["Location"] == f"/participants/intake/{draft}/consent/"
    client.post(f"/participants/intake/{draft}/consent/", {"action": "next"})
    review = client.get(f"/participants/intake/{draft}/review/").content.decode()
    assert "Langzeitarbeitslos" in review or "langzeitarbeitslos" in review
    client.post(f"/participants/intake/{draft}/review/")
    participant = Participant.objects.get(last_name=PERSON["last_name"])
    record = EsfRecord.objects.get(participant=participant)
    assert (record.labour_status, record.isced_level, record.rural, record.homeless) == (
        "long_term_unemployed",
        None,
        True,
        None,
    )
    assert AuditEvent.objects.filter(
        action="reporting.esf_record.changed", participant_id=participant.pk
    ).exists()


def test_an_app_step_may_not_take_a_kernel_steps_name() -> None:
    from lotse.participants.sections import IntakeStep, register_intake_step
    from lotse.reporting.forms import EsfEntryForm

    with pytest.raises(ValueError, match="kernel"):
        register_intake_step(
            IntakeStep(key="consent", label="x", form=EsfEntryForm, complete=lambda *a: None)
        )
