"""Reads of placements: a case's (through its `CaseAccess`), the follow-up list of what the
user may see, an employer's (only the participants the user may see, by name), the exit's
and the report's figures."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.employers.models import Employer, Vacancy
from lotse.participants.access import CaseAccess, visible_participants
from lotse.participants.enums import ConsentPurpose
from lotse.participants.models import Consent, Participant
from lotse.participants.sections import TaskOrigin
from lotse.placements.placements.checks import add_months
from lotse.placements.placements.enums import (
    DEFAULT_CHECK_IN_MONTHS,
    KINDS_OF_OUTCOME,
    SITUATION_OF_KIND,
    CheckInState,
    PlacementKind,
)
from lotse.placements.placements.models import CheckIn, FollowUpSetting, Placement

RESULT_WINDOW = datetime.timedelta(days=28)
STABLE_AFTER_MONTHS = 6


def _with_check_ins(placements: QuerySet[Placement]) -> QuerySet[Placement]:
    return placements.select_related("employer", "vacancy").prefetch_related(
        Prefetch("check_ins", queryset=CheckIn.objects.order_by("due_on", "pk"))
    )


def placements_of(case: CaseAccess) -> list[Placement]:
    """The case's placements, newest first, each with its check-ins (read once per request:
    the panel and the timeline share them)."""

    def load() -> list[Placement]:
        return list(_with_check_ins(Placement.objects.filter(participant=case.participant)))

    return case.loaded("placements.placements", load)


def placement_of(case: CaseAccess, pk: int) -> Placement | None:
    return _with_check_ins(Placement.objects.filter(pk=pk, participant=case.participant)).first()


def check_in_of(case: CaseAccess, pk: int) -> CheckIn | None:
    return (
        CheckIn.objects.filter(pk=pk, placement__participant=case.participant)
        .select_related("placement__employer")
        .first()
    )


def placement_of_exit(
    participant: Participant, exit_date: datetime.date, outcome: str
) -> Placement | None:
    """The placement a case closed with `outcome` on `exit_date` stands for: one of the
    outcome's kinds running on the exit date, or starting within 28 days after it."""
    kinds = KINDS_OF_OUTCOME.get(outcome)  # type: ignore[call-overload]
    if not kinds:
        return None
    return (
        Placement.objects.filter(
            participant=participant, kind__in=kinds, starts_on__lte=exit_date + RESULT_WINDOW
        )
        .exclude(ended_on__lt=exit_date)
        .order_by("starts_on", "pk")
        .first()
    )


def placement_against_exit(
    participant: Participant, exit_date: datetime.date, outcome: str
) -> Placement | None:
    """A placement running on the exit date that stands for the other outcome (a training
    when the case closes into employment, or the reverse) while none of the outcome's own
    is there to link: what the exit form asks about."""
    if outcome not in KINDS_OF_OUTCOME or placement_of_exit(participant, exit_date, outcome):
        return None
    others = [
        kind for other, kinds in KINDS_OF_OUTCOME.items() if other != outcome for kind in kinds
    ]
    return (
        Placement.objects.filter(
            participant=participant,
            kind__in=others,
            starts_on__lte=exit_date,
            ended_on__isnull=True,
        )
        .select_related("employer")
        .order_by("starts_on", "pk")
        .first()
    )


def employers_of_network(network_id: int) -> QuerySet[Employer]:
    return Employer.objects.filter(network_id=network_id).order_by("name")


def open_vacancies_of_network(network_id: int) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(network_id=network_id).select_related("employer")


def follow_up_months(network_id: int) -> tuple[list[int], int | None]:
    """The network's schedule and the version of its setting (None: the default)."""
    setting = FollowUpSetting.objects.filter(network_id=network_id).first()
    if setting is None:
        return list(DEFAULT_CHECK_IN_MONTHS), None
    return list(setting.months), setting.version


def has_employer_consent(participant: Participant, on: datetime.date) -> bool:
    """A valid consent to contact with employers (the purpose the sheet needs)."""
    consents = Consent.objects.filter(
        participant=participant, purpose=ConsentPurpose.EMPLOYER_CONTACT
    )
    return any(consent.is_valid_on(on) for consent in consents)


@dataclass(frozen=True)
class FollowUpList:
    at_risk: list[Placement]
    due: list[CheckIn]


def follow_up_list(user: User, today: datetime.date, *, soon: datetime.timedelta) -> FollowUpList:
    """The open placements whose last check-in found them at risk, and the open check-ins due
    by `today + soon`, of the participants the user may see."""
    visible = visible_participants(user).values("pk")
    last_recorded: dict[int, CheckIn] = {}
    for check_in in CheckIn.objects.filter(
        done_on__isnull=False,
        placement__ended_on__isnull=True,
        placement__participant__in=visible,
    ).order_by("placement_id", "done_on", "pk"):
        last_recorded[check_in.placement_id] = check_in
    risky_ids = [pk for pk, c in last_recorded.items() if c.state == CheckInState.AT_RISK]
    at_risk = list(
        Placement.objects.filter(pk__in=risky_ids)
        .select_related("participant", "employer")
        .order_by("participant__last_name", "pk")
    )
    for placement in at_risk:
        placement.last_check_in = last_recorded[placement.pk]  # type: ignore[attr-defined]
    due = list(
        CheckIn.objects.filter(
            done_on__isnull=True,
            due_on__lte=today + soon,
            placement__ended_on__isnull=True,
            placement__participant__in=visible,
        )
        .select_related("placement__participant", "placement__employer")
        .order_by("due_on", "pk")
    )
    return FollowUpList(at_risk=at_risk, due=due)


def check_in_origins(task_ids: list[int]) -> dict[int, str | TaskOrigin]:
    """Which placement a task follows up (`CaseSection.task_origins`)."""
    rows = CheckIn.objects.filter(task_id__in=task_ids).select_related("placement__employer")
    return {
        row.task_id: TaskOrigin(
            _("Follow-up of the placement at %(employer)s")
            % {"employer": row.placement.employer.name},
            reverse("placements:check_in", args=[row.placement.participant_id, row.pk]),
        )
        for row in rows
        if row.task_id is not None
    }


@dataclass(frozen=True)
class EmployerPlacements:
    visible: list[Placement]  # of participants the user may see, with their names
    others: int  # of participants the user may not see: a number, nothing else


def employer_placements(employer: Employer, user: User) -> EmployerPlacements:
    placements = Placement.objects.filter(employer=employer)
    visible = list(
        placements.filter(participant__in=visible_participants(user).values("pk"))
        .select_related("participant")
        .order_by("-starts_on", "pk")
    )
    others = placements.count() - len(visible)
    return EmployerPlacements(visible=visible, others=others)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def placements_export(participant: Participant) -> dict[str, Any]:
    """The section's part of the subject-access export."""
    rows = []
    for placement in _with_check_ins(Placement.objects.filter(participant=participant)):
        rows.append(
            {
                "employer": placement.employer.name,
                "kind": placement.kind,
                "title": placement.title,
                "starts_on": _iso(placement.starts_on),
                "planned_end_on": _iso(placement.planned_end_on),
                "hours_per_week": str(placement.hours_per_week or ""),
                "probation_ends_on": _iso(placement.probation_ends_on),
                "permit_applied_on": _iso(placement.permit_applied_on),
                "permit_granted_on": _iso(placement.permit_granted_on),
                "permit_refused_on": _iso(placement.permit_refused_on),
                "ba_consent": placement.ba_consent,
                "ba_pre_approval_on": _iso(placement.ba_pre_approval_on),
                "ended_on": _iso(placement.ended_on),
                "end_reason": placement.end_reason,
                "note": placement.note,
                "check_ins": [
                    {
                        "due_on": _iso(c.due_on),
                        "done_on": _iso(c.done_on),
                        "state": c.state,
                        "risks": c.risks,
                        "action": c.action,
                    }
                    for c in placement.check_ins.all()
                ],
            }
        )
    return {"placements": rows}


# --- reporting -----------------------------------------------------------------------------


def placement_situations(ids: Sequence[int]) -> dict[int, list[tuple[datetime.date, str]]]:
    """The labour-market situations placements stand for, for the ESF result indicators:
    {participant id: [(day, "employed" | "education")]}. A placement running on the
    participant's exit date counts on that day; one starting within 28 days after, on its
    start. `reporting` turns them into its events (it sits above this app)."""
    if not ids:
        return {}
    exits = dict(
        Participant.objects.filter(pk__in=ids, exit_date__isnull=False).values_list(
            "pk", "exit_date"
        )
    )
    found: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    rows = Placement.objects.filter(
        participant_id__gte=ids[0],
        participant_id__lte=ids[-1],
        kind__in=list(SITUATION_OF_KIND),
    ).values_list("participant_id", "kind", "starts_on", "ended_on")
    for pk, kind, starts_on, ended_on in rows:
        exit_date = exits.get(pk)
        if exit_date is None:
            continue
        running = starts_on <= exit_date and (ended_on is None or ended_on >= exit_date)
        if running:
            found[pk].append((exit_date, SITUATION_OF_KIND[PlacementKind(kind)]))
        elif exit_date < starts_on <= exit_date + RESULT_WINDOW:
            found[pk].append((starts_on, SITUATION_OF_KIND[PlacementKind(kind)]))
    return dict(found)


def placement_figures(
    period_start: datetime.date,
    period_end: datetime.date,
    participant_ids_queryset: QuerySet[Any],
) -> dict[str, int]:
    """For the yearly figures: how many participants were placed into work or training within
    the period (a placement starting in it), and how many placements that started in the
    period (and are six months old by its end) were still running six months after their
    start, with the number of such placements the share is of."""
    placements = Placement.objects.filter(participant_id__in=participant_ids_queryset)
    started = placements.filter(starts_on__gte=period_start, starts_on__lte=period_end)
    placed = started.aggregate(n=Count("participant_id", distinct=True))["n"]
    old_enough = [
        (starts_on, ended_on)
        for starts_on, ended_on in started.values_list("starts_on", "ended_on")
        if add_months(starts_on, STABLE_AFTER_MONTHS) <= period_end
    ]
    stable = sum(
        1
        for starts_on, ended_on in old_enough
        if ended_on is None or ended_on >= add_months(starts_on, STABLE_AFTER_MONTHS)
    )
    return {
        "placed": placed,
        "placements_six_months_old": len(old_enough),
        "stable_after_six_months": stable,
    }


def participant_of_placement(user: User, pk: int) -> int | None:
    """Whose placement this is, if the user may see that participant (else None, like a
    missing one)."""
    found: int | None = (
        Placement.objects.filter(pk=pk, participant__in=visible_participants(user).values("pk"))
        .values_list("participant_id", flat=True)
        .first()
    )
    return found


def dashboard_counts(
    participants: Q, start: datetime.date, end: datetime.date, today: datetime.date
) -> dict[str, Any]:
    """For the dashboard panel: placements started in the period by kind, those running today,
    those whose last check-in found them at risk, and the six-month stability of the period's."""
    scoped = Placement.objects.filter(participants)
    started = dict(
        scoped.filter(starts_on__gte=start, starts_on__lte=end)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    running = scoped.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today), starts_on__lte=today)
    last_state = (
        CheckIn.objects.filter(placement=OuterRef("pk"), done_on__isnull=False)
        .order_by("-done_on", "-pk")
        .values("state")[:1]
    )
    at_risk = (
        running.annotate(last_state=Subquery(last_state))
        .filter(last_state=CheckInState.AT_RISK)
        .count()
    )
    stability = placement_figures(start, end, scoped.values("participant_id"))
    return {
        "started": started,
        "running": running.count(),
        "at_risk": at_risk,
        "six_months_old": stability["placements_six_months_old"],
        "stable": stability["stable_after_six_months"],
    }


def placement_figures_in_scope(
    start: datetime.date, end: datetime.date, network_id: int, organisation_id: int | None
) -> dict[str, int]:
    """`placement_figures` for the network's participants, or one organisation's."""
    scoped = Placement.objects.filter(participant__network_id=network_id)
    if organisation_id is not None:
        scoped = scoped.filter(participant__organisation_id=organisation_id)
    return placement_figures(start, end, scoped.values("participant_id"))
