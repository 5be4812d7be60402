"""The German tabular CV (Lebenslauf), as PDF (WeasyPrint) and as DOCX (python-docx).

`cv_content` turns the profile into plain rows once; both formats lay out the same rows, so
what the counsellor ticked is exactly what either file contains. The document is German
whatever the interface language (employers in Germany read it); its labels are in
`texts.CV`, country and language names come from the ISO data in German.
"""

import base64
import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from lotse.core import reference
from lotse.participants.enums import BirthDatePrecision
from lotse.participants.models import Participant
from lotse.profiles.documents.pdf import render_pdf
from lotse.profiles.documents.texts import CV
from lotse.profiles.enums import CefrLevel, CourseStatus, Evidence, RecognitionStatus
from lotse.profiles.participant_texts import TEXTS
from lotse.profiles.selectors import Profile

DE = TEXTS["de"]
FONT = "DejaVu Sans"
# The sections the counsellor can choose, in the order of the document.
SECTIONS = (
    "personal",
    "work",
    "education",
    "recognition",
    "languages",
    "skills",
    "driving_licence",
)
LEVEL_ORDER = {level: rank for rank, level in enumerate(reversed(CefrLevel.values))}


@dataclass(frozen=True)
class Photo:
    content: bytes
    mime_type: str

    @property
    def data_url(self) -> str:
        return f"data:{self.mime_type};base64,{base64.b64encode(self.content).decode()}"


@dataclass(frozen=True)
class Row:
    """One line of a section: the left column (a period, a label) and what happened."""

    when: str
    what: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple[Row, ...]
    head: tuple[str, str] | None = None  # column headings, e.g. Zeitraum | Tätigkeit


@dataclass(frozen=True)
class CvContent:
    name: str
    sections: tuple[Section, ...]
    place: str
    date: str
    photo: Photo | None = None
    included: tuple[str, ...] = field(default=())

    @property
    def personal(self) -> Section | None:
        return next((s for s in self.sections if s.key == "personal"), None)

    @property
    def others(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.key != "personal")


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _month(value: datetime.date | None) -> str:
    return value.strftime("%m/%Y") if value else ""


def _months(start: datetime.date, end: datetime.date | None) -> str:
    if end is None:
        return f"{CV['since']} {_month(start)}"
    return f"{_month(start)} – {_month(end)}"


def _personal(participant: Participant) -> tuple[Row, ...]:
    address = ", ".join(
        part
        for part in (
            participant.street,
            f"{participant.postcode} {participant.city}".strip(),
        )
        if part
    )
    if participant.birth_date and participant.birth_date_precision == BirthDatePrecision.DAY:
        birth = (CV["birth_date"], _day(participant.birth_date))
    elif participant.birth_year:
        birth = (CV["birth_year"], str(participant.birth_year))
    else:
        birth = (CV["birth_date"], "")
    rows = [
        (CV["name"], f"{participant.first_names} {participant.last_name}"),
        (CV["address"], address),
        (CV["phone"], participant.phone),
        (CV["email"], participant.email),
        birth,
        (
            CV["nationality"],
            reference.nationality_name(participant.nationality) if participant.nationality else "",
        ),
    ]
    return tuple(Row(label, value) for label, value in rows if value)


def _work(profile: Profile) -> tuple[Row, ...]:
    rows = []
    for job in profile.work:
        where = ", ".join(p for p in (job.employer, reference.country_name(job.country)) if p)
        details = [where]
        if job.tasks:
            details.append(job.tasks)
        if job.informal:
            details.append(f"({CV['informal']})")
        rows.append(Row(_months(job.started_on, job.ended_on), job.label, tuple(details)))
    return tuple(rows)


def _education(profile: Profile) -> tuple[Row, ...]:
    rows = []
    for stage in sorted(profile.education, key=lambda s: (s.from_year, s.pk or 0), reverse=True):
        if stage.to_year:
            when = f"{stage.from_year} – {stage.to_year}"
        else:
            when = f"{CV['since']} {stage.from_year}"
        level = DE[f"isced.{stage.isced_level}"]
        details = [f"{level}, {reference.country_name(stage.country)}"]
        if stage.german_equivalent:
            details.append(f"{CV['german_equivalent']}: {stage.german_equivalent}")
        if not stage.completed and stage.to_year:
            details.append(f"({CV['not_completed']})")
        rows.append(Row(when, stage.certificate or level, tuple(details)))
    return tuple(rows)


def _recognition(profile: Profile) -> tuple[Row, ...]:
    rows = []
    for procedure in profile.recognition:
        details = []
        if procedure.reference_label:
            details.append(f"{CV['reference_occupation']}: {procedure.reference_label}")
        if procedure.status == RecognitionStatus.DECIDED and procedure.result:
            details.append(DE[f"rec_result.{procedure.result}"])
            if procedure.adaptation_measures:
                details.append(f"{DE['measures']}: {procedure.adaptation_measures}")
        else:
            details.append(DE[f"rec_status.{procedure.status}"])
        when = _month(procedure.decided_on or procedure.applied_on)
        rows.append(Row(when, procedure.qualification, tuple(details)))
    return tuple(rows)


def _languages(profile: Profile) -> tuple[Row, ...]:
    skills = sorted(profile.languages, key=lambda s: (LEVEL_ORDER.get(s.level, 99), s.pk or 0))
    rows = []
    for skill in skills:
        level = DE["cefr.native"] if skill.level == CefrLevel.NATIVE else skill.level
        parts = [
            f"{DE[name]} {getattr(skill, name)}"
            for name in ("listening", "reading", "speaking", "writing")
            if getattr(skill, name)
        ]
        details = [", ".join(parts)] if parts else []
        for certificate in profile.certificates:
            if certificate.language == skill.language:
                kind = certificate.name or (
                    DE["cert.other"]
                    if certificate.kind == "other"
                    else certificate.get_kind_display()
                )
                details.append(f"{kind} {certificate.level} ({_month(certificate.issued_on)})")
        if skill.language == "de":
            for course in profile.courses:
                if course.status in (CourseStatus.COMPLETED, CourseStatus.ATTENDING):
                    course_text = (
                        f"{DE[f'course.{course.kind}']}, {DE[f'course_status.{course.status}']}"
                    )
                    if course.ended_on:
                        course_text += f" ({_month(course.ended_on)})"
                    details.append(course_text)
        rows.append(Row(reference.language_name(skill.language), level, tuple(details)))
    return tuple(rows)


def _skills(profile: Profile) -> tuple[Row, ...]:
    if not profile.skills:
        return ()
    labels = [
        f"{s.label} ({DE['evidence.certified']})" if s.evidence == Evidence.CERTIFIED else s.label
        for s in profile.skills
    ]
    return (Row(CV["skills_row"], ", ".join(labels)),)


def _driving_licence(profile: Profile) -> tuple[Row, ...]:
    classes = profile.resources.driving_licences if profile.resources else []
    return (Row(CV["classes"], ", ".join(classes)),) if classes else ()


def cv_content(
    participant: Participant,
    profile: Profile,
    *,
    sections: list[str] | tuple[str, ...],
    today: datetime.date,
    photo: Photo | None = None,
) -> CvContent:
    """The CV's rows in German. Sections without entries are left out of the document."""
    builders = {
        "personal": lambda: _personal(participant),
        "work": lambda: _work(profile),
        "education": lambda: _education(profile),
        "recognition": lambda: _recognition(profile),
        "languages": lambda: _languages(profile),
        "skills": lambda: _skills(profile),
        "driving_licence": lambda: _driving_licence(profile),
    }
    heads = {
        "work": (CV["period"], CV["activity"]),
        "education": (CV["period"], CV["stage"]),
        "languages": (CV["language"], CV["level"]),
    }
    with translation.override("de"):
        built = [
            Section(key, CV[key], builders[key](), heads.get(key))
            for key in SECTIONS
            if key in sections
        ]
    return CvContent(
        name=f"{participant.first_names} {participant.last_name}",
        sections=tuple(s for s in built if s.rows),
        place=participant.city,
        date=_day(today),
        photo=photo,
        included=tuple(key for key in SECTIONS if key in sections),
    )


def cv_pdf(content: CvContent) -> bytes:
    html = render_to_string("profiles/documents/cv.html", {"cv": content, "t": CV})
    return render_pdf(html)


def _set_font(document: DocxDocument) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    fonts = style.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _bold(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.bold = True


def _section_table(document: DocxDocument, section: Section) -> Table:
    table: Table = document.add_table(rows=0, cols=2)
    table.autofit = False
    if section.head:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]
        for cell, text in zip(cells, section.head, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(8)
    for row in section.rows:
        left, right = table.add_row().cells  # type: ignore[no-untyped-call]
        left.text = row.when
        if section.key == "personal":
            right.text = row.what
        else:
            _bold(right.paragraphs[0], row.what)
        for detail in row.details:
            right.add_paragraph(detail)
    for row in table.rows:
        row.cells[0].width = Mm(40)
        row.cells[1].width = Mm(130)
    return table


def cv_docx(content: CvContent) -> bytes:
    document = Document()
    _set_font(document)
    for page in document.sections:
        page.page_height, page.page_width = Mm(297), Mm(210)
        page.left_margin, page.right_margin = Mm(22), Mm(18)
    document.add_heading(CV["title"], level=0)
    name = document.add_paragraph()
    _bold(name, content.name)
    if content.photo is not None:
        picture = document.add_paragraph()
        picture.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        picture.add_run().add_picture(io.BytesIO(content.photo.content), width=Mm(35))
    for section in content.sections:
        document.add_heading(section.title, level=1)
        _section_table(document, section)
    document.add_paragraph()
    place_date = ", ".join(p for p in (content.place, content.date) if p)
    document.add_paragraph(place_date)
    document.add_paragraph("_" * 40)
    document.add_paragraph(f"{CV['place_date']}, {CV['signature']}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
