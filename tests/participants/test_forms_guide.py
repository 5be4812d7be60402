"""Forms that guide: after a save the page returns to the section that was saved and says so;
the intake warns of a duplicate on its first step; lists name people, not accounts."""

import datetime
import re
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client

from lotse.participants.models import Participant
from tests.conftest import Network, client_for

DE = {"accept-language": "de"}


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _edit_data(participant: Participant, **changes: str) -> dict[str, str]:
    data = {
        "version": str(participant.version),
        "first_names": participant.first_names,
        "last_name": participant.last_name,
        "birth_date_precision": "day",
        "birth_date": participant.birth_date.isoformat() if participant.birth_date else "",
        "gender": participant.gender,
        "nationality": participant.nationality,
        "phone": participant.phone,
        "email": participant.email,
        "counsellor": str(participant.counsellor_id),
    }
    return {**data, **changes}


def test_an_edit_returns_to_the_personal_data_with_a_confirmation(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk

    response = client.post(f"/participants/{pk}/edit/", _edit_data(net.participant), headers=DE)

    assert response["Location"] == f"/participants/{pk}/#h-person"
    assert _messages(response) == ["Die Änderungen wurden gespeichert."]


def test_a_residence_document_returns_to_the_documents(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    url = f"/participants/{pk}/documents/new/"

    response = client.post(
        url,
        {"document_type": "duldung", "submission_key": _key(client, url)},
        headers=DE,
    )

    assert response["Location"] == f"/participants/{pk}/#h-documents"
    assert _messages(response) == ["Das Aufenthaltsdokument wurde hinzugefügt."]


def test_a_contact_returns_to_the_timeline(net: Network) -> None:
    client = client_for(net.counsellor)
    pk = net.participant.pk
    response = client.post(
        f"/participants/{pk}/contacts/new/",
        {
            "submission_key": "8c1c3a52-9d1e-4a57-a1f6-0b6b0e6f2f11",
            "took_place_on": datetime.date(2025, 3, 1).isoformat(),
            "duration_minutes": "30",
            "form": "phone",
            "topics": ["employment"],
        },
        headers=DE,
    )
    assert response["Location"] == f"/participants/{pk}/#h-timeline"


def _key(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    match = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
    assert match
    return match.group(1)
