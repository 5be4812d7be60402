"""Pathways to a secure stay (§§ 60c, 16g, 60d, 25a, 25b AufenthG) and their conditions.

Conditions without input are "unknown"; time-based ones carry the day they are met, so the
deadline radar can announce them. A period whose start was not recorded (and which the answer
would otherwise count from the reference date) is "unknown" too: never "not met" with an
invented date.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .dates import ONE_DAY, add_months, months_completed
from .facts import Context
from .loader import Rule
from .model import (
    ConditionStatus,
    Document,
    PathwayStatus,
)

MET, NOT_MET, UNKNOWN = ConditionStatus.MET, ConditionStatus.NOT_MET, ConditionStatus.UNKNOWN
PATHWAY_RULES = (
    ("60c", "P-60C"),
    ("16g", "P-16G"),
    ("60d", "P-60D"),
    ("25a", "P-25A"),
    ("25b", "P-25B"),
)
_RULE_IDS = dict(PATHWAY_RULES)
_ALL_PATHWAYS = tuple(p for p, _ in PATHWAY_RULES)
_HELD_BY_DOCUMENT = {Document.AUSBILDUNGSDULDUNG: "60c", Document.BESCHAEFTIGUNGSDULDUNG: "60d"}
_HELD_BY_SECTION = {"16g": "16g", "25a": "25a", "25b": "25b"}


class RawCondition(NamedTuple):
    code: str
    status: ConditionStatus
    met_on: date | None = None
    deadline: date | None = None
    params: tuple[tuple[str, object], ...] = ()


class RawPathway(NamedTuple):
    pathway: str
    rule: Rule | None  # None: not in force on the reference date
    status: PathwayStatus
    conditions: tuple[RawCondition, ...]
    earliest: date | None


def _elapsed(
    code: str,
    start: date | None,
    needed: int,
    ref: date,
    items: tuple[tuple[str, object], ...],
    *,
    assumed: bool = False,
) -> RawCondition:
    if start is None or assumed:
        return RawCondition(code, UNKNOWN, params=items)
    met_on = months_completed(start, needed)
    return RawCondition(code, MET if met_on <= ref else NOT_MET, met_on, None, items)


def _finding(code: str, value: bool | None, bad: bool) -> RawCondition:
    if value is None:
        return RawCondition(code, UNKNOWN)
    return RawCondition(code, NOT_MET if value == bad else MET)


def _no_work_ban(ctx: Context) -> RawCondition:
    banned = (
        ctx.situation.document is Document.DULDUNG_60B
        or ctx.benefits_finding
        or ctx.own_fault_finding
        or ctx.safe_ban_active(ctx.ref)
    )
    return RawCondition("no_work_ban", NOT_MET if banned else MET)


def _identity(ctx: Context, rule: Rule) -> RawCondition:
    situation = ctx.situation
    entry = situation.entry_date
    clarified = situation.identity_clarified
    if entry is None:
        ctx.note("missing_input_entry_date", "entry_date")
        status = MET if clarified else UNKNOWN
        return RawCondition("identity_unknown_deadline", status)
    for item in rule.identity_deadlines:
        if item.entry_until is not None and entry > item.entry_until:
            continue
        if item.by_application:
            return RawCondition("identity_by_application", MET if clarified else UNKNOWN)
        if item.by_date is not None:
            deadline = item.by_date
        elif item.months_after_entry is not None:
            deadline = add_months(entry, item.months_after_entry)
        else:
            break
        params: tuple[tuple[str, object], ...] = (("date", deadline),)
        if clarified:
            return RawCondition("identity_by_date", MET, None, deadline, params)
        # Missing the deadline is excused when all reasonable steps were taken: not decidable here.
        status = UNKNOWN if clarified is None or deadline >= ctx.ref else NOT_MET
        return RawCondition("identity_by_date", status, None, deadline, params)
    # Entered after every listed deadline group: the pathway fails on the entry date anyway.
    return RawCondition("identity_by_application", MET if clarified else UNKNOWN)


def _duldung_time(ctx: Context, months: int) -> RawCondition:
    if ctx.is_duldung and ctx.duldung_start is not None:
        return _elapsed(
            "duldung_months",
            ctx.duldung_start,
            months,
            ctx.ref,
            (("months", months),),
            assumed=ctx.duldung_assumed is not None,
        )
    return RawCondition("duldung_months", NOT_MET, params=(("months", months),))


def _holds_duldung_or_104c(ctx: Context) -> bool:
    document = ctx.situation.document
    if document is Document.RESIDENCE_PERMIT:
        return ctx.situation.residence_permit_section == "104c"
    return ctx.is_duldung and document is not Document.DULDUNG_60B


def _training(ctx: Context, rule: Rule) -> list[RawCondition]:
    months = rule.months("duldung_months")
    if ctx.is_asylum:
        first = RawCondition(
            "training_started_as_asylum_seeker", UNKNOWN, params=(("months", months),)
        )
    else:
        first = _duldung_time(ctx, months)
    measures = ctx.situation.authority_findings.removal_measures_imminent.value
    return [
        _no_work_ban(ctx),
        first,
        _identity(ctx, rule),
        _finding("no_removal_measures", measures, True),
        RawCondition("qualified_training", UNKNOWN),
        RawCondition("no_convictions", UNKNOWN),
    ]


def _employment(ctx: Context, rule: Rule) -> list[RawCondition]:
    situation = ctx.situation
    entry_until = rule.day("entry_until")
    if situation.entry_date is None:
        ctx.note("missing_input_entry_date", "entry_date")
        entry = RawCondition("entry_until", UNKNOWN, params=(("date", entry_until),))
    else:
        status = MET if situation.entry_date <= entry_until else NOT_MET
        entry = RawCondition("entry_until", status, params=(("date", entry_until),))
    hours = rule.months("weekly_hours")
    if situation.weekly_hours is None:
        weekly = RawCondition("weekly_hours", UNKNOWN, params=(("hours", hours),))
    else:
        weekly = RawCondition(
            "weekly_hours",
            MET if situation.weekly_hours >= hours else NOT_MET,
            params=(("hours", hours),),
        )
    months = rule.months("employment_months")
    return [
        _no_work_ban(ctx),
        entry,
        _identity(ctx, rule),
        _duldung_time(ctx, rule.months("duldung_months")),
        _elapsed(
            "employment_months", situation.employment_since, months, ctx.ref, (("months", months),)
        ),
        weekly,
        RawCondition("further_60d", UNKNOWN),
    ]


def _age(ctx: Context, rule: Rule) -> RawCondition:
    min_age, limit = rule.months("min_age_years"), rule.months("age_limit_years")
    params = (("min_age", min_age), ("age_limit", limit))
    birth = ctx.situation.birth_date
    if birth is None:
        return RawCondition("age", UNKNOWN, params=params)
    last_day = months_completed(birth, 12 * limit) - ONE_DAY
    first_day = months_completed(birth, 12 * min_age)
    if ctx.ref > last_day:
        return RawCondition("age", NOT_MET, None, last_day, params)
    if ctx.ref >= first_day:
        return RawCondition("age", MET, None, last_day, params)
    return RawCondition("age", NOT_MET, first_day, last_day, params)


def _young(ctx: Context, rule: Rule) -> list[RawCondition]:
    months = rule.months("stay_months")
    duldung_months = rule.months("duldung_months")
    if duldung_months and ctx.situation.document is not Document.RESIDENCE_PERMIT:
        tolerated = _duldung_time(ctx, duldung_months)
    else:
        tolerated = RawCondition("duldung_or_104c", MET if _holds_duldung_or_104c(ctx) else NOT_MET)
    own_fault = ctx.situation.authority_findings.removal_obstructed_by_own_fault.value
    return [
        _age(ctx, rule),
        _elapsed(
            "stay_months",
            ctx.stay_start,
            months,
            ctx.ref,
            (("months", months),),
            assumed=ctx.stay_assumed is not None,
        ),
        tolerated,
        RawCondition("school", UNKNOWN),
        RawCondition("integration_prognosis", UNKNOWN),
        _finding("no_own_fault", own_fault, True),
    ]


def _sustainable(ctx: Context, rule: Rule) -> list[RawCondition]:
    months, with_children = rule.months("stay_months"), rule.months("stay_months_with_children")
    needed = with_children if ctx.situation.has_minor_children else months
    own_fault = ctx.situation.authority_findings.removal_obstructed_by_own_fault.value
    return [
        _elapsed(
            "stay_months_children",
            ctx.stay_start,
            needed,
            ctx.ref,
            (("months", months), ("months_children", with_children)),
            assumed=ctx.stay_assumed is not None,
        ),
        RawCondition("duldung_or_104c", MET if _holds_duldung_or_104c(ctx) else NOT_MET),
        RawCondition("further_25b", UNKNOWN),
        _finding("no_own_fault", own_fault, True),
    ]


_CONDITIONS = {
    "60c": _training,
    "16g": _training,
    "60d": _employment,
    "25a": _young,
    "25b": _sustainable,
}


def _summary(conditions: list[RawCondition]) -> tuple[PathwayStatus, date | None]:
    waiting: list[date] = []
    unknown = False
    for condition in conditions:
        if condition.status is NOT_MET:
            if condition.met_on is None:
                return PathwayStatus.NOT_MET, None
            waiting.append(condition.met_on)
        elif condition.status is UNKNOWN:
            unknown = True
    if waiting:
        return PathwayStatus.WAITING, max(waiting)
    return (PathwayStatus.OPEN if unknown else PathwayStatus.MET), None


def relevant_pathways(ctx: Context) -> tuple[str, ...]:
    situation = ctx.situation
    if ctx.is_asylum or ctx.is_duldung:
        return _ALL_PATHWAYS
    if situation.document is Document.RESIDENCE_PERMIT:
        section = situation.residence_permit_section
        if section == "104c":
            return ("25a", "25b")
        if section in _HELD_BY_SECTION:
            return (_HELD_BY_SECTION[section],)
    return ()


def assess(ctx: Context) -> list[RawPathway]:
    situation = ctx.situation
    held = _HELD_BY_DOCUMENT.get(situation.document)
    if situation.document is Document.RESIDENCE_PERMIT and situation.residence_permit_section:
        held = _HELD_BY_SECTION.get(situation.residence_permit_section)
    result = []
    for pathway in relevant_pathways(ctx):
        rule = ctx.ruleset.find(_RULE_IDS[pathway], ctx.ref)
        if rule is None:
            starts = [
                r.valid_from
                for r in ctx.cat.rules
                if r.id == _RULE_IDS[pathway] and r.valid_from > ctx.ref
            ]
            result.append(
                RawPathway(pathway, None, PathwayStatus.NOT_IN_FORCE, (), min(starts, default=None))
            )
            continue
        if pathway == held:
            result.append(RawPathway(pathway, rule, PathwayStatus.HELD, (), None))
            continue
        conditions = _CONDITIONS[pathway](ctx, rule)
        status, earliest = _summary(conditions)
        result.append(RawPathway(pathway, rule, status, tuple(conditions), earliest))
    return result
