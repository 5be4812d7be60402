"""The CV (Lebenslauf): what is in the PDF and the DOCX, who may make it, the photo."""

import io
import json
import re
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from lotse.audit.models import AuditEvent
from lotse.profiles.documents.cv import SECTIONS
from lotse.profiles.documents.pdf import LocalOnlyFetcher
from tests.conftest import Network, client_for, share_with_consent
from tests.profiles.documents.helpers import (
    docx_cells,
    docx_text,
    full_profile,
    pdf_images,
    pdf_text,
)
from tests.profiles.helpers import SECRET_HEALTH


def _url(net: Network) -> str:
    return reverse("profile_documents:cv", args=[net.participant.pk])


def _post(net: Network, user: Any = None, **data: Any) -> Any:
    fields = {"sections": list(SECTIONS), "format": "pdf", **data}
    return client_for(user or net.counsellor).post(
        _url(net), fields, headers={"accept-language": "de"}
    )


PHOTO_REFUSED = "Das Foto muss ein JPEG- oder PNG-Bild sein."


def _image(kind: str = "PNG", size: tuple[int, int] = (300, 400)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 120, 90)).save(buffer, format=kind)
    mime = "image/png" if kind == "PNG" else "image/jpeg"
    return SimpleUploadedFile(f"foto.{kind.lower()}", buffer.getvalue(), content_type=mime)


def test_cv_form_offers_every_section_ticked(net: Network) -> None:
    response = client_for(net.counsellor).get(_url(net))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    for key in SECTIONS:
        assert re.search(rf'name="sections" value="{key}" id="[^"]+" checked', html)
    assert html.count('name="sections"') == len(SECTIONS)
    assert 'name="photo"' in html
    assert "Al-Masri" in html


def test_cv_pdf_is_a_german_tabular_cv(net: Network) -> None:
    full_profile(net)
    response = _post(net)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="Lebenslauf_SW-')
    text = pdf_text(response.content)
    for heading in (
        "Lebenslauf",
        "Persönliche Daten",
        "Berufserfahrung",
        "Zeitraum",
        "Tätigkeit",
        "Schulbildung",
        "Sprachkenntnisse",
        "Niveau (GER)",
        "Kenntnisse",
        "Führerschein",
        "Anerkennung ausländischer Abschlüsse",
        "Ort, Datum",
    ):
        assert heading in text
    for fact in (
        "Mohammad Al-Masri",
        "01.04.1999",  # date of birth
        "Syrien",  # nationality and country, in German
        "m.almasri@mail.example",
        "03/2015 – 06/2019",
        "Altenpflegehelfer",
        "Pflegeheim Damaskus",
        "08/2011 – 12/2014",
        "informell erworben",
        "2005 – 2011",
        "Abitur (Baccalaureate)",
        "Fachhochschulreife",
        "Deutsch B1",
        "Hören B2",
        "telc B1 (03/2024)",
        "Integrationskurs, abgeschlossen (12/2023)",
        "Arabisch Muttersprache",
        "Erste Hilfe (zertifiziert)",
        "Gabelstapler fahren",
        "Diplom Krankenpflege",
        "Pflegefachmann",
        "beantragt",
        "Klassen B, C1",
    ):
        assert fact in text, fact
    # Newest job first, as German CVs are read.
    assert text.index("Altenpflegehelfer") < text.index("Verkäufer im Familienbetrieb")


def test_cv_docx_has_the_same_rows_in_tables(net: Network) -> None:
    full_profile(net)
    response = _post(net, format="docx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    cells = docx_cells(response.content)
    assert ["Name", "Mohammad Al-Masri"] in cells
    assert ["Geburtsdatum", "01.04.1999"] in cells
    assert ["Zeitraum", "Tätigkeit"] in cells
    job = next(row for row in cells if row[0] == "03/2015 – 06/2019")
    assert job[1].startswith("Altenpflegehelfer\nPflegeheim Damaskus, Syrien")
    assert [
        "2005 – 2011",
        "Abitur (Baccalaureate)\nSekundarstufe II, Syrien\n"
        "entspricht in Deutschland: Fachhochschulreife",
    ] in cells
    assert ["Klassen", "B, C1"] in cells
    text = docx_text(response.content)
    for heading in ("Lebenslauf", "Persönliche Daten", "Berufserfahrung", "Sprachkenntnisse"):
        assert heading in text


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_cv_never_contains_health_restrictions(net: Network, kind: str) -> None:
    full_profile(net)
    response = _post(net, format=kind)
    text = pdf_text(response.content) if kind == "pdf" else docx_text(response.content)
    assert "Mohammad Al-Masri" in text
    assert SECRET_HEALTH not in text
    assert "Nicht schwer heben" not in text
    assert "Gesundheit" not in text.replace("Landesamt für Gesundheit", "")


def test_cv_contains_only_the_chosen_sections(net: Network) -> None:
    full_profile(net)
    response = _post(net, sections=["work", "languages"])
    text = pdf_text(response.content)
    assert "Berufserfahrung" in text
    assert "Sprachkenntnisse" in text
    assert "Mohammad Al-Masri" in text  # the name heads every CV
    for left_out in ("Persönliche Daten", "01.04.1999", "m.almasri", "Führerschein", "Abitur"):
        assert left_out not in text


def test_cv_without_a_section_is_refused(net: Network) -> None:
    response = _post(net, sections=[])
    assert response.status_code == 400
    message = "Bitte wählen Sie mindestens einen Teil des Lebenslaufs."
    assert response.context["form"].errors == {"sections": [message]}
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(action="profiles.cv.exported").exists()


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_cv_photo_goes_into_pdf_and_docx(net: Network, kind: str) -> None:
    full_profile(net)
    pdf = _post(net, photo=_image(kind))
    assert pdf.status_code == 200
    assert pdf_images(pdf.content) == 1
    word = _post(net, photo=_image(kind), format="docx")
    assert len(docx.Document(io.BytesIO(word.content)).inline_shapes) == 1
    event = AuditEvent.objects.filter(action="profiles.cv.exported").latest("pk")
    assert event.detail["photo"] is True


def test_cv_without_photo_has_no_image(net: Network) -> None:
    assert pdf_images(_post(net).content) == 0


def test_cv_photo_that_is_no_image_is_refused_clearly(net: Network) -> None:
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.7 not a picture", content_type="image/png")
    response = _post(net, photo=fake)
    assert response.status_code == 400
    assert response.context["form"].errors == {"photo": [PHOTO_REFUSED]}
    assert PHOTO_REFUSED in response.content.decode()
    assert not AuditEvent.objects.filter(action="profiles.cv.exported").exists()


def test_cv_photo_in_another_image_format_is_refused(net: Network) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40)).save(buffer, format="GIF")
    gif = SimpleUploadedFile("foto.gif", buffer.getvalue(), content_type="image/gif")
    response = _post(net, photo=gif)
    assert response.status_code == 400
    assert response.context["form"].errors == {"photo": [PHOTO_REFUSED]}
    assert PHOTO_REFUSED in response.content.decode()


def test_cv_photo_over_two_megabytes_is_refused(net: Network) -> None:
    buffer = io.BytesIO()
    # Noise does not compress: a PNG well over 2 MB.
    Image.frombytes("RGB", (1100, 1100), bytes(range(256)) * (1100 * 1100 * 3 // 256 + 1)).save(
        buffer, format="PNG", compress_level=0
    )
    assert buffer.tell() > 2 * 1024 * 1024
    big = SimpleUploadedFile("gross.png", buffer.getvalue(), content_type="image/png")
    response = _post(net, photo=big)
    assert response.status_code == 400
    assert "2 MB" in response.content.decode()


def test_cv_download_is_audited_without_personal_values(net: Network) -> None:
    full_profile(net)
    _post(net, sections=["personal", "work"], format="docx")
    event = AuditEvent.objects.get(action="profiles.cv.exported")
    assert event.participant_id == net.participant.pk
    assert event.actor == net.counsellor
    assert event.detail == {
        "access": "owner",
        "format": "docx",
        "sections": ["personal", "work"],
        "photo": False,
    }
    logged = json.dumps(event.detail, ensure_ascii=False)
    for value in ("Al-Masri", "Mohammad", "1999", "Altenpflegehelfer"):
        assert value not in logged


def test_cv_for_a_shared_case(net: Network) -> None:
    full_profile(net)
    share_with_consent(net)
    client = client_for(net.other_counsellor)
    assert client.get(_url(net)).status_code == 200
    response = _post(net, user=net.other_counsellor)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "Mohammad Al-Masri" in text
    assert SECRET_HEALTH not in text
    event = AuditEvent.objects.get(action="profiles.cv.exported")
    assert event.detail["access"] == "shared"


@pytest.mark.parametrize(
    "persona", ["other_counsellor", "volunteer", "coordinator", "data_protection"]
)
def test_cv_is_hidden_from_those_without_the_case(net: Network, persona: str) -> None:
    full_profile(net)
    share_with_consent(net, net.third)  # shared with a third organisation, not with these
    user = getattr(net, persona)
    client = client_for(user)
    assert client.get(_url(net)).status_code == 404
    response = _post(net, user=user)
    assert response.status_code == 404
    assert b"Al-Masri" not in response.content
    assert not AuditEvent.objects.filter(action="profiles.cv.exported").exists()


def test_cv_of_a_missing_participant_is_404(net: Network) -> None:
    url = reverse("profile_documents:cv", args=[net.participant.pk + 1000])
    assert client_for(net.counsellor).get(url).status_code == 404


def test_cv_needs_login(net: Network) -> None:
    response = Client().get(_url(net))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/static/x.css",
        "file:///etc/passwd",
        "ftp://example.org/x",
    ],
)
def test_documents_fetch_nothing_from_outside(url: str) -> None:
    with pytest.raises(ValueError, match=r"(network|own files|disallowed)"):
        LocalOnlyFetcher().fetch(url)
