"""Demo placements: three of the welfare association's enrolled participants placed with the
demo employer, through the services, so that the follow-up shows something: one whose 1-month
check-in is due, one found at risk (language) at its 1-month check-in, one stable."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from lotse.employers.models import Employer, Vacancy
from lotse.network.models import Network
from lotse.participants.enums import ParticipantStatus
from lotse.participants.models import Participant
from lotse.placements.placements import services

# kind, title, days since the start, what the first check-in found (None: not yet held)
PLANS: tuple[tuple[str, str, int, tuple[str, list[str]] | None], ...] = (
    ("employment", "Lagerhelfer/in im Wareneingang", 35, None),
    ("vocational_training", "Ausbildung Fachkraft für Lagerlogistik", 70,
     ("at_risk", ["language", "school"])),
    ("mini_job", "Küchenhilfe, Minijob", 200, ("stable", [])),
)  # fmt: skip
ACTIONS = {
    "at_risk": "Berufsbezogenen Sprachkurs angefragt; Gespräch mit dem Ausbilder vereinbart.",
    "stable": "Läuft gut; Arbeitgeber zufrieden.",
}


def load_placements(network: Network, participants: Iterable[Participant]) -> int:
    today = timezone.localdate()
    employer = Employer.objects.filter(network=network).order_by("pk").first()
    if employer is None:
        return 0
    vacancies = {v.title: v for v in Vacancy.objects.filter(network=network)}
    candidates = [
        p
        for p in participants
        if p.status == ParticipantStatus.ENROLLED
        and p.counsellor is not None
        and p.entry_date is not None
        and p.entry_date <= today - datetime.timedelta(days=200)
    ]
    made = 0
    for participant, (kind, title, days, found) in zip(candidates, PLANS, strict=False):
        vacancy = vacancies.get(title)
        placement = services.placement_record(
            actor=participant.counsellor,  # type: ignore[arg-type]
            participant=participant,
            values={
                "employer": vacancy.employer if vacancy else employer,
                "vacancy": vacancy,
                "kind": kind,
                "title": title,
                "starts_on": today - datetime.timedelta(days=days),
                "hours_per_week": vacancy.hours_per_week if vacancy else None,
                "ba_consent": "given",
            },
        )
        made += 1
        if found is None:
            continue
        state, risks = found
        first = placement.check_ins.order_by("due_on").first()
        if first is not None:
            services.check_in_record(
                actor=participant.counsellor,  # type: ignore[arg-type]
                check_in=first,
                expected_version=first.version,
                done_on=first.due_on,
                state=state,
                risks=risks,
                action=ACTIONS[state],
            )
    return made
