"""What the participant reads about an appointment (reminder, card, .ics), in their language.

The texts are the kernel's catalogues with contexts "participant …", translated into de, en,
ar, fa and uk; any other preferred language falls back to German."""

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import pgettext

from lotse.appointments.enums import PARTICIPANT_KIND, Place
from lotse.appointments.models import Appointment

PARTICIPANT_LANGUAGES = ("de", "en", "ar", "fa", "uk")
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
# Dari is written like Farsi; the catalogue is the same.
ALIASES = {"prs": "fa", "pes": "fa"}


def participant_language(code: str) -> str:
    code = ALIASES.get(code, code)
    return code if code in PARTICIPANT_LANGUAGES else "de"


@dataclass(frozen=True)
class AppointmentText:
    language: str
    direction: str
    title: str  # "Appointment card"
    kind: str
    when_label: str
    when: str
    where_label: str
    where: str
    with_label: str
    counsellor: str
    interpreter: str  # "An interpreter will be there (Arabic)." or ""
    please: str  # "Please come on time. If you cannot come, call us."
    subject: str
    greeting: str
    reminder: str


def _where(appointment: Appointment) -> str:
    if appointment.place == Place.SITE and appointment.site is not None:
        s = appointment.site
        return f"{s.name}, {s.street}, {s.postcode} {s.city}"
    if appointment.place == Place.ADDRESS:
        return appointment.address
    online = pgettext("participant appointment", "Online")
    return f"{online}: {appointment.online_link}" if appointment.online_link else online


def _when(start: datetime.datetime, end: datetime.datetime) -> str:
    # Digits and numeric dates: the same in every language, no locale month names needed.
    return f"{start:%d.%m.%Y}, {start:%H:%M}–{end:%H:%M}"


def appointment_text(appointment: Appointment, language: str) -> AppointmentText:
    language = participant_language(language)
    start = timezone.localtime(appointment.starts_at)
    end = timezone.localtime(appointment.ends_at)
    with translation.override(language):
        counsellor = ""
        if appointment.counsellor is not None:
            counsellor = appointment.counsellor.get_full_name() or ""
        interpreter = ""
        if appointment.needs_interpreter:
            interpreter = pgettext("participant appointment", "An interpreter will be there.")
        kind = str(PARTICIPANT_KIND.get(appointment.kind, appointment.kind))  # type: ignore[call-overload]
        return AppointmentText(
            language=language,
            direction="rtl" if language in RIGHT_TO_LEFT else "ltr",
            title=pgettext("participant appointment", "Appointment card"),
            kind=kind,
            when_label=pgettext("participant appointment", "When"),
            when=_when(start, end),
            where_label=pgettext("participant appointment", "Where"),
            where=_where(appointment),
            with_label=pgettext("participant appointment", "With"),
            counsellor=counsellor,
            interpreter=interpreter,
            please=pgettext(
                "participant appointment",
                "Please come on time and bring your papers. If you cannot come, please tell "
                "us beforehand.",
            ),
            subject=pgettext("participant reminder", "Reminder: your appointment on %(day)s")
            % {"day": f"{start:%d.%m.%Y}"},
            greeting=pgettext("participant reminder", "Hello,"),
            reminder=pgettext("participant reminder", "we remind you of your appointment:"),
        )
