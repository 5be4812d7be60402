"""What the second browser walk of issue 13 (qa13) found on the referrals side: the consent
purpose named as the consent form names it, language levels in German, no completion in the
future, no answer date or overdue flag for a provider outside the network, the letter passing on
only what was chosen, the inbox rows naming the recipient once, the coordinator's rows with
their state, and the cancellation reason worded like the button."""

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from lotse.api.services import api_token_create
from lotse.core.errors import DomainError
from lotse.inbox.selectors import inbox_of
from lotse.participants.enums import ConsentPurpose
from lotse.referrals import services
from lotse.referrals.letter import letter_context
from lotse.referrals.models import Referral
from lotse.referrals.selectors import disclosed_lines
from tests.conftest import Network, client_for
from tests.profiles.helpers import language
from tests.referrals.helpers import refer, referral_consent

TODAY = timezone.localdate


def _german(user: Any, url: str) -> str:
    response = client_for(user).get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def _outside(net: Network, **fields: Any) -> Referral:
    return refer(
        net, target_organisation=None, outside_provider="Volkshochschule Musterstadt", **fields
    )


def test_create_page_names_the_consent_purpose_as_the_consent_form_does(net: Network) -> None:
    html = _german(net.counsellor, f"/referrals/new/{net.participant.pk}/")

    with translation.override("de"):
        purpose = str(ConsentPurpose.REFERRAL.label)
    assert purpose == "Vermittlung in ein Angebot"
    assert f"für den Zweck „{purpose}“, die diesen Träger umfasst." in html


def test_missing_consent_error_names_the_consent_purpose_of_the_form(net: Network) -> None:
    with translation.override("de"), pytest.raises(DomainError) as refused:
        refer(net)

    assert refused.value.message == (
        "Keine gültige Einwilligung der Person deckt eine Weiterleitung an Lernwerk Test. "
        "Erfassen Sie zuerst die Einwilligung für den Zweck „Vermittlung in ein Angebot“ für "
        "diesen Träger; es wurde nichts weitergegeben."
    )


def test_language_levels_are_passed_on_in_german(net: Network) -> None:
    language(net, "ar", "native")
    language(net, "de", "A2")
    referral_consent(net)
    referral = refer(net)

    with translation.override("de"):
        lines = dict(disclosed_lines(Referral.objects.get(pk=referral.pk)))

    assert lines["Sprachniveaus"] == "Arabisch Muttersprache, Deutsch A2"


def test_completion_in_the_future_is_refused(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    referral = services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=referral.version
    )
    tomorrow = TODAY() + datetime.timedelta(days=1)

    response = client_for(net.third_counsellor).post(
        f"/referrals/{referral.pk}/complete/",
        {
            "version": referral.version,
            "outcome": "qualification",
            "completed_on": tomorrow.isoformat(),
            "submission_key": str(uuid.uuid4()),
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 200
    assert "Dieses Datum liegt in der Zukunft." in response.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == "accepted"
    with pytest.raises(DomainError):
        services.referral_complete(
            actor=net.third_counsellor,
            referral=referral,
            outcome="qualification",
            completed_on=tomorrow,
            expected_version=referral.version,
        )
    assert Referral.objects.get(pk=referral.pk).completed_on is None


def test_outside_referral_has_no_answer_date_and_is_never_overdue(net: Network) -> None:
    referral = _outside(net)
    Referral.objects.filter(pk=referral.pk).update(due_on=TODAY() - datetime.timedelta(days=5))

    html = _german(net.counsellor, f"/referrals/{referral.pk}/")
    (outgoing,) = [e for e in inbox_of(net.counsellor) if e.source.key == "referrals.outgoing"]
    key = api_token_create(actor=net.counsellor, user=net.counsellor, name="Test")[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(f"/api/v1/referrals/{referral.pk}").json()

    assert "Antwort bis" not in html
    assert ">überfällig<" not in html
    assert [(s.row.due, s.overdue) for s in outgoing.rows] == [(None, False)]
    assert api["overdue"] is False


def test_letter_gives_the_birth_date_only_when_it_was_chosen(net: Network) -> None:
    net.participant.birth_date = datetime.date(1990, 4, 2)
    net.participant.save()
    plain = _outside(net)
    with_birth = _outside(net, disclosures=["languages", "birth_date"])

    assert letter_context(Referral.objects.get(pk=plain.pk))["birth_date"] == ""
    assert letter_context(Referral.objects.get(pk=with_birth.pk))["birth_date"] == "02.04.1990"


def test_outgoing_inbox_rows_name_the_recipient_once(net: Network) -> None:
    referral_consent(net)
    to_partner = refer(net)
    outside = _outside(net)

    with translation.override("de"):
        (outgoing,) = [e for e in inbox_of(net.counsellor) if e.source.key == "referrals.outgoing"]

    assert sorted((s.row.url, s.row.title, s.row.detail) for s in outgoing.rows) == sorted(
        [
            (
                f"/referrals/{to_partner.pk}/",
                "Mohammad Al-Masri – Weiterleitung",
                "an Lernwerk Test",
            ),
            (
                f"/referrals/{outside.pk}/",
                "Mohammad Al-Masri – Weiterleitung",
                "an Volkshochschule Musterstadt",
            ),
        ]
    )


def test_coordinator_inbox_rows_say_their_state(net: Network) -> None:
    referral_consent(net)
    late = refer(net)
    Referral.objects.filter(pk=late.pk).update(due_on=TODAY() - datetime.timedelta(days=3))

    html = _german(net.coordinator, "/inbox/")
    with translation.override("de"):
        (entry,) = [e for e in inbox_of(net.coordinator) if e.source.key == "referrals.unanswered"]

    assert [(s.row.title, s.row.state, s.overdue) for s in entry.rows] == [
        ("Sozialwerk Test → Lernwerk Test", "angefragt", True)
    ]
    assert "angefragt" in html


def test_cancellation_reason_is_worded_like_the_button(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    services.referral_cancel(
        actor=net.counsellor,
        referral=referral,
        note="Die Person ist umgezogen.",
        expected_version=referral.version,
    )

    html = _german(net.counsellor, f"/referrals/{referral.pk}/")

    assert "Grund für das Zurückziehen" in html
    assert "Stornierung" not in html


def test_inbox_links_to_the_unanswered_list_only_for_an_organisation_that_sent(
    net: Network,
) -> None:
    referral_consent(net)
    refer(net)

    sender = _german(net.counsellor, "/inbox/")
    recipient = _german(net.third_counsellor, "/inbox/")

    assert sender.count('href="/referrals/overdue/"') == 1
    assert 'href="/referrals/overdue/"' not in recipient
