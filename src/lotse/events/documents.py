"""The event's documents as PDF (WeasyPrint, through the profiles' local-only renderer): the
list to tick at a session, and the certificate of attendance in German and the participant's
language (right-to-left for Arabic and Dari/Farsi). The certificate's sentences are in its
template, translated with the context "participant certificate"."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import pgettext_lazy

from lotse.events.enums import EventKind
from lotse.events.models import CountedGroup, Event, Registration, Session
from lotse.participants.models import Participant
from lotse.profiles.documents.pdf import render_pdf
from lotse.profiles.participant_texts import LANGUAGES, direction
from lotse.profiles.presentation import default_language

__all__ = [
    "LANGUAGES",
    "attendance_sheet_pdf",
    "certificate_language",
    "certificate_pdf",
    "default_language",
]


def certificate_language(participant: Participant) -> str:
    """The second language of the certificate: none for a German speaker ("de": German
    only), else the participant's (Dari reads Farsi), English for a language without a
    translation of the certificate."""
    if participant.preferred_language == "de":
        return "de"
    return default_language(participant)


def language_name(language: str) -> str:
    return str(translation.get_language_info(language)["name_translated"])


# The kind of event as the participant reads it on the certificate.
KIND_TEXTS = {
    EventKind.MULTIPLIER_TRAINING: pgettext_lazy("participant certificate", "Training"),
    EventKind.SCHOOL_INFORMATION: pgettext_lazy("participant certificate", "Information event"),
    EventKind.SCHOOL_COURSE: pgettext_lazy("participant certificate", "School course"),
    EventKind.APPLICATION_TRAINING: pgettext_lazy(
        "participant certificate", "Application training"
    ),
    EventKind.JOB_FAIR: pgettext_lazy("participant certificate", "Job fair"),
    EventKind.NETWORK_MEETING: pgettext_lazy("participant certificate", "Meeting"),
    EventKind.OTHER: pgettext_lazy("participant certificate", "Event"),
}


def _day(value: datetime.date) -> str:
    return value.strftime("%d.%m.%Y")


def _organisers(event: Event) -> str:
    return ", ".join(o.name for o in event.organisers.all())


def attendance_sheet_pdf(
    event: Event,
    session: Session,
    registrations: list[Registration],
    groups: list[CountedGroup],
    hidden: int,
) -> bytes:
    """German, the language of the organisers' staff who tick it."""
    with translation.override("de"):
        html = render_to_string(
            "events/documents/attendance_sheet.html",
            {
                "event": event,
                "session": session,
                "date": _day(session.date),
                "organisers": _organisers(event),
                "registrations": registrations,
                "groups": groups,
                "hidden": hidden,
            },
        )
    return render_pdf(html)


@dataclass(frozen=True)
class Part:
    lang: str
    dir: str
    kind: str


def certificate_context(
    event: Event,
    participant: Participant,
    attended: list[Session],
    *,
    language: str,
    today: datetime.date,
) -> dict[str, Any]:
    parts = []
    for lang in ("de", language) if language != "de" else ("de",):
        with translation.override(lang):
            kind = str(KIND_TEXTS[EventKind(event.kind)])
        parts.append(Part(lang=lang, dir=direction(lang), kind=kind))
    hours = (
        sum(
            (
                datetime.datetime.combine(s.date, s.ends_at)
                - datetime.datetime.combine(s.date, s.starts_at)
            ).total_seconds()
            for s in attended
        )
        / 3600
    )
    return {
        "participant_name": f"{participant.first_names} {participant.last_name}",
        "birth_date": _day(participant.birth_date) if participant.birth_date else "",
        "event": event,
        "organisers": _organisers(event),
        "place": event.place,
        "sessions": [(_day(s.date), f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M}") for s in attended],
        "session_count": len(attended),
        "hours": f"{hours:g}",
        "date": _day(today),
        "parts": parts,
    }


def certificate_pdf(
    event: Event,
    participant: Participant,
    attended: list[Session],
    *,
    language: str,
    today: datetime.date,
) -> bytes:
    context = certificate_context(event, participant, attended, language=language, today=today)
    return render_pdf(render_to_string("events/documents/certificate.html", context))
