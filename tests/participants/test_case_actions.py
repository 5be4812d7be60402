"""Changing a case through its pages: edits, enrolment, contacts, consents, shares."""

import datetime
import html
import re
import uuid

import pytest
from django.utils import timezone, translation

from lotse.audit.models import AuditEvent
from lotse.participants import services
from lotse.participants.models import CounsellingContact, Participant
from tests.conftest import Network, client_for, share_with_consent


def _edit_data(participant: Participant, **changes: str) -> dict[str, str]:
    data = {
        "version": str(participant.version),
        "first_names": participant.first_names,
        "last_name": participant.last_name,
        "aliases": "",
        "birth_date_precision": "day",
        "birth_date": participant.birth_date.isoformat() if participant.birth_date else "",
        "birth_year": "",
        "gender": participant.gender,
        "nationality": participant.nationality,
        "street": "",
        "postcode": "",
        "city": "",
        "phone": participant.phone,
        "email": participant.email,
        "preferred_language": "",
        "interpreter_language": "",
        "wishes": "",
        "site": "",
        "counsellor": str(participant.counsellor_id),
    }
    return {**data, **changes}


def test_edit_saves_and_audits_a_masked_diff(net: Network) -> None:
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/edit/"
    response = client.post(
        url, _edit_data(net.participant, last_name="Al-Masri-Haddad", city="Weinau")
    )
    assert response.status_code == 302
    participant = Participant.objects.get(pk=net.participant.pk)
    assert (participant.last_name, participant.city, participant.version) == (
        "Al-Masri-Haddad",
        "Weinau",
        2,
    )
    event = AuditEvent.objects.get(action="participants.participant.changed")
    assert event.detail["changes"] == {"last_name": "•••", "city": "•••"}
    latest = participant.history.first()
    assert (latest.history_user, latest.last_name) == (net.counsellor, "Al-Masri-Haddad")


def test_stale_edit_is_refused_and_nothing_is_overwritten(net: Network) -> None:
    url = f"/participants/{net.participant.pk}/edit/"
    opened_by_both = _edit_data(net.participant)
    first = client_for(net.counsellor).post(url, {**opened_by_both, "city": "Nordheim"})
    assert first.status_code == 302
    second = client_for(net.team_lead).post(url, {**opened_by_both, "city": "Südhafen"})
    assert second.status_code == 200
    assert "kern-alert--danger" in second.content.decode()
    assert Participant.objects.get(pk=net.participant.pk).city == "Nordheim"


def test_edit_rejects_bad_input_with_messages(net: Network) -> None:
    url = f"/participants/{net.participant.pk}/edit/"
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client_for(net.counsellor).post(
        url,
        _edit_data(
            net.participant,
            birth_date=future,
            postcode="ABCDE",
            email="nope",
            nationality="ZZ",
            first_names="x" * 151,
        ),
        headers={"accept-language": "de"},
    )
    assert response.status_code == 200
    with translation.override("de"):
        errors = dict(response.context["form"].errors)
    assert errors == {
        "first_names": [
            "Bitte sicherstellen, dass der Wert aus höchstens 150 Zeichen besteht. "
            "(Er besteht aus 151 Zeichen.)"
        ],
        "birth_date": [
            "Dieses Datum liegt in der Zukunft.",
            "Geben Sie das Geburtsdatum ein oder wählen Sie „nur Jahr“.",
        ],
        "nationality": ["Bitte eine gültige Auswahl treffen. ZZ ist keine gültige Auswahl."],
        "postcode": ["Eine deutsche Postleitzahl hat genau fünf Ziffern, z. B. 12345."],
        "email": ["Bitte gültige E-Mail-Adresse eingeben."],
    }
    page = response.content.decode()
    assert [m for field in errors.values() for m in field if m not in page] == []


def test_enrol_and_exit_keep_the_status_history(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    client.post(f"/participants/{pk}/enrol/", {"entry_date": "2025-03-01"})
    client.post(f"/participants/{pk}/exit/", {"exit_date": "2025-02-01", "outcome": "employment"})
    assert Participant.objects.get(pk=pk).status == "enrolled"  # exit before entry refused
    client.post(f"/participants/{pk}/exit/", {"exit_date": "2025-09-30", "outcome": "employment"})
    participant = Participant.objects.get(pk=pk)
    assert (participant.status, participant.exit_outcome) == ("exited", "employment")
    statuses = list(
        participant.status_changes.order_by("recorded_at", "pk").values_list("status", flat=True)
    )
    assert statuses == ["registered", "enrolled", "exited"]


def test_a_second_enrolment_cannot_start_before_the_last_exit(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    client.post(f"/participants/{pk}/enrol/", {"entry_date": "2025-03-01"})
    client.post(f"/participants/{pk}/exit/", {"exit_date": "2025-09-30", "outcome": "employment"})
    refused = client.post(f"/participants/{pk}/enrol/", {"entry_date": "2025-09-01"})
    assert refused.status_code == 200
    assert "nicht vor dem letzten Austritt am 30.09.2025" in refused.content.decode()
    assert Participant.objects.get(pk=pk).status == "exited"
    client.post(f"/participants/{pk}/enrol/", {"entry_date": "2025-10-01"})
    participant = Participant.objects.get(pk=pk)
    assert (participant.status, participant.entry_date) == ("enrolled", datetime.date(2025, 10, 1))


def test_contact_double_submission_is_saved_once(net: Network) -> None:
    client = client_for(net.counsellor)
    data = {
        "submission_key": str(uuid.uuid4()),
        "took_place_on": "2025-04-02",
        "duration_minutes": "30",
        "form": "phone",
        "topics": ["language", "housing"],
        "note": "Telefonat",
        "next_step_1": "Kursanmeldung",
        "next_step_1_due": "2025-04-20",
    }
    url = f"/participants/{net.participant.pk}/contacts/new/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert CounsellingContact.objects.filter(note="Telefonat").count() == 1
    participant = Participant.objects.get(pk=net.participant.pk)
    assert participant.last_contact_on == datetime.date(2025, 4, 2)
    assert participant.tasks.get().description == "Kursanmeldung"


def test_contact_from_a_shared_organisation_shows_in_the_owners_timeline(net: Network) -> None:
    share_with_consent(net)
    client_for(net.other_counsellor).post(
        f"/participants/{net.participant.pk}/contacts/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "took_place_on": "2025-05-02",
            "duration_minutes": "20",
            "form": "video",
            "topics": ["employment"],
            "note": "Vermittlungsvorschlag",
        },
    )
    page = client_for(net.counsellor).get(
        f"/participants/{net.participant.pk}/sections/participants.timeline/"
    )
    text = page.content.decode()
    assert "Vermittlungsvorschlag" in text
    assert "Jobcenter Test" in text


def test_share_needs_a_valid_consent(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    response = client.post(f"/participants/{pk}/shares/new/", {"organisation": net.other.pk})
    assert response.status_code == 200
    assert not net.participant.shares.exists()
    client.post(
        f"/participants/{pk}/consents/new/",
        {
            "purpose": "case_sharing",
            "organisations": [net.other.pk],
            "given_on": "2025-01-01",
            "form": "verbal_with_witness",
            "witness": "Frau Beispiel",
        },
    )
    response = client.post(f"/participants/{pk}/shares/new/", {"organisation": net.other.pk})
    assert response.status_code == 302
    assert client_for(net.other_counsellor).get(f"/participants/{pk}/").status_code == 200


def test_verbal_consent_needs_a_witness_and_dates_in_order(net: Network) -> None:
    response = client_for(net.counsellor).post(
        f"/participants/{net.participant.pk}/consents/new/",
        {
            "purpose": "case_sharing",
            "organisations": [net.other.pk],
            "given_on": "2025-01-10",
            "valid_until": "2025-01-01",
            "form": "verbal_with_witness",
        },
    )
    assert response.status_code == 200
    assert not net.participant.consents.exists()


def test_revoke_consent_through_the_page(net: Network) -> None:
    consent = share_with_consent(net)
    client = client_for(net.counsellor)
    today = timezone.localdate().isoformat()
    url = f"/participants/{net.participant.pk}/consents/{consent.pk}/revoke/"
    page = client.get(url).content.decode()
    assert "Diese Träger verlieren sofort den Zugriff auf den Fall: Jobcenter Test." in page
    assert client.post(url, {"revoked_on": today}).status_code == 302
    assert (
        client_for(net.other_counsellor).get(f"/participants/{net.participant.pk}/").status_code
        == 404
    )


def test_document_history_keeps_every_document(net: Network) -> None:
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/documents/new/"
    response = client.post(
        url,
        {
            "document_type": "residence_permit",
            "section": "§ 25 Abs. 2",
            "issued_on": "2025-06-01",
            "valid_until": "2028-05-31",
        },
    )
    assert response.status_code == 302
    participant = Participant.objects.get(pk=net.participant.pk)
    assert participant.residence_documents.count() == 2
    assert participant.current_document.section == "§ 25 Abs. 2"
    bad = client.post(
        url,
        {"document_type": "unknown_doc", "issued_on": "2025-06-01", "valid_until": "2025-01-01"},
    )
    assert bad.status_code == 200
    assert participant.residence_documents.count() == 2


HUGE = "99999999999999999999999"


NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@pytest.mark.parametrize(
    ("organisation", "message"),
    [
        # The message quotes no more of the typed number than fits a line.
        (HUGE, "Select a valid choice. 99999999999999999999 is not one of the available choices."),
        ("-1", "Select a valid choice. -1 is not one of the available choices."),
        ("2147483648", "Select a valid choice. 2147483648 is not one of the available choices."),
        ("abc", "“abc” is not a valid value."),
    ],
)
def test_impossible_ids_in_choices_are_answered_with_a_message(
    net: Network, organisation: str, message: str
) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk

    consent = client.post(
        f"/participants/{pk}/consents/new/",
        {
            "purpose": "case_sharing",
            "organisations": [organisation],
            "given_on": "2025-01-01",
            "form": "signed_paper",
        },
        headers={"accept-language": "en"},
    )
    share = client.post(
        f"/participants/{pk}/shares/new/",
        {"organisation": organisation},
        headers={"accept-language": "en"},
    )
    contact = client.post(
        f"/participants/{pk}/contacts/new/",
        {
            "submission_key": str(uuid.uuid4()),
            "took_place_on": "2025-03-01",
            "duration_minutes": "30",
            "form": "phone",
            "topics": ["language"],
            "site": organisation,
        },
        headers={"accept-language": "en"},
    )

    assert consent.status_code == 200
    with translation.override("en"):
        errors = [dict(response.context["form"].errors) for response in (consent, share, contact)]
    assert errors == [
        {"organisations": [message]},
        {"organisation": [NOT_A_CHOICE]},
        {"site": [NOT_A_CHOICE]},
    ]
    assert html.escape(message, quote=False) in consent.content.decode()
    assert (share.status_code, contact.status_code) == (200, 200)
    assert not net.participant.consents.filter(organisations__isnull=False).exists()


def test_edit_page_speaks_german_in_empty_choices_and_offers_no_empty_gender(
    net: Network,
) -> None:
    page = (
        client_for(net.counsellor)
        .get(f"/participants/{net.participant.pk}/edit/", headers={"accept-language": "de"})
        .content.decode()
    )

    assert "Select an option" not in page
    assert "– bitte wählen –" in page
    assert page.count('name="gender"') == 4  # female, male, diverse, not stated


def test_a_document_recorded_without_issue_date_becomes_the_current_one(net: Network) -> None:
    client = client_for(net.counsellor)

    response = client.post(
        f"/participants/{net.participant.pk}/documents/new/",
        {
            "document_type": "residence_permit",
            "section": "§ 25 Abs. 2",
            "valid_until": "2029-05-31",
        },
    )

    assert response.status_code == 302
    net.participant.refresh_from_db()
    assert net.participant.current_document.document_type == "residence_permit"  # type: ignore[union-attr]
    assert net.participant.document_valid_until == datetime.date(2029, 5, 31)
    assert net.participant.document_type == "residence_permit"
    page = client.get(f"/participants/{net.participant.pk}/", headers={"accept-language": "en"})
    first_card = re.split(r'<div class="kern-card[" ]', page.content.decode())[1]
    assert "current" in first_card
    assert "§ 25 Abs. 2" in first_card


def test_edit_keeps_a_counsellor_whose_role_changed(net: Network) -> None:
    from lotse.network.models import Membership

    Membership.objects.filter(user=net.counsellor).update(role="volunteer")
    url = f"/participants/{net.participant.pk}/edit/"

    response = client_for(net.team_lead).post(url, _edit_data(net.participant, city="Nordheim"))

    assert response.status_code == 302
    net.participant.refresh_from_db()
    assert net.participant.city == "Nordheim"
    assert net.participant.counsellor_id == net.counsellor.pk


def test_a_second_click_saves_a_document_or_consent_once(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    page = client.get(f"/participants/{pk}/documents/new/").content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1)  # type: ignore[union-attr]
    document = {"document_type": "duldung", "valid_until": "2027-03-31", "submission_key": key}
    documents_before = net.participant.residence_documents.count()

    first = client.post(f"/participants/{pk}/documents/new/", document)
    second = client.post(f"/participants/{pk}/documents/new/", document)

    assert (first.status_code, second.status_code) == (302, 302)
    assert net.participant.residence_documents.count() == documents_before + 1
    consent = {
        "purpose": "case_sharing",
        "organisations": [net.other.pk],
        "given_on": "2025-01-01",
        "form": "signed_paper",
        "submission_key": str(uuid.uuid4()),
    }
    client.post(f"/participants/{pk}/consents/new/", consent)
    client.post(f"/participants/{pk}/consents/new/", consent)
    assert net.participant.consents.count() == 1


def test_a_refused_form_keeps_its_key_for_the_corrected_one(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    key = str(uuid.uuid4())

    refused = client.post(
        f"/participants/{pk}/documents/new/",
        {
            "document_type": "duldung",
            "issued_on": "2027-01-01",
            "valid_until": "2026-01-01",
            "submission_key": key,
        },
    )
    saved = client.post(
        f"/participants/{pk}/documents/new/",
        {"document_type": "duldung", "valid_until": "2027-01-01", "submission_key": key},
    )

    assert refused.status_code == 200
    assert f'value="{key}"' in refused.content.decode()
    assert saved.status_code == 302
    assert net.participant.residence_documents.filter(document_type="duldung").count() == 1


def test_edit_refuses_a_birth_date_before_1900(net: Network) -> None:
    url = f"/participants/{net.participant.pk}/edit/"

    response = client_for(net.counsellor).post(
        url, _edit_data(net.participant, birth_date="0001-01-01"), headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert "it lies before 1900" in response.content.decode()
    net.participant.refresh_from_db()
    assert net.participant.birth_date == datetime.date(1999, 4, 1)


def test_a_deactivated_counsellor_is_not_offered_for_a_case(net: Network) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=net.colleague.pk).update(is_active=False)
    url = f"/participants/{net.participant.pk}/edit/"

    page = client_for(net.team_lead).get(url).content.decode()
    response = client_for(net.team_lead).post(
        url, _edit_data(net.participant, counsellor=str(net.colleague.pk))
    )

    assert f'value="{net.colleague.pk}"' not in page
    assert f'value="{net.counsellor.pk}"' in page
    assert response.status_code == 200
    net.participant.refresh_from_db()
    assert net.participant.counsellor_id == net.counsellor.pk


def test_the_consent_page_offers_every_organisation_of_the_network_to_tick(net: Network) -> None:
    """What the page offers is what a counsellor can post: one check box per organisation."""
    client = client_for(net.counsellor)
    pk = net.participant.pk
    page = client.get(f"/participants/{pk}/consents/new/").content.decode()
    offered = set(re.findall(r'<input type="checkbox" name="organisations" value="(\d+)"', page))
    assert offered == {str(o.pk) for o in (net.owner, net.other, net.third, net.municipality)}
    client.post(
        f"/participants/{pk}/consents/new/",
        {
            "purpose": "case_sharing",
            "organisations": [net.other.pk],
            "given_on": "2025-01-01",
            "form": "signed_paper",
        },
    )
    assert list(net.participant.consents.get().organisations.all()) == [net.other]


def test_form_controls_carry_the_look_of_their_kind(net: Network) -> None:
    """Select boxes sit in KERN's wrapper (the box and arrow), check boxes look like check
    boxes and radio buttons like radio buttons, however the widget is implemented."""
    page = client_for(net.counsellor).get(f"/participants/{net.participant.pk}/contacts/new/")
    html = page.content.decode()
    for name in ("site", "interpreter_language"):
        assert f'<div class="kern-form-input__select-wrapper"><select name="{name}"' in html
    topics = re.findall(r'<input type="checkbox" name="topics"[^>]*>', html)
    assert topics
    assert all('class="kern-form-check__checkbox"' in tag for tag in topics)
    forms_of_contact = re.findall(r'<input type="radio" name="form"[^>]*>', html)
    assert forms_of_contact
    assert all('class="kern-form-check__radio"' in tag for tag in forms_of_contact)


def test_the_exit_form_preselects_no_outcome(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    client.post(f"/participants/{pk}/enrol/", {"entry_date": "2025-03-01"})
    page = client.get(f"/participants/{pk}/exit/").content.decode()
    assert '<option value="" selected>– bitte wählen –</option>' in page
    refused = client.post(f"/participants/{pk}/exit/", {"exit_date": "2025-09-30", "outcome": ""})
    assert refused.status_code == 200
    assert Participant.objects.get(pk=pk).status == "enrolled"


def test_revoking_a_consent_another_one_backs_up_costs_no_access(net: Network) -> None:
    first = share_with_consent(net)
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="referral",
        organisations=[net.other],
        given_on=datetime.date(2025, 2, 1),
        form="signed_paper",
    )
    url = f"/participants/{net.participant.pk}/consents/{first.pk}/revoke/"
    page = client_for(net.counsellor).get(url).content.decode()
    assert "Kein Träger verliert durch diesen Widerruf den Zugriff auf den Fall." in page


def test_contact_form_carries_one_submission_key(net: Network) -> None:
    page = client_for(net.counsellor).get(f"/participants/{net.participant.pk}/contacts/new/")
    assert page.content.decode().count('name="submission_key"') == 1
