"""Events made through the services a user's action calls."""

import datetime
from typing import Any

from lotse.events import services
from lotse.events.models import CountedGroup, Event
from tests.conftest import Network

PAST = datetime.date(2026, 3, 10)


def multiplier_training(net: Network, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "kind": "multiplier_training",
        "title": "Interkulturelles Training für Jobcenter-Mitarbeitende",
        "address": "Rathausplatz 1, 28195 Bremen",
        "target_group": "Arbeitsvermittlung",
        "topics": "Aufenthaltsrecht, Arbeitsmarktzugang",
        "capacity": 20,
    }
    values.update(fields)
    sessions = values.pop("sessions", [(PAST, datetime.time(9), datetime.time(12))])
    return services.event_save(
        actor=net.counsellor,
        network=net.owner.network,
        event=Event(**values),
        organisers=[net.owner],
        expected_version=None,
        sessions=sessions,
    )


def school_course(net: Network, sessions: int = 20, **fields: Any) -> Event:
    values: dict[str, Any] = {
        "kind": "school_course",
        "title": "Vorbereitung Hauptschulabschluss-Externenprüfung",
        "address": "BBS Musterstadt, Schulstraße 3",
        "sessions": services.weekly_sessions(
            datetime.date(2026, 1, 8), datetime.time(14), datetime.time(15, 30), sessions
        ),
    }
    values.update(fields)
    return multiplier_training(net, **values)


def jobcenter_staff(net: Network, event: Event, count: int = 12) -> CountedGroup:
    return services.group_save(
        actor=net.counsellor,
        event=event,
        group=CountedGroup(
            organisation_name="Jobcenter Musterkreis", function="Arbeitsvermittlung", count=count
        ),
        expected_version=None,
    )
