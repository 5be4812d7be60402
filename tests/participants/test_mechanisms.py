"""No double record for every form of a case that creates something, no lost update on the
master data (core.submissions, core.versioning)."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from lotse.participants import services
from lotse.participants.models import IntakeDraft, Participant
from tests.conftest import Network, client_for
from tests.participants.test_case_actions import _edit_data
from tests.participants.test_intake import _run_intake

DE = {"Accept-Language": "de"}
ALREADY_SAVED = "Das wurde bereits gespeichert und nicht ein zweites Mal gespeichert."
STALE = (
    "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert, deshalb wurden Ihre "
    "Änderungen nicht gespeichert. Ihre Eingaben stehen noch im Formular: Wenn Sie erneut "
    "speichern, ersetzen Sie die Änderungen der anderen Person."
)


def _key(client: Client, url: str) -> str:
    page = client.get(url, headers=DE).content.decode()
    match = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
    assert match is not None
    return match.group(1)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _document(net: Network) -> tuple[str, dict[str, Any], Callable[[], int]]:
    return (
        "documents/new/",
        {"document_type": "duldung", "valid_until": "2027-03-31"},
        net.participant.residence_documents.count,
    )


def _consent(net: Network) -> tuple[str, dict[str, Any], Callable[[], int]]:
    data = {
        "purpose": "case_sharing",
        "organisations": [net.other.pk],
        "given_on": "2025-01-01",
        "form": "signed_paper",
    }
    return "consents/new/", data, net.participant.consents.count


def _share(net: Network) -> tuple[str, dict[str, Any], Callable[[], int]]:
    services.consent_record(
        actor=net.counsellor,
        participant=net.participant,
        purpose="case_sharing",
        organisations=[net.other],
        given_on=datetime.date(2025, 1, 10),
        form="signed_paper",
    )
    return "shares/new/", {"organisation": net.other.pk}, net.participant.shares.count


def _volunteer(net: Network) -> tuple[str, dict[str, Any], Callable[[], int]]:
    return "volunteers/new/", {"volunteer": net.volunteer.pk}, net.participant.volunteers.count


@pytest.mark.parametrize("form", [_document, _consent, _share, _volunteer])
def test_case_form_posted_twice_with_one_key_saves_once(
    net: Network, form: Callable[[Network], tuple[str, dict[str, Any], Callable[[], int]]]
) -> None:
    path, data, count = form(net)
    url = f"/participants/{net.participant.pk}/{path}"
    client = client_for(net.counsellor)
    data = {**data, "submission_key": _key(client, url)}
    before = count()

    first = client.post(url, data, headers=DE, follow=True)
    second = client.post(url, data, headers=DE, follow=True)

    assert len(_messages(first)) == 1
    assert count() == before + 1
    assert _messages(second) == [ALREADY_SAVED]


def test_intake_started_twice_with_one_key_makes_one_draft(net: Network) -> None:
    client = client_for(net.counsellor)
    url = "/participants/intake/new/"
    data = {"submission_key": _key(client, url), "last_name": "Haidari", "action": "draft"}

    first = client.post(url, data, headers=DE, follow=True)
    second = client.post(url, data, headers=DE, follow=True)

    assert first.redirect_chain == [("/participants/intake/", 302)]
    assert IntakeDraft.objects.filter(created_by=net.counsellor).count() == 1
    assert _messages(second) == [ALREADY_SAVED]


def test_intake_completed_twice_with_one_key_says_so(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _run_intake(client, net)
    url = f"/participants/intake/{draft}/review/"
    data = {"submission_key": _key(client, url)}

    first = client.post(url, data, headers=DE, follow=True)
    second = client.post(url, data, headers=DE, follow=True)

    assert Participant.objects.filter(last_name="Haidari").count() == 1
    assert _messages(first) == ["Amina Haidari wurde registriert."]
    assert _messages(second) == ["Dieses Erstgespräch wurde bereits abgeschlossen."]
    assert first.redirect_chain == second.redirect_chain


def test_participant_stale_edit_keeps_the_entries(net: Network) -> None:
    url = f"/participants/{net.participant.pk}/edit/"
    opened_by_both = _edit_data(net.participant)
    client_for(net.counsellor).post(url, {**opened_by_both, "city": "Nordheim"}, headers=DE)

    second = client_for(net.team_lead).post(url, {**opened_by_both, "city": "Südhafen"}, headers=DE)
    deliberate = client_for(net.team_lead).post(
        url, {**opened_by_both, "city": "Südhafen", "version": "2"}, headers=DE
    )

    form = second.context["form"]
    assert form.non_field_errors() == [STALE]
    assert (form["city"].value(), form["version"].value()) == ("Südhafen", "2")
    assert deliberate.status_code == 302
    net.participant.refresh_from_db()
    assert (net.participant.city, net.participant.version) == ("Südhafen", 3)
