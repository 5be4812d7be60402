"""Referrals between partners: the consent gate from both sides, what the recipient sees before
and after it accepts, the closed loop of answers, and what goes wrong on the way."""

import datetime
import uuid
from typing import Any

import pytest
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.core.errors import CaseUnavailable, DomainError, StaleEditError
from lotse.inbox.selectors import inbox_of, waiting_count
from lotse.participants import services as participant_services
from lotse.participants.access import AccessKind, participant_for_user
from lotse.referrals import services
from lotse.referrals.models import Referral
from tests.conftest import Network, client_for
from tests.mail import Mailbox
from tests.offers.helpers import berufssprachkurs
from tests.referrals.helpers import refer, referral_consent

SECRET = "Vertraulich-Notiz-7731"  # the case's note (conftest): never in what a referral shows


def test_referral_without_consent_refused_and_nothing_saved(net: Network) -> None:
    with pytest.raises(DomainError, match="Keine gültige Einwilligung"):
        refer(net)

    assert Referral.objects.count() == 0


def test_referral_with_a_sharing_consent_only_refused(net: Network) -> None:
    referral_consent(net, net.third, purpose="case_sharing")

    with pytest.raises(DomainError, match="Keine gültige Einwilligung"):
        refer(net)


def test_referral_with_consent_for_another_organisation_refused(net: Network) -> None:
    referral_consent(net, net.other)

    with pytest.raises(DomainError, match="Lernwerk Test"):
        refer(net)


def test_referral_page_refuses_without_consent_in_german(net: Network) -> None:
    response = client_for(net.counsellor).post(
        f"/referrals/new/{net.participant.pk}/",
        {
            "submission_key": str(uuid.uuid4()),
            "target_organisation": net.third.pk,
            "reason": "Sprachkurs",
            "request": "Aufnahme",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 200
    assert "Keine gültige Einwilligung der Person deckt eine Weiterleitung an Lernwerk Test" in (
        response.content.decode()
    )
    assert Referral.objects.count() == 0


def test_recipient_before_accepting_sees_what_is_disclosed_not_the_case(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    client = client_for(net.third_counsellor)

    page = client.get(f"/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    case_page = client.get(f"/participants/{net.participant.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "Mohammad Al-Masri" in html
    assert "Sucht einen Sprachkurs für die Pflege." in html
    assert SECRET not in html
    assert net.participant.file_number not in html
    assert case_page.status_code == 404
    with pytest.raises(CaseUnavailable):
        participant_for_user(net.third_counsellor, net.participant.pk)


def test_recipient_after_accepting_works_on_the_case_as_referral(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)

    services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=referral.version
    )

    case = participant_for_user(net.third_counsellor, net.participant.pk)
    assert case.kind == AccessKind.REFERRAL
    assert case.allows("participants.view_case") is True
    assert case.allows("participants.add_contact") is True
    assert case.allows("participants.change_case") is False
    assert case.allows("referrals.refer") is False
    response = client_for(net.third_counsellor).get(f"/participants/{net.participant.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "persona", ["other_counsellor", "coordinator", "volunteer", "data_protection"]
)
def test_others_see_neither_referral_nor_case(net: Network, persona: str) -> None:
    referral_consent(net)
    referral = refer(net)
    services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=referral.version
    )
    client = client_for(getattr(net, persona))

    assert client.get(f"/referrals/{referral.pk}/").status_code == 404
    assert client.get(f"/participants/{net.participant.pk}/").status_code in (403, 404)


def test_sender_sees_the_referral_and_its_state(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)

    response = client_for(net.colleague).get(
        f"/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 200
    assert "angefragt" in response.content.decode()


def test_access_ends_with_the_referral(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    referral = services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=referral.version
    )
    referral = services.referral_start(
        actor=net.third_counsellor,
        referral=referral,
        started_on=timezone.localdate(),
        expected_version=referral.version,
    )
    services.referral_complete(
        actor=net.third_counsellor,
        referral=referral,
        outcome="finished",
        completed_on=timezone.localdate(),
        expected_version=referral.version,
    )

    with pytest.raises(CaseUnavailable):
        participant_for_user(net.third_counsellor, net.participant.pk)


def test_access_ends_when_the_consent_is_revoked(net: Network) -> None:
    consent = referral_consent(net)
    referral = refer(net)
    services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=referral.version
    )

    participant_services.consent_revoke(
        actor=net.counsellor, consent=consent, revoked_on=timezone.localdate()
    )

    with pytest.raises(CaseUnavailable):
        participant_for_user(net.third_counsellor, net.participant.pk)
    page = client_for(net.third_counsellor).get(
        f"/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert "Mohammad" not in page.content.decode()
    assert "nichts von der Weiterleitung angezeigt" in page.content.decode()
    # Revoking cancelled the referral: it has left the recipient's inbox.
    (incoming,) = [
        e for e in inbox_of(net.third_counsellor) if e.source.key == "referrals.incoming"
    ]
    assert incoming.rows == []
    assert Referral.objects.get(pk=referral.pk).cancel_reason == "consent_revoked"


def test_answering_twice_refused_with_a_message(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    version = referral.version
    services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=version
    )

    with pytest.raises(StaleEditError):
        services.referral_decline(
            actor=net.third_counsellor,
            referral=referral,
            reason="no_capacity",
            expected_version=version,
        )
    current = Referral.objects.get(pk=referral.pk)
    with pytest.raises(DomainError, match="bereits beantwortet"):
        services.referral_decline(
            actor=net.third_counsellor,
            referral=current,
            reason="no_capacity",
            expected_version=current.version,
        )
    assert Referral.objects.get(pk=referral.pk).status == "accepted"


def test_answer_after_cancel_refused_in_german(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    services.referral_cancel(
        actor=net.counsellor, referral=referral, note="Kurs fällt aus.", expected_version=1
    )

    response = client_for(net.third_counsellor).post(
        f"/referrals/{referral.pk}/accept/", {"version": 2}, HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 200
    assert "Der Absender hat diese Weiterleitung zurückgezogen" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == "cancelled"


def test_stale_answer_from_the_page_changes_nothing(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    services.referral_accept(actor=net.third_counsellor, referral=referral, expected_version=1)

    response = client_for(net.third_counsellor).post(
        f"/referrals/{referral.pk}/decline/",
        {"version": 1, "reason": "no_capacity"},
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    )

    assert "Jemand anderes hat diese Weiterleitung geändert" in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == "accepted"


def test_decline_needs_a_reason_and_a_note_for_other(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    client = client_for(net.third_counsellor)

    response = client.post(
        f"/referrals/{referral.pk}/decline/",
        {"version": 1, "reason": "other"},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert (
        "Sagen Sie in einer Notiz, warum Sie die Weiterleitung ablehnen."
        in response.content.decode()
    )
    assert Referral.objects.get(pk=referral.pk).status == "requested"


def test_sender_cannot_answer_and_recipient_cannot_cancel(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)

    with pytest.raises(DomainError):
        services.referral_accept(actor=net.counsellor, referral=referral, expected_version=1)
    with pytest.raises(DomainError):
        services.referral_cancel(
            actor=net.third_counsellor, referral=referral, note="Nein", expected_version=1
        )


def test_ineligible_person_needs_a_stated_reason(net: Network) -> None:
    offer = berufssprachkurs(net, min_age=70)
    referral_consent(net)

    with pytest.raises(DomainError, match="schließen die Person aus"):
        refer(net, target_organisation=None, offer=offer)
    referral = refer(
        net, target_organisation=None, offer=offer, ineligible_reason="Ausnahme laut Träger"
    )

    assert referral.eligibility_verdict == "not_eligible"
    assert referral.target_organisation == net.third
    assert any("70" in reason["de"] for reason in referral.eligibility_reasons)


def test_outside_provider_gets_a_letter_not_an_inbox_entry(net: Network) -> None:
    referral = refer(net, target_organisation=None, outside_provider="Volkshochschule Musterstadt")

    response = client_for(net.counsellor).get(f"/referrals/{referral.pk}/letter/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client_for(net.third_counsellor).get(f"/referrals/{referral.pk}/letter/").status_code == 404
    )
    assert waiting_count(net.third_counsellor) == 0


def test_inbox_lists_incoming_overdue_first_and_counts_them(net: Network) -> None:
    referral_consent(net)
    late = refer(net)
    fresh = refer(net, reason="Zweite Anfrage")
    Referral.objects.filter(pk=late.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    Referral.objects.filter(pk=fresh.pk).update(
        due_on=timezone.localdate() + datetime.timedelta(days=2)
    )

    (incoming,) = [
        e for e in inbox_of(net.third_counsellor) if e.source.key == "referrals.incoming"
    ]
    (outgoing,) = [e for e in inbox_of(net.counsellor) if e.source.key == "referrals.outgoing"]

    assert [shown.row.url for shown in incoming.rows] == [
        f"/referrals/{late.pk}/",
        f"/referrals/{fresh.pk}/",
    ]
    assert incoming.overdue == 1
    assert waiting_count(net.third_counsellor) == 2
    assert len(outgoing.rows) == 2
    assert waiting_count(net.counsellor) == 0


def test_new_referral_notifies_the_recipients_without_a_name(
    net: Network, smtp_server: Mailbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from lotse.inbox.services import notification_preference_set

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    net.third_counsellor.email = "lernwerk@lernwerk.example"
    net.third_counsellor.save()
    notification_preference_set(actor=net.third_counsellor, email=True)
    referral_consent(net)

    with django_capture_on_commit_callbacks(execute=True):
        refer(net)

    assert smtp_server.recipients() == ["lernwerk@lernwerk.example"]
    text = Mailbox.text(smtp_server.messages[0])
    assert "Eingehende Weiterleitungen" in text
    assert "Al-Masri" not in text
    assert "Mohammad" not in text


def test_caseload_marks_cases_with_open_referrals(net: Network) -> None:
    referral_consent(net)
    refer(net)

    response = client_for(net.counsellor).get("/participants/", HTTP_ACCEPT_LANGUAGE="de")

    assert "offene Weiterleitung" in response.content.decode()


def test_reroute_cancels_the_unanswered_and_sends_a_new_one(net: Network) -> None:
    referral_consent(net, net.third, net.other)
    referral = refer(net)
    case = participant_for_user(net.counsellor, net.participant.pk)

    new = services.referral_reroute(
        actor=net.counsellor,
        case=case,
        referral=referral,
        target_organisation=net.other,
        expected_version=1,
    )

    assert Referral.objects.get(pk=referral.pk).status == "cancelled"
    assert new.target_organisation == net.other
    assert new.rerouted_from_id == referral.pk
    assert new.reason == referral.reason


def test_referral_created_and_accepted_are_audited(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    services.referral_accept(actor=net.third_counsellor, referral=referral, expected_version=1)

    actions = list(
        AuditEvent.objects.filter(object_type="referrals.referral").values_list("action", flat=True)
    )
    assert "referrals.referral.created" in actions
    assert "referrals.referral.accepted" in actions
