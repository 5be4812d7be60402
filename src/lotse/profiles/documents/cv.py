"""The German tabular CV (Lebenslauf), as PDF (WeasyPrint) and as DOCX (python-docx).

`cv_content` turns the profile into plain rows once; both formats lay out the same rows, so
what the counsellor ticked is exactly what either file contains. The document is German
whatever the interface language (employers in Germany read it): its texts come from the German
catalogue (context "CV", and the participant's labels where they fit), country and language
names from the ISO data in German.
"""

import base64
import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy
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
from lotse.profiles.enums import CefrLevel, CourseStatus, Evidence, RecognitionStatus
from lotse.profiles.participant_texts import texts
from lotse.profiles.selectors import Profile

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
SECTION_TITLES = {
    "personal": pgettext_lazy("CV", "Personal details"),
    "work": pgettext_lazy("CV", "Work experience"),
    "education": pgettext_lazy("CV", "School and vocational education"),
    "recognition": pgettext_lazy("CV", "Recognition of foreign qualifications"),
    "languages": pgettext_lazy("CV", "Language skills"),
    "skills": pgettext_lazy("CV", "Skills"),
    "driving_licence": pgettext_lazy("CV", "Driving licence"),
}
SECTION_HEADS = {
    "work": (pgettext_lazy("CV", "Period"), pgettext_lazy("CV", "Activity")),
    "education": (pgettext_lazy("CV", "Period"), pgettext_lazy("CV", "School / training")),
    "languages": (pgettext_lazy("CV", "Language"), pgettext_lazy("CV", "Level (CEFR)")),
}
LANGUAGE_PARTS = {
    "listening": pgettext_lazy("CV", "listening %(level)s"),
    "reading": pgettext_lazy("CV", "reading %(level)s"),
    "speaking": pgettext_lazy("CV", "speaking %(level)s"),
    "writing": pgettext_lazy("CV", "writing %(level)s"),
}
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
        return _since(_month(start))
    return f"{_month(start)} – {_month(end)}"


def _since(start: object) -> str:
    return pgettext("CV", "since %(start)s") % {"start": start}


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
        birth = (pgettext("CV", "Date of birth"), _day(participant.birth_date))
    elif participant.birth_year:
        birth = (pgettext("CV", "Year of birth"), str(participant.birth_year))
    else:
        birth = (pgettext("CV", "Date of birth"), "")
    rows = [
        (pgettext("CV", "Name"), f"{participant.first_names} {participant.last_name}"),
        (pgettext("CV", "Address"), address),
        (pgettext("CV", "Phone"), participant.phone),
        (pgettext("CV", "Email"), participant.email),
        birth,
        (
            pgettext("CV", "Nationality"),
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
            details.append(pgettext("CV", "(acquired informally)"))
        rows.append(Row(_months(job.started_on, job.ended_on), job.label, tuple(details)))
    return tuple(rows)


def _education(profile: Profile, de: dict[str, str]) -> tuple[Row, ...]:
    rows = []
    for stage in sorted(profile.education, key=lambda s: (s.from_year, s.pk or 0), reverse=True):
        when = f"{stage.from_year} – {stage.to_year}" if stage.to_year else _since(stage.from_year)
        level = de[f"isced.{stage.isced_level}"]
        details = [f"{level}, {reference.country_name(stage.country)}"]
        if stage.german_equivalent:
            details.append(
                pgettext("CV", "equivalent in Germany: %(equivalent)s")
                % {"equivalent": stage.german_equivalent}
            )
        if not stage.completed and stage.to_year:
            details.append(pgettext("CV", "(not completed)"))
        rows.append(Row(when, stage.certificate or level, tuple(details)))
    return tuple(rows)


def _recognition(profile: Profile, de: dict[str, str]) -> tuple[Row, ...]:
    rows = []
    for procedure in profile.recognition:
        details = []
        if procedure.reference_label:
            details.append(
                pgettext("CV", "Reference occupation: %(occupation)s")
                % {"occupation": procedure.reference_label}
            )
        if procedure.status == RecognitionStatus.DECIDED and procedure.result:
            details.append(de[f"rec_result.{procedure.result}"])
            if procedure.adaptation_measures:
                details.append(
                    pgettext("CV", "Adaptation measures: %(measures)s")
                    % {"measures": procedure.adaptation_measures}
                )
        else:
            details.append(de[f"rec_status.{procedure.status}"])
        when = _month(procedure.decided_on or procedure.applied_on)
        rows.append(Row(when, procedure.qualification, tuple(details)))
    return tuple(rows)


def _languages(profile: Profile, de: dict[str, str]) -> tuple[Row, ...]:
    skills = sorted(profile.languages, key=lambda s: (LEVEL_ORDER.get(s.level, 99), s.pk or 0))
    rows = []
    for skill in skills:
        level = de["cefr.native"] if skill.level == CefrLevel.NATIVE else skill.level
        parts = [
            text % {"level": getattr(skill, name)}
            for name, text in LANGUAGE_PARTS.items()
            if getattr(skill, name)
        ]
        details = [", ".join(parts)] if parts else []
        for certificate in profile.certificates:
            if certificate.language == skill.language:
                kind = certificate.name or (
                    de["cert.other"]
                    if certificate.kind == "other"
                    else certificate.get_kind_display()
                )
                details.append(f"{kind} {certificate.level} ({_month(certificate.issued_on)})")
        if skill.language == "de":
            for course in profile.courses:
                if course.status in (CourseStatus.COMPLETED, CourseStatus.ATTENDING):
                    course_text = (
                        f"{de[f'course.{course.kind}']}, {de[f'course_status.{course.status}']}"
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
        pgettext("CV", "%(skill)s (certified)") % {"skill": s.label}
        if s.evidence == Evidence.CERTIFIED
        else s.label
        for s in profile.skills
    ]
    return (Row(pgettext("CV", "Professional skills"), ", ".join(labels)),)


def _driving_licence(profile: Profile) -> tuple[Row, ...]:
    classes = profile.resources.driving_licences if profile.resources else []
    return (Row(pgettext("CV", "Classes"), ", ".join(classes)),) if classes else ()


def cv_content(
    participant: Participant,
    profile: Profile,
    *,
    sections: list[str] | tuple[str, ...],
    today: datetime.date,
    photo: Photo | None = None,
) -> CvContent:
    """The CV's rows in German. Sections without entries are left out of the document."""
    de = texts("de")
    builders = {
        "personal": lambda: _personal(participant),
        "work": lambda: _work(profile),
        "education": lambda: _education(profile, de),
        "recognition": lambda: _recognition(profile, de),
        "languages": lambda: _languages(profile, de),
        "skills": lambda: _skills(profile),
        "driving_licence": lambda: _driving_licence(profile),
    }
    with translation.override("de"):
        built = [
            Section(key, str(SECTION_TITLES[key]), builders[key](), _head(key))
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


def _head(key: str) -> tuple[str, str] | None:
    head = SECTION_HEADS.get(key)
    return (str(head[0]), str(head[1])) if head else None


def cv_pdf(content: CvContent) -> bytes:
    html = render_to_string("profiles/documents/cv.html", {"cv": content})
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
    with translation.override("de"):
        return _docx(content)


def _docx(content: CvContent) -> bytes:
    document = Document()
    _set_font(document)
    for page in document.sections:
        page.page_height, page.page_width = Mm(297), Mm(210)
        page.left_margin, page.right_margin = Mm(22), Mm(18)
    document.add_heading(pgettext("CV", "Curriculum vitae"), level=0)
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
    document.add_paragraph(pgettext("CV", "Place, date, signature"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
