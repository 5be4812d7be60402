"""The legal position of one activity on one day, and its timeline from the reference date.

`state()` answers "what applies on day d" from the rules in force on d. The timeline samples it
on the reference date and on every day some period ends or a ruleset starts, so waiting periods,
the four-year rule and law changes all come from the same code.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .facts import Context
from .loader import Rule, Ruleset
from .model import TITLE_DOCUMENTS, Activity, Document, Outcome

FORBIDDEN = Outcome.FORBIDDEN


class Step(NamedTuple):
    outcome: Outcome
    needs_abh: bool
    needs_ba: bool
    absolute_ban: bool
    rule: Rule
    ba_rule: Rule | None
    ruleset: Ruleset

    def same_position(self, other: Step) -> bool:
        return (
            self.outcome is other.outcome
            and self.needs_abh == other.needs_abh
            and self.needs_ba == other.needs_ba
            and self.absolute_ban == other.absolute_ban
        )


Timeline = list[tuple[date, Step]]


def _forbidden(rule: Rule, ruleset: Ruleset) -> Step:
    return Step(FORBIDDEN, False, False, rule.absolute_ban, rule, None, ruleset)


def _ba(ctx: Context, activity: Activity, day: date, ruleset: Ruleset) -> tuple[bool, Rule]:
    """Whether BA consent is needed, and the rule that says so."""
    if activity is Activity.VOCATIONAL_TRAINING:
        return False, ruleset.rule("R-BA-02-TRAINING", day)
    if activity is Activity.INTERNSHIP:
        return False, ruleset.rule("R-BA-02-INTERNSHIP", day)
    four_years = ruleset.rule("R-GEST-08", day)
    if ctx.stay_start is not None and day >= ctx.completed(ctx.stay_from(), four_years):
        return False, four_years
    return True, ruleset.rule("R-BA-01", day)


def _permit(ctx: Context, rule: Rule, activity: Activity, day: date, ruleset: Ruleset) -> Step:
    outcome = rule.outcome or Outcome.DISCRETIONARY_PERMIT
    if ctx.measures_imminent and rule.outcome_if_measures_imminent is not None:
        outcome = rule.outcome_if_measures_imminent
    needs_ba, ba_rule = _ba(ctx, activity, day, ruleset)
    return Step(outcome, True, needs_ba, False, rule, ba_rule, ruleset)


def _asylum_state(ctx: Context, activity: Activity, day: date, rs: Ruleset) -> Step:
    if activity is Activity.SELF_EMPLOYMENT:
        return _forbidden(rs.rule("R-GEST-06", day), rs)
    if ctx.safe_ban_active(day):
        return _forbidden(rs.rule("R-GEST-05", day), rs)
    if ctx.dublin:
        dublin_rule = rs.find("R-GEAS-DUBLIN", day)
        if dublin_rule is not None:
            return _forbidden(dublin_rule, rs)
    if ctx.in_reception_centre:
        if ctx.ou_excluded:
            return _forbidden(rs.rule("R-GEST-07", day), rs)
        entitlement = rs.rule("R-GEST-02", day)
        if day >= ctx.after_event(ctx.application_or_assumed(), entitlement):
            return _permit(ctx, entitlement, activity, day, rs)
        return _forbidden(rs.rule("R-GEST-01", day), rs)
    wait = rs.rule("R-GEST-03-WAIT", day)
    if day < ctx.completed(ctx.stay_from(), wait):
        return _forbidden(wait, rs)
    discretion = rs.rule("R-GEST-03", day)
    if not ctx.ou_excluded:
        entitlement = rs.rule("R-GEST-04", day)
        if day >= ctx.after_event(ctx.application_or_assumed(), entitlement):
            return _permit(ctx, entitlement, activity, day, rs)
    return _permit(ctx, discretion, activity, day, rs)


def _duldung_state(ctx: Context, activity: Activity, day: date, rs: Ruleset) -> Step:
    document = ctx.situation.document
    if document is Document.DULDUNG_60B:
        return _forbidden(rs.rule("R-DUL-02", day), rs)
    if ctx.benefits_finding:
        return _forbidden(rs.rule("R-DUL-01-BENEFITS", day), rs)
    if ctx.own_fault_finding:
        return _forbidden(rs.rule("R-DUL-01-OWN-FAULT", day), rs)
    if ctx.safe_ban_active(day):
        return _forbidden(rs.rule("R-DUL-01-SAFE-COUNTRY", day), rs)
    if activity is Activity.SELF_EMPLOYMENT:
        return _forbidden(rs.rule("R-DUL-06", day), rs)
    if document is Document.AUSBILDUNGSDULDUNG and activity is Activity.VOCATIONAL_TRAINING:
        rule = rs.rule("R-DUL-07-TRAINING", day)
        return Step(
            Outcome.ENTITLED_WITH_PERMIT,
            True,
            False,
            False,
            rule,
            rs.rule("R-BA-02-TRAINING", day),
            rs,
        )
    if ctx.in_reception_centre:
        ban = rs.rule("R-DUL-03", day)
        if day < ctx.completed(ctx.duldung_from(), ban):
            return _forbidden(ban, rs)
        return _permit(ctx, rs.rule("R-DUL-03B", day), activity, day, rs)
    step = _permit(ctx, rs.rule("R-DUL-04", day), activity, day, rs)
    if step.needs_ba:
        wait = rs.rule("R-DUL-05", day)
        if day < ctx.completed(ctx.stay_from(), wait):
            return _forbidden(wait, rs)
    return step


def title_rule(ctx: Context) -> tuple[Rule, Rule | None, str | None]:
    """The rule for a residence title on the reference date, a rule qualifying it (for a
    Fiktionsbescheinigung) and a warning code when the answer rests on a fallback."""
    situation = ctx.situation
    rs, ref = ctx.ruleset, ctx.ref
    if situation.document is Document.SETTLEMENT_PERMIT:
        return rs.rule("R-NE", ref), None, None
    qualifier = None
    if situation.document is Document.FIKTIONSBESCHEINIGUNG:
        qualifier = rs.rule("R-FIKTION", ref)
    section = situation.residence_permit_section
    if section is None:
        if qualifier is not None:
            return qualifier, None, "fiktion_check"
        return rs.rule("R-AE-00", ref), None, "missing_input_section"
    for entries in rs.entries.values():
        for rule in entries:
            if section in rule.sections and rule.covers(ref):
                return rule, qualifier, "fiktion_check" if qualifier else None
    code = "fiktion_check" if qualifier else None
    if any(section in r.sections for r in ctx.cat.rules):
        code = "section_not_in_force"
    return rs.rule("R-AE-00", ref), qualifier, code


def _title_state(ctx: Context, activity: Activity) -> Step:
    rule, _, _ = title_rule(ctx)
    outcome = rule.outcomes.get(activity.value, rule.outcome or Outcome.ALLOWED)
    return Step(outcome, False, False, False, rule, None, ctx.ruleset)


def state(ctx: Context, activity: Activity, day: date) -> Step:
    ruleset = ctx.ruleset_at(day)
    if ctx.is_asylum:
        return _asylum_state(ctx, activity, day, ruleset)
    if ctx.is_duldung:
        return _duldung_state(ctx, activity, day, ruleset)
    return _title_state(ctx, activity)


def change_days(ctx: Context) -> list[date]:
    """Every day after the reference date on which some activity's position may change."""
    days: set[date] = set()
    app = ctx.application_date or ctx.ref
    for ruleset in ctx.projected:
        start = ruleset.valid_from
        days.add(start)
        if ctx.stay_start is not None:
            days.add(ctx.completed(ctx.stay_start, ruleset.rule("R-GEST-08", start)))
        if ctx.is_asylum:
            assert ctx.stay_start is not None
            days.add(ctx.completed(ctx.stay_start, ruleset.rule("R-GEST-03-WAIT", start)))
            days.add(ctx.after_event(app, ruleset.rule("R-GEST-02", start)))
            days.add(ctx.after_event(app, ruleset.rule("R-GEST-04", start)))
        elif ctx.duldung_start is not None and ctx.stay_start is not None:
            days.add(ctx.completed(ctx.duldung_start, ruleset.rule("R-DUL-03", start)))
            days.add(ctx.completed(ctx.stay_start, ruleset.rule("R-DUL-05", start)))
    if ctx.safe_ban_from is not None:
        days.add(ctx.safe_ban_from)
    return sorted(day for day in days if day > ctx.ref)


def timeline(ctx: Context, activity: Activity, days: list[date]) -> Timeline:
    first = state(ctx, activity, ctx.ref)
    steps: Timeline = [(ctx.ref, first)]
    if ctx.situation.document in TITLE_DOCUMENTS:
        return steps
    last = first
    for day in days:
        step = state(ctx, activity, day)
        if not step.same_position(last):
            steps.append((day, step))
            last = step
    return steps
