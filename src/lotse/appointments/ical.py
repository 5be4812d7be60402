"""Calendar files (RFC 5545, written by `icalendar`): the user's private feed, which names no
one (it leaves Lotse's access control: the file number stands for the person), and one
appointment for the participant, in their language."""

import datetime
import hashlib
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar, Event, vDatetime, vText

from lotse.appointments import selectors
from lotse.appointments.enums import AppointmentStatus, Place
from lotse.appointments.models import Appointment
from lotse.appointments.participant_texts import appointment_text

PRODID = "-//Lotse//Termine//DE"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _location(appointment: Appointment) -> str:
    if appointment.place == Place.SITE and appointment.site is not None:
        s = appointment.site
        return f"{s.name}, {s.street}, {s.postcode} {s.city}"
    if appointment.place == Place.ADDRESS:
        return appointment.address
    return appointment.online_link or "online"


# RFC 5545 STATUS of a VEVENT: a calendar strikes a cancelled one out instead of keeping a
# stale entry; one that took place was confirmed by the fact; what is not confirmed yet (or
# was missed) stays tentative.
_STATUS: dict[str, str] = {
    AppointmentStatus.CONFIRMED: "CONFIRMED",
    AppointmentStatus.DONE: "CONFIRMED",
    AppointmentStatus.CANCELLED: "CANCELLED",
}


def ical_status(status: str) -> str:
    return _STATUS.get(status, "TENTATIVE")


def _uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@lotse"


def feed(appointments: Iterable[Appointment], *, name: str) -> bytes:
    calendar = _calendar(name)
    # Property objects made directly, in UTC (no time-zone parameters): `Event.add` looks up
    # each value's type, which is most of the work for a feed of 1,000 events.
    stamp = vDatetime(timezone.now().astimezone(datetime.UTC))
    kinds = dict(Appointment._meta.get_field("kind").choices or [])
    statuses: dict[str, vText] = {
        status.value: vText(ical_status(status)) for status in AppointmentStatus
    }
    for a in appointments:
        event = Event()
        event["uid"] = vText(_uid(a))
        event["dtstamp"] = stamp
        event["dtstart"] = vDatetime(a.starts_at.astimezone(datetime.UTC))
        event["dtend"] = vDatetime(a.ends_at.astimezone(datetime.UTC))
        event["summary"] = vText(f"{kinds.get(a.kind, a.kind)} – {a.participant.file_number}")
        event["location"] = vText(_location(a))
        event["status"] = statuses[a.status]
        calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]


# A feed is kept as long as nothing it shows changed (the key says what it depends on), at most
# an hour: a renamed site reaches the calendars within that.
FEED_SECONDS = 3600


def cached_feed(user: User, *, name: str) -> bytes:
    """The user's feed, written again only when their appointments changed."""
    key = "appointments:feed:" + hashlib.sha256(selectors.feed_version(user).encode()).hexdigest()
    body: bytes | None = cache.get(key)
    if body is None:
        body = feed(selectors.feed_appointments(user), name=name)
        cache.set(key, body, FEED_SECONDS)
    return body


def single(appointment: Appointment, language: str) -> bytes:
    text = appointment_text(appointment, language)
    calendar = _calendar(text.kind)
    event = Event()
    event.add("uid", _uid(appointment))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", text.kind)
    event.add("location", text.where)
    event.add("status", ical_status(appointment.status))
    description = [text.please]
    if text.interpreter:
        description.insert(0, text.interpreter)
    event.add("description", "\n".join(description))
    calendar.add_component(event)
    return calendar.to_ical()  # type: ignore[no-any-return]
