"""Forms that guide: after a save the page returns to the section that was saved and says so;
the intake warns of a duplicate on its first step; lists name people, not accounts."""

import datetime
import re
from typing import Any

from django.contrib.messages import get_messages
from django.test import Client

from lotse.audit.models import AuditEvent
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


def test_the_edit_form_shows_and_changes_the_children(net: Network) -> None:
    from lotse.participants.models import Child

    Child.objects.create(
        participant=net.participant, network=net.participant.network, birth_year=2016
    )
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/edit/"
    assert 'name="children_birth_years" value="2016"' in client.get(url).content.decode()

    client.post(url, _edit_data(net.participant, children_birth_years="2016, 2021"))

    assert sorted(net.participant.children.values_list("birth_year", flat=True)) == [2016, 2021]
    event = AuditEvent.objects.get(action="participants.participant.changed")
    assert event.detail["changes"] == {"children_birth_years": "•••"}


def test_the_edit_form_refuses_a_year_that_is_none(net: Network) -> None:
    client = client_for(net.counsellor)
    url = f"/participants/{net.participant.pk}/edit/"

    response = client.post(
        url, _edit_data(net.participant, children_birth_years="2016, 20x1"), headers=DE
    )

    assert response.status_code == 200
    assert "„20x1“ ist kein Geburtsjahr" in response.content.decode()


def test_the_counsellor_is_chosen_by_name(net: Network) -> None:
    page = client_for(net.counsellor).get(f"/participants/{net.participant.pk}/edit/")

    text = page.content.decode()
    assert f">{net.counsellor.get_full_name()}</option>" in text
    assert f">{net.counsellor.username}</option>" not in text


def test_a_document_names_its_legal_basis_once() -> None:
    from lotse.participants.enums import document_title

    assert document_title("duldung", "§ 60a Abs. 2 AufenthG") == "Duldung (§ 60a Abs. 2 AufenthG)"
    assert document_title("duldung", "§60a Abs. 2") == "Duldung (§60a Abs. 2 AufenthG)"
    assert document_title("duldung", "60a") == "Duldung (§ 60a AufenthG)"
    assert document_title("duldung", "§ 60b AufenthG") == "Duldung (§ 60a AufenthG) § 60b AufenthG"


def test_every_country_is_named_in_german_on_german_pages() -> None:
    from django.utils import translation

    from lotse.core.reference import country_choices

    with translation.override("de"):
        names = dict(country_choices())
    assert names["UM"] == "Kleinere Amerikanische Überseeinseln"
    assert names["PN"] == "Pitcairninseln"
    assert names["GS"] == "Südgeorgien und die Südlichen Sandwichinseln"
    assert names["US"] == "Vereinigte Staaten"


def test_english_pages_write_dates_day_first(net: Network) -> None:
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override("en"):
        assert date_format(datetime.date(2026, 3, 14), "SHORT_DATE_FORMAT") == "14/03/2026"
    page = client_for(net.counsellor).get(
        f"/participants/{net.participant.pk}/", headers={"accept-language": "en"}
    )
    assert "01/04/1999" in page.content.decode()
