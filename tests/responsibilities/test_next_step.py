"""The participant page's question "who is responsible for this person's next step?", the map
table reachable by keyboard, and the exports' file names (RFC 5987)."""

from urllib.parse import quote

from django.test import Client
from django.utils import timezone

from lotse.core.downloads import ascii_filename, content_disposition, safe_filename
from lotse.participants import services as participant_services
from lotse.responsibilities.services import map_publish
from tests.conftest import Network, client_for
from tests.responsibilities.helpers import demo_path, step


def _panel(net: Network, query: str = "") -> str:
    response = client_for(net.counsellor).get(
        f"/participants/{net.participant.pk}/sections/responsibilities.for_person/{query}",
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    return response.content.decode()


def _chosen(panel: str) -> str:
    return panel.split("Zuständig für „", 1)[1].split("“", 1)[0]


def test_next_step_defaults_to_the_first_step(net: Network) -> None:
    steps = demo_path(net)

    panel = _panel(net)

    assert _chosen(panel) == "Erstberatung"
    assert f'<option value="{steps["first"].step_id}" selected>' in panel
    assert "Wer ist für den nächsten Schritt dieser Person zuständig?" in panel
    card = panel.split("Zuständig für „", 1)[1].split("Alle Schritte", 1)[0]
    assert "Migrationsberatung" in card
    assert "Jugendberufsagentur" not in card


def test_next_step_defaults_to_the_first_not_done(net: Network) -> None:
    steps = demo_path(net)
    participant_services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Erstberatung durchführen",
        status="done",
    )

    panel = _panel(net)

    assert _chosen(panel) == "Arbeitsvermittlung"
    assert "10. Erstberatung (erledigt)" in panel
    assert f'<option value="{steps["young"].step_id}" selected>' in panel
    card = panel.split("Zuständig für „", 1)[1].split("Alle Schritte", 1)[0]
    assert "Jugendberufsagentur" in card
    assert "Migrationsberatung" not in card


def test_counsellor_chooses_the_step(net: Network) -> None:
    steps = demo_path(net)
    participant_services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Erstberatung",
        status="done",
    )

    panel = _panel(net, f"?step={steps['first'].step_id}")

    assert _chosen(panel) == "Erstberatung"
    assert 'hx-get="/participants/' in panel
    assert '<label class="kern-label" for="responsibility-step">' in panel


def test_an_open_task_does_not_mark_a_step_done(net: Network) -> None:
    demo_path(net)
    participant_services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Erstberatung",
        due_on=timezone.localdate(),
    )

    assert _chosen(_panel(net)) == "Erstberatung"


def test_map_table_is_reachable_by_keyboard(net: Network) -> None:
    demo_path(net)

    page = client_for(net.counsellor).get("/responsibilities/", HTTP_ACCEPT_LANGUAGE="de")

    html = page.content.decode()
    assert (
        '<div class="kern-table-responsive" tabindex="0" role="region" '
        'aria-labelledby="map-caption" aria-describedby="map-scroll-hint">'
    ) in html
    assert "scrollen Sie mit den Pfeiltasten seitwärts" in html


def test_exports_name_the_file_in_rfc_5987(net: Network) -> None:
    demo_path(net)
    network = net.owner.network
    map_publish(actor=net.coordinator, network=network, public=True)
    name = network.name.replace(" ", "_")

    xlsx = client_for(net.counsellor).get(
        "/responsibilities/export/xlsx/", HTTP_ACCEPT_LANGUAGE="de"
    )
    pdf = Client().get(
        f"/responsibilities/public/{network.pk}/export/pdf/", HTTP_ACCEPT_LANGUAGE="de"
    )

    assert xlsx["Content-Disposition"] == (
        f'attachment; filename="Zustaendigkeiten_{name}.xlsx"; '
        f"filename*=UTF-8''{quote('Zuständigkeiten')}_{quote(name)}.xlsx"
    )
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="Zustaendigkeiten_{name}.pdf"; '
        f"filename*=UTF-8''Zust%C3%A4ndigkeiten_{quote(name)}.pdf"
    )


def test_download_names_in_ascii_are_sent_plain() -> None:
    assert content_disposition("Weiterleitung-7.pdf", inline=True) == (
        'inline; filename="Weiterleitung-7.pdf"'
    )
    assert ascii_filename('Übersicht "März"/Größe.pdf') == "Uebersicht _Maerz__Groesse.pdf"
    assert content_disposition("Café.pdf") == (
        "attachment; filename=\"Cafe.pdf\"; filename*=UTF-8''Caf%C3%A9.pdf"
    )


def test_download_names_lose_what_a_file_system_refuses() -> None:
    assert safe_filename('Statistik: "Netzwerk" <Nord>/Süd?.csv') == (
        "Statistik - Netzwerk NordSüd.csv"
    )
    assert content_disposition("Bericht:\t2026.pdf") == 'attachment; filename="Bericht - 2026.pdf"'


def test_next_step_follows_the_last_step_done(net: Network) -> None:
    """The walk's participant had vocational orientation done and no task naming the first
    counselling: the next step is the one after orientation, not the first counselling."""
    steps = demo_path(net)
    later = step(net, "Begleitung nach Arbeitsaufnahme", 80)
    participant_services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Arbeitsvermittlung abgeschlossen",
        status="done",
    )

    panel = _panel(net)

    assert _chosen(panel) == "Begleitung nach Arbeitsaufnahme"
    assert f'<option value="{later.pk}" selected>' in panel
    assert f'<option value="{steps["first"].step_id}">' in panel


def test_next_step_wraps_to_the_first_not_done_when_the_last_step_is_done(net: Network) -> None:
    demo_path(net)
    participant_services.task_create(
        actor=net.counsellor,
        participant=net.participant,
        description="Arbeitsvermittlung abgeschlossen",
        status="done",
    )

    assert _chosen(_panel(net)) == "Erstberatung"


def test_unknown_facts_read_as_one_line_per_group(net: Network) -> None:
    demo_path(net)

    panel = _panel(net)

    assert (
        '<p class="kern-body kern-body--small">SGB II – Rechtskreis unbekannt (SGB II):</p>'
        in panel
    )
    assert " )" not in panel
