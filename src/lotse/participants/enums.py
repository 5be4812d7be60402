import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    UNKNOWN = "unknown", pgettext_lazy("gender", "not stated")


class BirthDatePrecision(models.TextChoices):
    DAY = "day", _("exact date")
    YEAR = "year", _("year only")
    UNKNOWN = "unknown", pgettext_lazy("birth date", "unknown")


class ParticipantStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    ENROLLED = "enrolled", _("enrolled")
    EXITED = "exited", _("exited")


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task", "open")
    # Kept from the career plan's steps, whose agreement with the participant prints it.
    IN_PROGRESS = "in_progress", pgettext_lazy("task", "in progress")
    DONE = "done", pgettext_lazy("task", "done")
    CANCELLED = "cancelled", pgettext_lazy("task", "cancelled")


OPEN_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class ExitOutcome(models.TextChoices):
    EMPLOYMENT = "employment", _("employment")
    VOCATIONAL_TRAINING = "vocational_training", _("vocational training")
    SCHOOL = "school", _("school")
    QUALIFICATION = "qualification", _("qualification or course")
    JOB_SEARCHING = "job_searching", _("job searching")
    OTHER = "other", pgettext_lazy("exit outcome", "other")
    DROPPED_OUT = "dropped_out", _("dropped out")
    UNKNOWN = "unknown", pgettext_lazy("exit outcome", "unknown")


class DocumentType(models.TextChoices):
    ANKUNFTSNACHWEIS = "ankunftsnachweis", "Ankunftsnachweis"
    GESTATTUNG = "gestattung", "Aufenthaltsgestattung (§ 55 AsylG)"
    DULDUNG = "duldung", "Duldung (§ 60a AufenthG)"
    DULDUNG_60B = "duldung_60b", "Duldung für Personen mit ungeklärter Identität (§ 60b AufenthG)"
    AUSBILDUNGSDULDUNG = "ausbildungsduldung", "Ausbildungsduldung (§ 60c AufenthG)"
    BESCHAEFTIGUNGSDULDUNG = "beschaeftigungsduldung", "Beschäftigungsduldung (§ 60d AufenthG)"
    RESIDENCE_PERMIT = "residence_permit", "Aufenthaltserlaubnis"
    FICTIONAL_CERTIFICATE = "fictional_certificate", "Fiktionsbescheinigung (§ 81 AufenthG)"
    SETTLEMENT_PERMIT = "settlement_permit", "Niederlassungserlaubnis"


# The document names are German in every language (legal terms), so they can be read once.
_DOCUMENT_LABELS = {code: str(label) for code, label in DocumentType.choices}


# "§ 60a", "§§ 60a", or a bare "60a" at the start: the paragraph a typed section names.
_PARAGRAPH = re.compile(r"^\s*(?:§+\s*)?(\d+[a-z]?)\b|§+\s*(\d+[a-z]?)\b", re.IGNORECASE)
# The paragraph a document's name holds, at its end: "Duldung (§ 60a AufenthG)".
_NAMED_SECTION = re.compile(r"\((§[^)]*)\)$")


def _paragraph(text: str) -> str:
    match = _PARAGRAPH.search(text)
    return (match.group(1) or match.group(2)).casefold() if match else ""


def _squeezed(text: str) -> str:
    return text.replace(" ", "").casefold()


def document_title(document_type: str, section: str) -> str:
    """The document's name with its legal basis, said once: "Aufenthaltserlaubnis § 25 Abs. 2",
    "Aufenthaltsgestattung (§ 55 AsylG)" where the name already holds the section typed, and
    "Duldung (§ 60a Abs. 2 AufenthG)" where the section typed narrows the one in the name."""
    label = _DOCUMENT_LABELS.get(document_type, document_type)
    section = " ".join(section.split())
    if not section or _squeezed(section) in _squeezed(label):
        return label
    named = _NAMED_SECTION.search(label)
    if named and _paragraph(section) and _paragraph(section) == _paragraph(named.group(1)):
        law = named.group(1).split()[-1]
        if not section.startswith("§"):
            section = f"§ {section}"
        if law.casefold() not in section.casefold():
            section = f"{section} {law}"
        return f"{label[: named.start()]}({section})"
    return f"{label} {section}"


class ContactForm(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("phone")
    VIDEO = "video", _("video")
    OUTREACH = "outreach", _("outreach")


class Topic(models.TextChoices):
    RESIDENCE_LAW = "residence_law", _("residence law")
    LANGUAGE = "language", _("language")
    SCHOOL = "school", _("school")
    RECOGNITION = "recognition", _("recognition of qualifications")
    CAREER_ORIENTATION = "career_orientation", _("career orientation")
    APPLICATION = "application", _("application")
    TRAINING = "training", _("vocational training")
    EMPLOYMENT = "employment", _("employment")
    SOCIAL = "social", _("social matters")
    HOUSING = "housing", _("housing")
    HEALTH = "health", _("health")
    OTHER = "other", pgettext_lazy("topic", "other")


class ConsentForm(models.TextChoices):
    SIGNED_PAPER = "signed_paper", _("signed on paper")
    VERBAL_WITH_WITNESS = "verbal_with_witness", _("verbal, with witness")


class ConsentPurpose(models.TextChoices):
    CASE_SHARING = "case_sharing", _("sharing the case with partner organisations")
    REFERRAL = "referral", _("referral to an offer")
    EMPLOYER_CONTACT = "employer_contact", _("contact with employers")
    REPORTING = "reporting", _("funder reporting")
