"""Every page and answer that shows personal data writes its audit event because it obtained
the case (`case_for_display`) or the draft to show it, including the pages that were found
showing data without one: form pages naming the person, the residence-facts form, the
consent-revoke page, the confirmation to delete a health restriction, an intake draft's step,
and `PUT …/profile/<kind>`, which answers with the whole profile."""

import datetime
import json
from typing import Any

import pytest
from django.utils import translation

from lotse.audit.models import AuditEvent
from lotse.participants.models import Consent, IntakeDraft
from tests.conftest import Network, client_for, share_with_consent
from tests.profiles.helpers import SECRET_HEALTH, health

FORM_PAGES = (
    ("edit/", "edit"),
    ("enrol/", "enrol"),
    ("exit/", "exit"),
    ("contacts/new/", "contact"),
    ("documents/new/", "document"),
    ("consents/new/", "consent"),
    ("shares/new/", "share"),
    ("volunteers/new/", "volunteer"),
)


def _events(action: str) -> list[tuple[Any, Any, dict[str, Any]]]:
    return [
        (e.actor, e.participant_id, e.detail)
        for e in AuditEvent.objects.filter(action=action).order_by("pk")
    ]


@pytest.mark.parametrize(("tail", "form"), FORM_PAGES)
def test_a_form_page_naming_the_person_is_audited(net: Network, tail: str, form: str) -> None:
    with translation.override("de"):
        page = client_for(net.counsellor).get(
            f"/participants/{net.participant.pk}/{tail}", headers={"accept-language": "de"}
        )
    assert page.status_code == 200
    assert f"Mohammad Al-Masri ({net.participant.file_number})" in page.content.decode()
    assert _events("participants.participant.viewed") == [
        (net.counsellor, net.participant.pk, {"access": "owner", "form": form})
    ]


def test_a_form_page_refused_to_a_sharing_organisation_is_a_404_without_event(
    net: Network,
) -> None:
    share_with_consent(net)
    page = client_for(net.other_counsellor).get(f"/participants/{net.participant.pk}/edit/")
    assert page.status_code == 404
    assert _events("participants.participant.viewed") == []


def test_the_consent_revoke_page_is_audited(net: Network) -> None:
    consent = share_with_consent(net)
    assert isinstance(consent, Consent)
    url = f"/participants/{net.participant.pk}/consents/{consent.pk}/revoke/"
    with translation.override("de"):
        page = client_for(net.counsellor).get(url, headers={"accept-language": "de"})
    assert page.status_code == 200
    assert _events("participants.participant.viewed") == [
        (net.counsellor, net.participant.pk, {"access": "owner", "form": "consent_revoke"})
    ]


def test_the_residence_facts_form_is_audited(net: Network) -> None:
    url = f"/work-permission/participants/{net.participant.pk}/facts/"
    page = client_for(net.counsellor).get(url)
    assert page.status_code == 200
    assert _events("participants.participant.viewed") == [
        (net.counsellor, net.participant.pk, {"access": "owner", "form": "facts"})
    ]


def test_the_confirmation_to_delete_a_health_restriction_is_audited(net: Network) -> None:
    restriction = health(net)
    url = f"/profiles/participants/{net.participant.pk}/health/{restriction.pk}/delete/"
    page = client_for(net.counsellor).get(url)
    assert page.status_code == 200
    assert SECRET_HEALTH in page.content.decode()
    assert _events("profiles.health.viewed") == [
        (
            net.counsellor,
            net.participant.pk,
            {"access": "owner", "form": "delete", "item": restriction.pk},
        )
    ]


def test_the_new_entry_form_of_the_profile_is_audited(net: Network) -> None:
    url = f"/profiles/participants/{net.participant.pk}/languages/add/"
    page = client_for(net.counsellor).get(url)
    assert page.status_code == 200
    assert _events("profiles.profile.viewed") == [
        (
            net.counsellor,
            net.participant.pk,
            {"access": "owner", "part": "languages", "form": "languages", "item": None},
        )
    ]


def test_an_intake_draft_step_is_audited(net: Network) -> None:
    client = client_for(net.counsellor)
    client.post("/participants/intake/new/", {"first_names": "A", "action": "draft"})
    draft_pk = IntakeDraft.objects.get(created_by=net.counsellor).pk
    draft_url = f"/participants/intake/{draft_pk}/person/"
    page = client.get(draft_url)
    assert page.status_code == 200
    assert [
        (e.actor, e.object_id, e.detail)
        for e in AuditEvent.objects.filter(action="participants.intake_draft.viewed")
    ] == [(net.counsellor, str(draft_pk), {"page": "person"})]


def test_put_of_a_profile_part_is_audited_as_a_view_of_the_profile_it_returns(
    net: Network,
) -> None:
    response = client_for(net.counsellor).put(
        f"/api/v1/participants/{net.participant.pk}/profile/languages",
        json.dumps([{"language": "ar", "level": "native"}]),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert _events("profiles.profile.viewed") == [
        (
            net.counsellor,
            net.participant.pk,
            {"access": "owner", "channel": "api", "part": "languages"},
        )
    ]


def test_a_date_is_shown_on_the_timeline_in_the_page_s_language(net: Network) -> None:
    with translation.override("en"):
        page = client_for(net.counsellor).get(
            f"/participants/{net.participant.pk}/sections/participants.timeline/",
            headers={"accept-language": "en", "HX-Request": "true"},
        )
    assert f'<p class="kern-body--small">{datetime.date(2025, 2, 1):%d/%m/%Y}</p>' in (
        page.content.decode()
    )
