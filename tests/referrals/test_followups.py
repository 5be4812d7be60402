"""What the QA walk of issue 13 found on the referrals side: the consent gate's way to the
consent form and back, recording and correcting the start, revocation cancelling referrals,
outside providers' outcomes and letter, cancelling with a reason, overdue requests and their
re-routing, and the referrals in the case's timeline."""

import datetime
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from lotse.audit.models import AuditEvent
from lotse.core.errors import CaseUnavailable, DomainError, StaleEditError
from lotse.inbox.selectors import inbox_of
from lotse.participants import services as participant_services
from lotse.participants.access import participant_for_user
from lotse.participants.models import Consent
from lotse.participants.sections import case_timeline
from lotse.referrals import services
from lotse.referrals.letter import letter_context
from lotse.referrals.models import Referral, ReferralPolicy
from tests.conftest import Network, client_for
from tests.offers.helpers import berufssprachkurs
from tests.referrals.helpers import refer, referral_consent

TODAY = timezone.localdate


def _accepted(net: Network) -> Referral:
    referral = refer(net)
    return services.referral_accept(
        actor=net.third_counsellor, referral=referral, expected_version=referral.version
    )


def _post(user: Any, url: str, data: dict[str, Any]) -> Any:
    return client_for(user).post(url, data, HTTP_ACCEPT_LANGUAGE="de")


# --- 1. the consent gate ----------------------------------------------------------------------


def test_missing_consent_says_so_and_links_to_the_consent_form_and_back(net: Network) -> None:
    response = _post(
        net.counsellor,
        f"/referrals/new/{net.participant.pk}/",
        {
            "submission_key": str(uuid.uuid4()),
            "target_organisation": net.third.pk,
            "reason": "Sprachkurs",
            "request": "Aufnahme",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Keine gültige Einwilligung der Person deckt eine Weiterleitung an Lernwerk Test: " in html
    )
    link = html.split('Lernwerk Test: <a class="kern-link" href="', 1)[1].split('"', 1)[0]
    url = urlsplit(link.replace("&amp;", "&"))
    assert url.path == f"/participants/{net.participant.pk}/consents/new/"
    assert parse_qs(url.query) == {
        "purpose": ["referral"],
        "organisation": [str(net.third.pk)],
        "next": [f"/referrals/new/{net.participant.pk}/"],
    }
    assert Referral.objects.count() == 0


def test_consent_form_is_filled_in_and_returns_to_the_referral(net: Network) -> None:
    offer = berufssprachkurs(net)
    back = f"/referrals/new/{net.participant.pk}/?offer={offer.pk}"
    client = client_for(net.counsellor)
    url = (
        f"/participants/{net.participant.pk}/consents/new/?purpose=referral"
        f"&organisation={net.third.pk}&next={back.replace('?', '%3F').replace('=', '%3D')}"
    )
    referral_page = client.get(back, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    saved = client.post(
        url,
        {
            "submission_key": str(uuid.uuid4()),
            "purpose": "referral",
            "organisations": [net.third.pk],
            "given_on": TODAY().isoformat(),
            "form": "signed_paper",
        },
    )

    assert "Keine gültige Einwilligung der Person deckt eine Weiterleitung an" in referral_page
    assert '<option value="referral" selected>' in form
    assert f'value="{net.third.pk}"' in form.split("checked", 1)[0].rsplit("<input", 1)[1]
    assert saved.status_code == 302
    assert saved["Location"] == back
    assert list(Consent.objects.filter(purpose="referral").values_list("purpose", flat=True)) == [
        "referral"
    ]


def test_consent_form_ignores_a_next_of_another_site(net: Network) -> None:
    response = client_for(net.counsellor).post(
        f"/participants/{net.participant.pk}/consents/new/?next=https://evil.example/",
        {
            "submission_key": str(uuid.uuid4()),
            "purpose": "referral",
            "organisations": [net.third.pk],
            "given_on": TODAY().isoformat(),
            "form": "signed_paper",
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"/participants/{net.participant.pk}/")


# --- 2. the start -----------------------------------------------------------------------------


def test_start_in_the_future_refused_in_german(net: Network) -> None:
    referral_consent(net)
    referral = _accepted(net)
    tomorrow = TODAY() + datetime.timedelta(days=1)

    with pytest.raises(DomainError, match="nicht in der Zukunft"):
        services.referral_start(
            actor=net.third_counsellor,
            referral=referral,
            started_on=tomorrow,
            expected_version=referral.version,
        )
    page = _post(
        net.third_counsellor,
        f"/referrals/{referral.pk}/start/",
        {"version": referral.version, "started_on": tomorrow.isoformat()},
    )

    assert "Dieses Datum liegt in der Zukunft." in page.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == "accepted"


def test_recorded_start_can_be_corrected(net: Network) -> None:
    referral_consent(net)
    referral = _accepted(net)
    referral = services.referral_start(
        actor=net.third_counsellor,
        referral=referral,
        started_on=TODAY(),
        expected_version=referral.version,
    )
    Referral.objects.filter(pk=referral.pk).update(
        requested_at=timezone.now() - datetime.timedelta(days=5)
    )
    earlier = TODAY() - datetime.timedelta(days=2)

    page = client_for(net.third_counsellor).get(
        f"/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    response = _post(
        net.third_counsellor,
        f"/referrals/{referral.pk}/correct_start/",
        {"version": referral.version, "started_on": earlier.isoformat()},
    )

    assert "Beginn korrigieren" in page.content.decode()
    assert response.status_code == 302
    saved = Referral.objects.get(pk=referral.pk)
    assert (saved.status, saved.started_on) == ("in_progress", earlier)
    event = AuditEvent.objects.get(action="referrals.referral.start_corrected")
    assert event.detail["was"] == TODAY().isoformat()


def test_correcting_a_start_before_the_referral_refused(net: Network) -> None:
    referral_consent(net)
    referral = _accepted(net)
    referral = services.referral_start(
        actor=net.third_counsellor, referral=referral, started_on=TODAY(), expected_version=2
    )

    with pytest.raises(DomainError, match="vor der Weiterleitung"):
        services.referral_start_correct(
            actor=net.third_counsellor,
            referral=referral,
            started_on=TODAY() - datetime.timedelta(days=30),
            expected_version=referral.version,
        )
    with pytest.raises(StaleEditError):
        services.referral_start_correct(
            actor=net.third_counsellor, referral=referral, started_on=TODAY(), expected_version=1
        )


# --- 3. revoking the consent ------------------------------------------------------------------


def test_revoke_page_says_how_many_referrals_are_cancelled(net: Network) -> None:
    consent = referral_consent(net, net.third, net.other)
    refer(net)
    refer(net, target_organisation=net.other)

    page = client_for(net.counsellor).get(
        f"/participants/{net.participant.pk}/consents/{consent.pk}/revoke/",
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert (
        "2 Weiterleitungen werden zurückgezogen, und ihre Empfänger verlieren den Zugang zur Akte."
        in page.content.decode()
    )


def test_revoking_cancels_the_open_referrals_and_ends_access(net: Network) -> None:
    consent = referral_consent(net, net.third, net.other)
    accepted = _accepted(net)
    requested = refer(net, target_organisation=net.other)
    done = refer(net)
    Referral.objects.filter(pk=done.pk).update(status="declined", decline_reason="no_capacity")

    response = client_for(net.counsellor).post(
        f"/participants/{net.participant.pk}/consents/{consent.pk}/revoke/",
        {"revoked_on": TODAY().isoformat()},
    )

    assert response.status_code == 302
    states = dict(Referral.objects.values_list("pk", "status"))
    reasons = dict(Referral.objects.values_list("pk", "cancel_reason"))
    assert states == {accepted.pk: "cancelled", requested.pk: "cancelled", done.pk: "declined"}
    assert reasons[accepted.pk] == reasons[requested.pk] == "consent_revoked"
    with pytest.raises(CaseUnavailable):
        participant_for_user(net.third_counsellor, net.participant.pk)
    assert AuditEvent.objects.filter(action="referrals.referral.cancelled").count() == 2


def test_revoking_leaves_referrals_another_valid_consent_covers(net: Network) -> None:
    first = referral_consent(net, net.third)
    referral_consent(net, net.third)
    referral = _accepted(net)

    page = client_for(net.counsellor).get(
        f"/participants/{net.participant.pk}/consents/{first.pk}/revoke/",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    participant_services.consent_revoke(actor=net.counsellor, consent=first, revoked_on=TODAY())

    assert "Weiterleitung wird" not in page.content.decode()
    assert "Weiterleitungen werden" not in page.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == "accepted"
    assert participant_for_user(net.third_counsellor, net.participant.pk).kind == "referral"


# --- 4. a provider outside the network -------------------------------------------------------


def test_sender_records_the_outcome_of_an_outside_referral(net: Network) -> None:
    referral = refer(net, target_organisation=None, outside_provider="Volkshochschule Musterstadt")
    url = f"/referrals/{referral.pk}/outcome/"

    page = client_for(net.counsellor).get(f"/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    started = _post(
        net.counsellor,
        url,
        {"version": referral.version, "outcome": "started", "on": TODAY().isoformat()},
    )
    finished = _post(
        net.counsellor,
        url,
        {"version": referral.version + 1, "outcome": "qualification_gained", "on": TODAY()},
    )

    assert "Was daraus wurde" in page.content.decode()
    assert (started.status_code, finished.status_code) == (302, 302)
    saved = Referral.objects.get(pk=referral.pk)
    assert (saved.status, saved.outcome, saved.started_on, saved.completed_on) == (
        "completed",
        "qualification_gained",
        TODAY(),
        TODAY(),
    )


def test_outcome_by_the_sender_refused_for_a_partner_referral(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)

    with pytest.raises(DomainError, match="empfangende Träger"):
        services.referral_record_outcome(
            actor=net.counsellor,
            referral=referral,
            outcome="finished",
            on=TODAY(),
            expected_version=referral.version,
        )


def test_letter_says_which_languages_it_is_printed_in(net: Network) -> None:
    net.participant.preferred_language = "ar"
    net.participant.save()
    referral = refer(net, target_organisation=None, outside_provider="Volkshochschule Musterstadt")

    context = letter_context(Referral.objects.get(pk=referral.pk))
    html = render_to_string("referrals/letter.html", context)

    assert [part["lang"] for part in context["parts"]] == ["de", "ar"]
    assert context["parts"][0]["printed_in"] == (
        "Dieses Schreiben ist in diesen Sprachen gedruckt: Deutsch, Arabisch."
    )
    assert "العربية" in context["parts"][1]["printed_in"]
    assert context["parts"][1]["printed_in"] in html


# --- 5. cancelling ----------------------------------------------------------------------------


def test_cancel_needs_a_reason_on_its_confirmation_page(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)
    url = f"/referrals/{referral.pk}/cancel/"

    page = client_for(net.counsellor).get(url, HTTP_ACCEPT_LANGUAGE="de")
    empty = _post(net.counsellor, url, {"version": referral.version, "note": " "})
    done = _post(net.counsellor, url, {"version": referral.version, "note": "Kurs fällt aus."})

    assert "Weiterleitung zurückziehen" in page.content.decode()
    assert "Dieses Feld ist ein Pflichtfeld." in empty.content.decode()
    assert done.status_code == 302
    saved = Referral.objects.get(pk=referral.pk)
    assert (saved.status, saved.cancel_reason, saved.cancel_note) == (
        "cancelled",
        "withdrawn",
        "Kurs fällt aus.",
    )
    shown = client_for(net.third_counsellor).get(
        f"/referrals/{referral.pk}/", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert "vom Absender zurückgezogen: Kurs fällt aus." in shown.content.decode()


def test_recipient_cannot_open_the_cancel_page(net: Network) -> None:
    referral_consent(net)
    referral = refer(net)

    response = client_for(net.third_counsellor).get(f"/referrals/{referral.pk}/cancel/")

    assert response.status_code == 404
    assert Referral.objects.get(pk=referral.pk).status == "requested"


# --- 6. overdue, the setting and re-routing --------------------------------------------------


def test_coordinator_sets_the_answer_time_for_new_referrals(net: Network) -> None:
    referral_consent(net)
    client = client_for(net.coordinator)

    page = client.get("/referrals/settings/", HTTP_ACCEPT_LANGUAGE="de")
    saved = client.post("/referrals/settings/", {"answer_within_days": 3})
    stale = _post(net.coordinator, "/referrals/settings/", {"answer_within_days": 5})
    referral = refer(net)

    assert "Antwort innerhalb von (Tagen)" in page.content.decode()
    assert saved.status_code == 302
    assert "wurden Ihre Änderungen nicht gespeichert" in stale.content.decode()
    assert ReferralPolicy.objects.get().answer_within_days == 3
    assert referral.due_on == TODAY() + datetime.timedelta(days=3)
    assert client_for(net.counsellor).get("/referrals/settings/").status_code == 403


def test_policy_outside_its_range_refused(net: Network) -> None:
    response = _post(net.coordinator, "/referrals/settings/", {"answer_within_days": 0})

    assert "größer oder gleich 1" in response.content.decode()
    assert ReferralPolicy.objects.count() == 0


def _overdue_and_fresh(net: Network) -> tuple[Referral, Referral]:
    referral_consent(net, net.third, net.other)
    late, fresh = refer(net), refer(net, reason="Zweite Anfrage")
    Referral.objects.filter(pk=late.pk).update(due_on=TODAY() - datetime.timedelta(days=3))
    return late, fresh


def test_overdue_list_shows_the_senders_requests_overdue_first(net: Network) -> None:
    late, fresh = _overdue_and_fresh(net)
    Referral.objects.filter(pk=fresh.pk).update(due_on=TODAY() - datetime.timedelta(days=1))
    Referral.objects.filter(pk=late.pk).update(due_on=TODAY() + datetime.timedelta(days=1))

    response = client_for(net.counsellor).get("/referrals/overdue/", HTTP_ACCEPT_LANGUAGE="de")

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 überfällig." in html
    assert html.index(f"/referrals/{fresh.pk}/") < html.index(f"/referrals/{late.pk}/")
    assert "Mohammad Al-Masri" in html


def test_coordinator_sees_overdue_requests_without_names(net: Network) -> None:
    _overdue_and_fresh(net)

    response = client_for(net.coordinator).get("/referrals/overdue/", HTTP_ACCEPT_LANGUAGE="de")

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 überfällig." in html
    assert html.count("Sozialwerk Test") >= 2
    assert "Mohammad" not in html
    assert "/referrals/" + "1/" not in html.replace("/referrals/overdue/", "")


def test_overdue_list_refused_to_volunteers(net: Network) -> None:
    assert client_for(net.volunteer).get("/referrals/overdue/").status_code == 404


def test_overdue_comes_first_in_the_inbox_and_is_marked(net: Network) -> None:
    late, fresh = _overdue_and_fresh(net)
    Referral.objects.filter(pk=fresh.pk).update(due_on=TODAY() + datetime.timedelta(days=1))

    (incoming,) = [
        e for e in inbox_of(net.third_counsellor) if e.source.key == "referrals.incoming"
    ]
    page = client_for(net.third_counsellor).get("/inbox/", HTTP_ACCEPT_LANGUAGE="de")

    assert [(s.row.url, s.overdue) for s in incoming.rows] == [
        (f"/referrals/{late.pk}/", True),
        (f"/referrals/{fresh.pk}/", False),
    ]
    assert page.content.decode().count(">überfällig<") == 1


def test_reroute_from_the_page_links_old_and_new(net: Network) -> None:
    late, _fresh = _overdue_and_fresh(net)

    response = _post(
        net.counsellor,
        f"/referrals/{late.pk}/reroute/",
        {"version": late.version, "target_organisation": net.other.pk},
    )

    new = Referral.objects.get(rerouted_from=late)
    old = Referral.objects.get(pk=late.pk)
    assert response["Location"] == f"/referrals/{new.pk}/"
    assert (old.status, old.cancel_reason) == ("cancelled", "rerouted")
    assert new.target_organisation == net.other
    old_page = client_for(net.counsellor).get(f"/referrals/{old.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert f'href="/referrals/{new.pk}/"' in old_page.content.decode()
    assert "die Weiterleitung an Jobcenter Test" in old_page.content.decode()


def test_reroute_without_consent_for_the_new_provider_changes_nothing(net: Network) -> None:
    referral_consent(net, net.third)
    referral = refer(net)
    case = participant_for_user(net.counsellor, net.participant.pk)

    with pytest.raises(DomainError, match="Jobcenter Test"):
        services.referral_reroute(
            actor=net.counsellor,
            case=case,
            referral=referral,
            target_organisation=net.other,
            expected_version=referral.version,
        )

    assert list(Referral.objects.values_list("status", flat=True)) == ["requested"]


# --- 7. the timeline --------------------------------------------------------------------------


def test_referral_steps_appear_in_the_timeline(net: Network) -> None:
    referral_consent(net, net.third, net.other)
    referral = _accepted(net)
    services.referral_start(
        actor=net.third_counsellor, referral=referral, started_on=TODAY(), expected_version=2
    )
    other = refer(net, target_organisation=net.other)
    services.referral_cancel(
        actor=net.counsellor, referral=other, note="Doppelt", expected_version=other.version
    )

    from django.utils import translation

    with translation.override("de"):
        case = participant_for_user(net.counsellor, net.participant.pk)
        texts = [e.text for e in case_timeline(case) if e.label == "Weiterleitung"]

    assert sorted(texts) == sorted(
        [
            "weitergeleitet an Lernwerk Test",
            "angenommen von Lernwerk Test",
            "begonnen bei Lernwerk Test",
            "weitergeleitet an Jobcenter Test",
            "Weiterleitung an Jobcenter Test zurückgezogen: vom Absender zurückgezogen",
        ]
    )
    page = client_for(net.counsellor).get(
        f"/participants/{net.participant.pk}/sections/participants.timeline/",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert "begonnen bei Lernwerk Test" in page.content.decode()


# --- lists: the same number of queries for 1 and for 3 rows ---------------------------------


def _queries(user: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(user)
    client.get(url)  # warm: session, membership
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("third_counsellor", "/inbox/"),
        ("counsellor", "/inbox/"),
        ("counsellor", "/referrals/overdue/"),
        ("coordinator", "/referrals/overdue/"),
    ],
)
def test_lists_read_as_many_queries_for_one_row_as_for_three(
    net: Network, persona: str, url: str
) -> None:
    referral_consent(net)
    first = refer(net)
    Referral.objects.filter(pk=first.pk).update(due_on=TODAY() - datetime.timedelta(days=1))
    one = _queries(getattr(net, persona), url)
    refer(net)
    refer(net)

    assert _queries(getattr(net, persona), url) == one


def test_revoking_a_sharing_consent_leaves_referrals_alone(net: Network) -> None:
    referral_consent(net, net.third)
    sharing = referral_consent(net, net.third, purpose="case_sharing")
    referral = refer(net)

    participant_services.consent_revoke(actor=net.counsellor, consent=sharing, revoked_on=TODAY())

    assert Referral.objects.get(pk=referral.pk).status == "requested"


def test_coordinator_inbox_lists_overdue_requests_without_names(net: Network) -> None:
    late, _fresh = _overdue_and_fresh(net)

    (entry,) = [e for e in inbox_of(net.coordinator) if e.source.key == "referrals.unanswered"]
    page = client_for(net.coordinator).get("/inbox/", HTTP_ACCEPT_LANGUAGE="de")

    assert [(s.row.title, s.row.url, s.overdue) for s in entry.rows] == [
        ("Sozialwerk Test → Lernwerk Test", "/referrals/overdue/", True)
    ]
    html = page.content.decode()
    assert "Überfällige Weiterleitungen im Netzwerk" in html
    assert "Mohammad" not in html
    assert f"/referrals/{late.pk}/" not in html
    assert [e.source.key for e in inbox_of(net.counsellor)].count("referrals.unanswered") == 0


def test_sender_inbox_links_to_the_unanswered_list(net: Network) -> None:
    _overdue_and_fresh(net)

    page = client_for(net.counsellor).get("/inbox/", HTTP_ACCEPT_LANGUAGE="de")

    assert (
        '<a class="kern-link" href="/referrals/overdue/">Unbeantwortete Weiterleitungen, '
        "überfällige zuerst</a>"
    ) in page.content.decode()
