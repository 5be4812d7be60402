"""The demo network's events: a training for Jobcenter staff, an information event in a
VBK-DaZ class, a school course with weekly sessions and participants of the demo caseload,
an application training with a waiting list. Everything goes through the events' services."""

import datetime

from django.contrib.auth.models import User

from lotse.events import services
from lotse.events.models import CountedGroup, Event
from lotse.network.models import Network, Organisation, Site
from lotse.participants.access import participant_for_user
from lotse.participants.models import Participant


def _group(actor: User, event: Event, name: str, function: str, count: int) -> None:
    services.group_save(
        actor=actor,
        event=event,
        group=CountedGroup(organisation_name=name, function=function, count=count),
        expected_version=None,
    )


def events_load(
    *,
    network: Network,
    organisations: dict[str, Organisation],
    sites: dict[str, Site],
    users: dict[str, User],
    participants: list[Participant],
    today: datetime.date,
) -> int:
    """Answers how many events it created."""
    counsellor = users["beratung.sozialwerk"]
    coordinator = users["koordination"]
    sw, jc, lw = organisations["sw"], organisations["jc"], organisations["lw"]
    nine, twelve = datetime.time(9), datetime.time(12)

    training = services.event_save(
        actor=coordinator,
        network=network,
        event=Event(
            kind="multiplier_training",
            title="Interkulturelles Training: Arbeitsmarktzugang von Geflüchteten",
            site=sites["kv-weinau"],
            target_group="Arbeitsvermittlung und Fallmanagement",
            topics="Aufenthaltsrecht, Beschäftigungserlaubnis, Anerkennung",
            capacity=25,
        ),
        organisers=[sw, organisations["kv"]],
        expected_version=None,
        sessions=[(today - datetime.timedelta(days=40), nine, twelve)],
    )
    _group(coordinator, training, "Jobcenter Musterkreis", "Arbeitsvermittlung", 12)
    _group(coordinator, training, "Agentur für Arbeit Musterstadt", "Berufsberatung", 4)
    services.evaluation_save(
        actor=coordinator, event=training, counts=[0, 1, 2, 7, 5], expected_version=None
    )

    information = services.event_save(
        actor=counsellor,
        network=network,
        event=Event(
            kind="school_information",
            title="Berufsorientierung: Wege in die Ausbildung",
            address="Berufsbildende Schule Musterstadt, Schulstraße 3",
            target_group="VBK-DaZ-Klassen",
            topics="Duale Ausbildung, Praktikum, Bewerbung",
        ),
        organisers=[sw],
        expected_version=None,
        sessions=[(today - datetime.timedelta(days=12), datetime.time(10), twelve)],
    )
    _group(counsellor, information, "BBS Musterstadt", "VBK-DaZ 2b", 18)

    course = services.event_save(
        actor=counsellor,
        network=network,
        event=Event(
            kind="school_course",
            title="Vorbereitung auf die Hauptschulabschluss-Externenprüfung",
            site=sites["lw-suedhafen"],
            target_group="Junge Geflüchtete ohne Schulabschluss",
            topics="Deutsch, Mathematik, Englisch",
            capacity=12,
        ),
        organisers=[lw, sw],
        expected_version=None,
        sessions=services.weekly_sessions(
            today - datetime.timedelta(weeks=6), datetime.time(14), datetime.time(16), 20
        ),
    )
    own = [p for p in participants if p.organisation_id == sw.pk][:5]
    registrations = [
        services.registration_add(
            actor=counsellor, event=course, case=participant_for_user(counsellor, p.pk)
        )
        for p in own
    ]
    for number, session in enumerate(course.sessions.filter(date__lt=today)):
        services.attendance_record(
            actor=counsellor,
            session=session,
            present={r.pk: (number + index) % 5 != 0 for index, r in enumerate(registrations)},
            registrations=registrations,
        )

    application = services.event_save(
        actor=counsellor,
        network=network,
        event=Event(
            kind="application_training",
            title="Bewerbungstraining: Lebenslauf und Vorstellungsgespräch",
            site=sites["sw-musterstadt"],
            capacity=3,
        ),
        organisers=[sw, jc],
        expected_version=None,
        sessions=[(today + datetime.timedelta(days=9), nine, twelve)],
    )
    for p in own[:4]:  # the fourth goes to the waiting list
        services.registration_add(
            actor=counsellor, event=application, case=participant_for_user(counsellor, p.pk)
        )
    return 4
