"""A full profile to print, and readers that open the produced files like a user's tools."""

import datetime
import io
import re
import unicodedata
from typing import Any

import docx
import pypdf

from lotse.profiles import services
from tests.conftest import Network
from tests.profiles.helpers import goal, health, language, step, work


def full_profile(net: Network) -> dict[str, Any]:
    """Every part of the profile filled in, a health restriction included."""
    actor, participant = net.counsellor, net.participant
    language(net, "ar", "native")
    services.language_skill_save(
        actor=actor,
        participant=participant,
        data={"language": "de", "level": "B1", "listening": "B2", "writing": "A2"},
    )
    services.language_certificate_save(
        actor=actor,
        participant=participant,
        data={
            "language": "de",
            "kind": "telc",
            "level": "B1",
            "issued_on": datetime.date(2024, 3, 15),
        },
    )
    services.language_course_save(
        actor=actor,
        participant=participant,
        data={
            "kind": "integration",
            "status": "completed",
            "target_level": "B1",
            "started_on": datetime.date(2023, 1, 9),
            "ended_on": datetime.date(2023, 12, 20),
        },
    )
    services.education_stage_save(
        actor=actor,
        participant=participant,
        data={
            "country": "SY",
            "from_year": 2005,
            "to_year": 2011,
            "isced_level": 3,
            "certificate": "Abitur (Baccalaureate)",
            "german_equivalent": "Fachhochschulreife",
        },
    )
    work(net, "Altenpflegehelfer", employer="Pflegeheim Damaskus")
    work(
        net,
        "Verkäufer im Familienbetrieb",
        kldb_code="62102",
        isco_code="5223",
        started_on=datetime.date(2011, 8, 1),
        ended_on=datetime.date(2014, 12, 1),
        informal=True,
        tasks="Kasse, Lager",
    )
    services.skill_save(
        actor=actor,
        participant=participant,
        data={"label": "Erste Hilfe", "evidence": "certified"},
    )
    services.skill_save(
        actor=actor,
        participant=participant,
        data={"label": "Gabelstapler fahren", "evidence": "observed"},
    )
    services.recognition_save(
        actor=actor,
        participant=participant,
        data={
            "qualification": "Diplom Krankenpflege",
            "authority": "Landesamt für Gesundheit",
            "reference_label": "Pflegefachmann",
            "status": "applied",
            "applied_on": datetime.date(2024, 5, 2),
        },
    )
    services.resources_save(
        actor=actor,
        participant=participant,
        data={"driving_licences": ["B", "C1"], "mobility": ["car"]},
    )
    health(net)
    the_goal = goal(net)
    step(net, the_goal, datetime.date(2026, 9, 30), description="Zeugnisse übersetzen lassen")
    step(
        net,
        the_goal,
        datetime.date(2026, 10, 15),
        description="Termin bei der Berufsberatung",
        organisation=net.other,
        assignee_name="Frau Yilmaz",
    )
    step(
        net,
        the_goal,
        datetime.date(2026, 8, 1),
        description="Gestrichener Schritt",
        status="cancelled",
    )
    return {"goal": the_goal}


def _plain(text: str) -> str:
    """NFKC (Arabic presentation forms → letters), no format characters such as the
    zero-width non-joiner of Farsi, and single spaces where the layout broke lines."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(content))
    return _plain("\n".join(page.extract_text() for page in reader.pages))


def pdf_images(content: bytes) -> int:
    """Distinct pictures (pages may share one resource dictionary that lists it)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return len({image.data for page in reader.pages for image in page.images})


def in_text(needle: str, text: str) -> bool:
    """The needle in logical order, or as extractors give right-to-left text in visual order
    (characters reversed, or words in reverse order)."""
    needle = _plain(needle)
    words = needle.split(" ")
    candidates = {needle, needle[::-1], " ".join(reversed(words))}
    return any(candidate in text for candidate in candidates)


def docx_cells(content: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(content))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [" ".join(row) for row in docx_cells(content)]
    return "\n".join(paragraphs + cells)
