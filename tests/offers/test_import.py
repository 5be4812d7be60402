"""Import of offers from the coordinator's list: all or nothing, problems by row in German,
idempotent by the list's key. The files are written by the tests, as a spreadsheet saves them."""

import datetime
import io
import uuid
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from lotse.audit.models import AuditEvent
from lotse.offers.importer import ImportRefusedError, offers_import
from lotse.offers.models import Offer
from tests.conftest import Network, client_for
from tests.offers.helpers import berufssprachkurs

HEADER = ";".join(
    [
        "schluessel", "titel", "art", "anbieter", "anbieter_extern", "wochentage", "uhrzeit_von",
        "uhrzeit_bis", "plaetze", "plaetze_frei", "deutsch_mindestens", "rechtskreise", "titel_ar",
    ]
)  # fmt: skip
ROWS = [
    "BSK-1;Berufssprachkurs B2 Pflege;Berufssprachkurs;Lernwerk Test;;Mo, Do;09:00;12:30;16;4;B1;"
    "SGB II, SGB III;دورة اللغة المهنية",
    "IK-7;Integrationskurs mit Kinderbetreuung;integration_course;;VHS Beispielstadt;Di;08:30;"
    "12:00;20;0;;;",
]


def _csv(*rows: str, header: str = HEADER) -> bytes:
    # As Excel saves "CSV UTF-8": a byte-order mark and semicolons.
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def _import(net: Network, content: bytes, filename: str = "angebote.csv"):  # type: ignore[no-untyped-def]
    return offers_import(
        actor=net.coordinator, network=net.owner.network, content=content, filename=filename
    )


def _problems(net: Network, content: bytes, filename: str = "angebote.csv") -> list[str]:
    with pytest.raises(ImportRefusedError) as refused:
        _import(net, content, filename)
    return [str(problem) for problem in refused.value.problems]


def test_a_csv_list_is_imported(net: Network) -> None:
    result = _import(net, _csv(*ROWS))
    assert (result.created, result.updated) == (2, 0)
    course = Offer.objects.get(external_key="BSK-1")
    assert course.provider == net.third
    assert course.kind == "job_language_course"
    assert course.schedule == "weekly"
    assert course.weekdays == [0, 3]
    assert course.starts_at == datetime.time(9)
    assert (course.seats, course.seats_free, course.min_german) == (16, 4, "B1")
    assert course.legal_spheres == ["sgb_ii", "sgb_iii"]
    assert course.translated("ar")[0] == "دورة اللغة المهنية"
    assert Offer.objects.get(external_key="IK-7").provider_name == "VHS Beispielstadt"
    assert AuditEvent.objects.filter(action="offers.offer.created").count() == 2


def test_importing_the_same_list_again_updates_instead_of_adding(net: Network) -> None:
    _import(net, _csv(*ROWS))
    course = Offer.objects.get(external_key="BSK-1")
    course.description = "Mit Praktikum."  # a field the list has no column for
    course.save()
    again = _import(net, _csv(ROWS[0].replace(";16;4;", ";16;2;"), ROWS[1]))
    assert (again.created, again.updated) == (0, 2)
    assert Offer.objects.count() == 2
    course.refresh_from_db()
    assert course.seats_free == 2
    assert course.description == "Mit Praktikum."


def test_an_xlsx_list_is_imported_with_dates_and_numbers_as_cells(net: Network) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Titel", "Art", "Anbieter_extern", "Beginn", "Ende", "Plaetze", "Warteliste"])
    sheet.append(
        [
            "Vorbereitung Hauptschulabschluss",
            "Schulkurs",
            "Abendschule Beispielstadt",
            datetime.date(2027, 2, 1),
            datetime.date(2027, 6, 30),
            12,
            "ja",
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    result = _import(net, output.getvalue(), "Angebote.XLSX")
    assert result.created == 1
    offer = Offer.objects.get()
    assert (offer.kind, offer.schedule) == ("school_course", "dates")
    assert (offer.start_date, offer.end_date) == (
        datetime.date(2027, 2, 1),
        datetime.date(2027, 6, 30),
    )
    assert (offer.seats, offer.waiting_list) == (12, True)


def test_a_list_with_bad_rows_is_refused_whole_with_every_problem_by_row(net: Network) -> None:
    rows = [
        ROWS[0],
        "X-2;Kurs ohne Ende;Qualifizierung;;VHS;;;;5;9;;;",
        "X-3;Kurs mit Zeitreise;Qualifizierung;;VHS;;;;-3;;;;",
        "X-4;Kurs;Tanzkurs;Unbekannter Träger;;;;;;;;;",
        "BSK-1;Doppelt;Qualifizierung;;VHS;;;;;;;;",
        ";;Qualifizierung;;VHS;;;;;;;;",
    ]
    problems = _problems(net, _csv(*rows))
    assert problems == [
        "Zeile 3, Spalte „plaetze_frei“: Es sind mehr Plätze frei, als das Angebot hat.",
        "Zeile 4, Spalte „plaetze“: Die Zahl der Plätze kann nicht unter null liegen.",
        "Zeile 5, Spalte „anbieter“: „Unbekannter Träger“ ist kein Partner des Netzwerks "
        "(Partner: Jobcenter Test (JC), Kreis Test (KR), Lernwerk Test (LW), Sozialwerk Test "
        "(SW)); nennen Sie ihn in „anbieter_extern“.",
        "Zeile 5, Spalte „art“: „Tanzkurs“ ist hier nicht möglich; möglich sind: "
        "Integrationskurs, Berufssprachkurs, Anderer Sprachkurs, Qualifizierung, "
        "Berufsvorbereitung, Beratung, Schulkurs, Praktikumsprogramm, Sonstiges.",
        "Zeile 5, Spalte „anbieter“: Wählen Sie den Anbieter unter den Partnern des Netzwerks aus "
        "oder nennen Sie einen "
        "Anbieter außerhalb des Netzwerks – eines von beiden ist nötig.",
        "Zeile 6, Spalte „schluessel“: Der Schlüssel steht auch in Zeile 2.",
        "Zeile 7, Spalte „titel“: Dieses Feld ist ein Pflichtfeld.",
    ]
    assert not Offer.objects.exists()


def test_end_before_start_is_reported_for_its_row(net: Network) -> None:
    header = "titel;art;anbieter_extern;beginn;ende"
    problems = _problems(net, _csv("Kurs;Qualifizierung;VHS;01.03.2027;01.02.2027", header=header))
    assert problems == ["Zeile 2, Spalte „ende“: Das Angebot kann nicht enden, bevor es beginnt."]


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "leer.csv", "Die Datei ist leer."),
        (
            _csv(header="titel;art"),
            "nur-kopf.csv",
            "Die Datei enthält unter der Kopfzeile keine Angebote.",
        ),
        (
            _csv("Kurs;Qualifizierung;rot", header="titel;art;farbe"),
            "a.csv",
            "Unbekannte Spalte „farbe“.",
        ),
        (_csv("Kurs", header="titel"), "a.csv", "Die Spalte „art“ fehlt."),
        (_csv("a;b;c", header="titel;art;titel"), "a.csv", "Die Spalte „titel“ kommt zweimal vor."),
        (
            b"PK\x03\x04 kaputt",
            "liste.xlsx",
            "Die Datei lässt sich nicht als XLSX-Arbeitsmappe lesen.",
        ),
        (b"%PDF-1.7", "liste.pdf", "Laden Sie eine CSV- oder XLSX-Datei hoch."),
        (b"titel;art\x00\x00\x01", "binaer.csv", "Die Datei lässt sich nicht als CSV lesen."),
    ],
)
def test_a_malformed_file_is_refused_with_a_reason(
    net: Network, content: bytes, filename: str, message: str
) -> None:
    assert _problems(net, content, filename) == [message]
    assert not Offer.objects.exists()


def test_a_list_in_windows_1252_with_commas_is_read(net: Network) -> None:
    content = "titel,art,anbieter_extern\r\nKurs für Mütter,Qualifizierung,VHS Süd\r\n".encode(
        "cp1252"
    )
    assert _import(net, content).created == 1
    assert Offer.objects.get().title == "Kurs für Mütter"


def test_the_coordinator_uploads_a_list(net: Network) -> None:
    client = client_for(net.coordinator)
    client.cookies["django_language"] = "de"
    page = client.get("/offers/import/").content.decode()
    assert "schluessel" in page
    upload = SimpleUploadedFile("angebote.csv", _csv(*ROWS), content_type="text/csv")
    response = client.post("/offers/import/", {"file": upload, "submission_key": str(uuid.uuid4())})
    assert response.status_code == 302
    assert Offer.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Importiert: 2 neu, 0 aktualisiert." in page


def test_a_refused_upload_lists_the_problems_and_saves_nothing(net: Network) -> None:
    berufssprachkurs(net)
    client = client_for(net.coordinator)
    client.cookies["django_language"] = "de"
    upload = SimpleUploadedFile("angebote.csv", _csv(ROWS[0], "X;;Qualifizierung;;VHS;;;;;;;;"))
    response = client.post("/offers/import/", {"file": upload, "submission_key": str(uuid.uuid4())})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Es wurde nichts importiert" in page
    assert "Zeile 3, Spalte „titel“: Dieses Feld ist ein Pflichtfeld." in page
    assert Offer.objects.count() == 1


def test_only_the_coordinator_imports(net: Network) -> None:
    for user in (net.counsellor, net.third_counsellor, net.team_lead):
        assert client_for(user).get("/offers/import/").status_code == 403


def test_the_command_imports_a_file_and_refuses_a_bad_one(net: Network, tmp_path: Path) -> None:
    good = tmp_path / "angebote.csv"
    good.write_bytes(_csv(*ROWS))
    out = io.StringIO()
    call_command("offers", "import", str(good), "--user", "koordination", stdout=out)
    assert "2 new, 0 updated" in out.getvalue()

    bad = tmp_path / "kaputt.csv"
    bad.write_bytes(_csv("Y;Kurs;Qualifizierung;;VHS;;;;-1;;;;"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("offers", "import", str(bad), "--user", "koordination", stderr=err)
    assert "Zeile 2, Spalte „plaetze“" in err.getvalue()
    with pytest.raises(CommandError, match="no network coordinator"):
        call_command("offers", "import", str(good), "--user", "berater")
    assert Offer.objects.count() == 2


def test_a_partner_is_found_by_its_short_name_or_its_name_without_legal_form(
    net: Network,
) -> None:
    net.third.name = "Lernwerk Test gGmbH"
    net.third.save()
    header = "titel;art;anbieter"
    result = _import(
        net,
        _csv(
            "Kurs A;Qualifizierung;LW",
            "Kurs B;Qualifizierung;lernwerk test",
            "Kurs C;Qualifizierung;Lernwerk Test gGmbH",
            "Kurs D;Qualifizierung;Lernwerk Test GmbH",
            header=header,
        ),
    )
    assert result.created == 4
    assert set(Offer.objects.values_list("provider", flat=True)) == {net.third.pk}


def test_a_row_with_the_same_title_and_provider_is_reported_by_row(net: Network) -> None:
    header = "titel;art;anbieter;anbieter_extern"
    problems = _problems(
        net,
        _csv(
            "Bewerbungstraining;Berufsvorbereitung;LW;",
            "Bewerbungstraining;Berufsvorbereitung;;VHS Beispielstadt",
            "bewerbungstraining ;Berufsvorbereitung;Lernwerk Test;",
            "Bewerbungstraining;Beratung;;vhs  Beispielstadt",
            header=header,
        ),
    )
    assert problems == [
        "Zeile 4, Spalte „titel“: Dasselbe Angebot (Titel und Anbieter) steht auch in Zeile 2.",
        "Zeile 5, Spalte „titel“: Dasselbe Angebot (Titel und Anbieter) steht auch in Zeile 3.",
    ]
    assert not Offer.objects.exists()


def test_a_wrong_mode_funding_or_status_names_the_accepted_values_in_german(
    net: Network,
) -> None:
    header = "titel;art;anbieter_extern;form;kosten;status"
    problems = _problems(net, _csv("Kurs;Qualifizierung;VHS;Fernkurs;teuer;offen", header=header))
    assert problems == [
        "Zeile 2, Spalte „status“: „offen“ ist hier nicht möglich; möglich sind: Aktiv, "
        "Pausiert, Beendet.",
        "Zeile 2, Spalte „form“: „Fernkurs“ ist hier nicht möglich; möglich sind: Vor Ort, "
        "Online, Hybrid.",
        "Zeile 2, Spalte „kosten“: „teuer“ ist hier nicht möglich; möglich sind: Kostenlos, "
        "Bildungsgutschein (AZAV), Sonstige.",
    ]
