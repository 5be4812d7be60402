"""Appointments made through the services a user's action calls."""

import datetime
from typing import Any

from django.test import Client
from django.utils import timezone

from lotse.appointments import services
from lotse.appointments.models import Appointment
from lotse.network.models import Site
from lotse.participants.access import participant_for_user
from tests.conftest import Network, client_for


def next_weekday(weekday: int, *, weeks: int = 1) -> datetime.date:
    """A day of the coming weeks that falls on `weekday` (never today)."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def site_of(net: Network) -> Site:
    return Site.objects.get(organisation=net.owner, name="Hauptstelle")


def book(net: Network, actor: Any = None, **values: Any) -> Appointment:
    actor = actor or net.counsellor
    day = next_weekday(0)
    fields: dict[str, Any] = {
        "kind": "counselling",
        "starts_at": at(day, 10),
        "ends_at": at(day, 10, 30),
        "place": "site",
        "site": site_of(net),
        "counsellor": net.counsellor,
    }
    fields.update(values)
    case = participant_for_user(actor, net.participant.pk)
    return services.appointment_book(actor=actor, case=case, **fields)


def german(user: Any) -> Client:
    """A signed-in client whose pages are in German, whatever the machine's language."""
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return client


def begun(net: Network, *, minutes_ago: int = 60, **values: Any) -> Appointment:
    """An appointment that began `minutes_ago`, planned: written directly, since booking one
    in the past as planned is refused (the desk meets them every day)."""
    start = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    fields: dict[str, Any] = {
        "network": net.participant.network,
        "participant": net.participant,
        "organisation": net.owner,
        "kind": "counselling",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(minutes=30),
        "site": site_of(net),
        "counsellor": net.counsellor,
    }
    fields.update(values)
    return Appointment.objects.create(**fields)
