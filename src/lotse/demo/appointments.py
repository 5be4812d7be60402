"""Demo appointments: consultation hours of the demo counsellors, a reminder lead time, and a
few fictional appointments per counsellor (this week and next week with two today, some at an
authority, some past ones done or missed). Deterministic: the same for every load on the same
day."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from lotse.appointments.enums import AppointmentKind, AppointmentStatus, Place
from lotse.appointments.models import Appointment, AppointmentSettings, CounsellorHours
from lotse.appointments.services import appointments_import
from lotse.demo.calendar import at, demo_days
from lotse.network.models import ConsultationHour, Network
from lotse.participants.models import Participant

PER_COUNSELLOR = 12
AUTHORITIES = (
    (
        AppointmentKind.IMMIGRATION_OFFICE,
        "Ausländerbehörde Musterkreis, Schlossplatz 4, 00140 Weinau",
    ),
    (AppointmentKind.JOBCENTRE, "Jobcenter Musterkreis, Bahnhofstraße 12, 00110 Musterstadt"),
    (AppointmentKind.EMPLOYMENT_AGENCY, "Agentur für Arbeit, Kanalstraße 8, 00110 Musterstadt"),
)


def load_appointments(*, network: Network, participants: Iterable[Participant]) -> int:
    AppointmentSettings.objects.create(network=network, reminder_lead_hours=24, slot_minutes=30)
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    by_counsellor: dict[int, list[Participant]] = {}
    for p in participants:
        if p.counsellor_id and p.site_id and p.status != "exited":
            by_counsellor.setdefault(p.counsellor_id, []).append(p)
    rows: list[Appointment] = []
    for counsellor_id, cases in by_counsellor.items():
        site = cases[0].site
        assert site is not None
        hours = list(ConsultationHour.objects.filter(site=site))
        CounsellorHours.objects.bulk_create(
            CounsellorHours(
                network=network,
                counsellor_id=counsellor_id,
                site=site,
                weekday=h.weekday,
                starts_at=h.starts_at,
                ends_at=h.ends_at,
            )
            for h in hours
        )
        # Consultations this week and next week, today always first (`demo.calendar`): in the
        # counsellor's hours where that day has some, else in the morning.
        slots = []
        for day in demo_days(today):
            day_hours = [h for h in hours if h.weekday == day.weekday()]
            first = (
                (day_hours[0].starts_at.hour, day_hours[0].starts_at.minute)
                if day_hours
                else (10, 0)
            )
            slots.append(at(day, *first, zone))
            if day == today:
                slots.append(at(day, first[0] + 2, first[1], zone))
        for index, participant in enumerate(cases[:PER_COUNSELLOR]):
            common = {
                "network": network,
                "participant": participant,
                "organisation_id": participant.organisation_id,
                "counsellor_id": counsellor_id,
                "created_by_id": counsellor_id,
                "interpreter_language": participant.interpreter_language
                if participant.interpreter_needed
                else "",
            }
            if index < len(slots):
                start = slots[index]
                if start.date() < today:
                    # Earlier this week: the front desk has recorded whether they came.
                    status = AppointmentStatus.MISSED if index % 4 == 1 else AppointmentStatus.DONE
                else:
                    status = AppointmentStatus.CONFIRMED if index % 2 else AppointmentStatus.PLANNED
                rows.append(
                    Appointment(
                        kind=AppointmentKind.COUNSELLING,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(minutes=30),
                        place=Place.SITE,
                        site=site,
                        status=status,
                        **common,
                    )
                )
            kind, address = AUTHORITIES[index % len(AUTHORITIES)]
            if index % 3 == 0:
                start = datetime.datetime.combine(
                    today + datetime.timedelta(days=3 + index), datetime.time(8, 30), tzinfo=zone
                )
                rows.append(
                    Appointment(
                        kind=kind,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(hours=1),
                        place=Place.ADDRESS,
                        address=address,
                        note="Pass und Bescheid mitbringen.",
                        # The counsellor does not go along: no time of theirs is taken.
                        **{**common, "counsellor_id": None},
                    )
                )
            past = datetime.datetime.combine(
                today - datetime.timedelta(days=7 + index), datetime.time(10), tzinfo=zone
            )
            rows.append(
                Appointment(
                    kind=AppointmentKind.COUNSELLING,
                    starts_at=past,
                    ends_at=past + datetime.timedelta(minutes=45),
                    place=Place.SITE,
                    site=site,
                    status=AppointmentStatus.MISSED if index % 4 == 1 else AppointmentStatus.DONE,
                    **common,
                )
            )
    return appointments_import(network=network, appointments=rows)
