"""The demo network's ESF data: entry items for most enrolled participants, the situation after
leaving for most leavers, answered six-month follow-ups, and a few people left incomplete so
that "not reportable yet" and "incomplete exit" show something. Through the services, like the
rest of the demo (each change audited)."""

import datetime
import random
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from lotse.participants.models import Participant
from lotse.reporting import selectors, services
from lotse.reporting.enums import EsfLabourStatus, EsfSituation

SEED = 16
_STATUSES = (
    (EsfLabourStatus.UNEMPLOYED, 45),
    (EsfLabourStatus.LONG_TERM_UNEMPLOYED, 20),
    (EsfLabourStatus.INACTIVE, 25),
    (EsfLabourStatus.EMPLOYED, 7),
    (EsfLabourStatus.SELF_EMPLOYED, 3),
)
# The situation within four weeks that an exit outcome suggests.
_SITUATION = {
    "employment": EsfSituation.EMPLOYED,
    "vocational_training": EsfSituation.EDUCATION,
    "school": EsfSituation.EDUCATION,
    "qualification": EsfSituation.QUALIFICATION,
    "job_searching": EsfSituation.JOB_SEARCHING,
}


def _tri(rng: random.Random, share: float) -> bool | None:
    """Yes with `share`, else mostly no, sometimes not stated."""
    draw = rng.random()
    if draw < share:
        return True
    return None if draw > 0.9 else False


def load_reporting(network_id: int, users: dict[str, User]) -> None:
    rng = random.Random(SEED)
    by_pk = {user.pk: user for user in users.values()}
    today = timezone.localdate()
    participants = list(
        selectors.scope_participants(network_id, None)
        .filter(entry_date__isnull=False)
        .order_by("pk")
    )
    with_profile_isced = selectors.profile_levels([p.pk for p in participants])
    statuses = [status for status, _weight in _STATUSES]
    weights = [weight for _status, weight in _STATUSES]
    for participant in participants:
        actor = by_pk.get(participant.counsellor_id or 0)
        if actor is None:
            continue
        if rng.random() < 0.92:  # the rest stay "not reportable yet"
            data: dict[str, Any] = {
                "labour_status": rng.choices(statuses, weights)[0],
                "foreign_background": _tri(rng, 0.85),
                "homeless": _tri(rng, 0.08),
                "rural": _tri(rng, 0.3),
                "disability": True if rng.random() < 0.05 else None,
            }
            if participant.pk not in with_profile_isced:
                data["isced_level"] = rng.choice((1, 2, 2, 3, 3, 4, 6))
            services.esf_record_save(actor=actor, participant=participant, data=data)
        if participant.exit_date is None:
            continue
        situation = _SITUATION.get(participant.exit_outcome)
        draw = rng.random()
        if situation is not None and draw < 0.8:
            day = participant.exit_date + datetime.timedelta(days=rng.randint(0, 20))
            if day <= today:
                services.esf_situation_record(
                    actor=actor, participant=participant, day=day, situation=situation
                )
        elif draw < 0.9:
            record = selectors.esf_record_of(participant)
            services.esf_no_situation_confirm(
                actor=actor,
                participant=participant,
                expected_version=None if record is None else record.version,
            )
        _answer_follow_up(rng, actor, participant, today)


def _answer_follow_up(
    rng: random.Random, actor: User, participant: Participant, today: datetime.date
) -> None:
    for follow_up in selectors.follow_ups_of(participant):
        answered = follow_up.exit_on + services.FOLLOW_UP_AFTER
        if answered > today or rng.random() > 0.6:
            continue
        employed = participant.exit_outcome == "employment" or rng.random() < 0.3
        services.follow_up_answer(
            actor=actor,
            follow_up=follow_up,
            answered_on=answered,
            employed=employed,
            improved=employed and rng.random() < 0.4,
            expected_version=follow_up.version,
        )
