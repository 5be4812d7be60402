"""The sheet for the employer (only with the consent to contact with employers) and the
placements on the employer's page (a name only to who may see the participant)."""

import io

import pypdf
import pytest
from django.test import Client

from lotse.audit.models import AuditEvent
from tests.conftest import Network, share_with_consent
from tests.placements.placement_helpers import employer_consent, enrolled, place
from tests.workpermission.helpers import gestattung_facts

pytestmark = pytest.mark.django_db


def _german(user: object) -> Client:
    client = Client(headers={"accept-language": "de"})
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join((page.extract_text() or "") for page in reader.pages)


def test_without_consent_the_sheet_is_refused_with_a_way_to_record_it(net: Network) -> None:
    enrolled(net)
    placement = place(net)
    response = _german(net.counsellor).get(
        f"/placements/cases/{net.participant.pk}/{placement.pk}/employer-sheet/"
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Kein Blatt für den Arbeitgeber ohne Einwilligung" in page
    assert f'href="/participants/{net.participant.pk}/consents/new/"' in page


def test_with_consent_the_sheet_says_what_employer_and_person_must_do(net: Network) -> None:
    enrolled(net)
    gestattung_facts(net, lives_in_reception_centre=False)
    employer_consent(net)
    placement = place(net)
    response = _german(net.counsellor).get(
        f"/placements/cases/{net.participant.pk}/{placement.pk}/employer-sheet/"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Arbeitserlaubnis-fuer-den-Arbeitgeber-'
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(_text(response.content).split())
    assert "Arbeitserlaubnis für diese Stelle" in text
    assert "Mohammad Al-Masri" in text
    assert "Fachkraft für Lagerlogistik (Sozialversicherungspflichtige Beschäftigung)" in text
    assert "Die Antwort, gültig am" in text
    assert "Beschäftigungserlaubnis bei der Ausländerbehörde beantragen" in text
    assert "Die Ausländerbehörde fragt die Bundesagentur für Arbeit nach ihrer Zustimmung." in text
    assert "§ 36 Abs. 2 BeschV" in text
    assert "Rechtsgrundlage" in text
    assert AuditEvent.objects.filter(action="placements.employer_sheet.created").count() == 1


def test_the_employer_page_names_a_placed_participant_only_to_who_may_see_them(
    net: Network,
) -> None:
    enrolled(net)
    placement = place(net)
    url = f"/employers/{placement.employer_id}/"
    owner_page = _german(net.counsellor).get(url).content.decode()
    assert "Al-Masri, Mohammad" in owner_page
    stranger_page = _german(net.third_counsellor).get(url).content.decode()
    assert net.participant.last_name not in stranger_page
    assert "1 Vermittlung von Teilnehmenden anderer Träger." in stranger_page
    coordinator_page = _german(net.coordinator).get(url)
    assert net.participant.last_name not in coordinator_page.content.decode()
    share_with_consent(net)
    shared_page = _german(net.other_counsellor).get(url).content.decode()
    assert "Al-Masri, Mohammad" in shared_page


def test_an_ended_placement_offers_no_sheet_and_its_url_says_why(net: Network) -> None:
    import datetime

    from lotse.placements.placements import services

    enrolled(net)
    gestattung_facts(net, lives_in_reception_centre=False)
    employer_consent(net)
    running = place(net, title="Lagerhelfer")
    ended = place(net)
    services.placement_end(
        actor=net.counsellor,
        placement=ended,
        expected_version=ended.version,
        ended_on=datetime.date(2025, 6, 15),
        end_reason="quit",
    )
    client = _german(net.counsellor)
    case_page = client.get(
        f"/participants/{net.participant.pk}/sections/placements.placements/"
    ).content.decode()
    sheet_links = [
        f'href="/placements/cases/{net.participant.pk}/{p.pk}/employer-sheet/"'
        for p in (running, ended)
    ]
    assert [link in case_page for link in sheet_links] == [True, False]
    response = client.get(f"/placements/cases/{net.participant.pk}/{ended.pk}/employer-sheet/")
    assert response.status_code == 409
    page = " ".join(response.content.decode().split())
    assert "Kein Blatt für den Arbeitgeber zu einer beendeten Vermittlung" in page
    assert (
        "Die Vermittlung Fachkraft für Lagerlogistik bei Lager Süd GmbH endete am 15.06.2025. "
        "Das Blatt sagt einem Arbeitgeber, was vor dem Beginn einer Stelle nötig ist; es wird nur "
        "erstellt, solange die Vermittlung läuft."
    ) in page
    assert not AuditEvent.objects.filter(action="placements.employer_sheet.created").exists()
