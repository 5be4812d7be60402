"""The deadline radar: dated events in the coming days for one situation or a batch.

It reuses the engine's timeline and pathway code but skips everything only the full answer
needs (explanations, warnings), which keeps it to some microseconds per situation.

Only deadlines computed from recorded facts are listed: an activity whose timeline read a date
that was missing (and replaced by the reference date) gives none, and a pathway condition
counted from such a date is unknown, so it gives none either. The radar also tells which
situations have answers of that kind (`radar`), for the list of people whose facts are
incomplete.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from .activities import change_days, timeline
from .dates import format_de, format_en
from .facts import Context
from .loader import Catalogue, catalogue
from .model import Activity, Deadline, Document, Outcome, PathwayStatus, Situation
from .pathways import RawCondition, assess

_RADAR_ACTIVITIES = (Activity.EMPLOYMENT, Activity.VOCATIONAL_TRAINING, Activity.INTERNSHIP)
_QUIET = frozenset({PathwayStatus.NOT_MET, PathwayStatus.HELD, PathwayStatus.NOT_IN_FORCE})
_labels: dict[tuple[object, ...], tuple[str, str, str, str, str, str]] = {}


class Radar(NamedTuple):
    deadlines: list[Deadline]
    # Missing input dates some activity's answer was counted from (in the form's order).
    assumed_fields: tuple[str, ...]


def deadlines(situation: Situation, today: date, horizon_days: int) -> list[Deadline]:
    """Events from `today` to `today + horizon_days` (and a document that has already expired)."""
    return radar(situation, today, horizon_days).deadlines


def radar(situation: Situation, today: date, horizon_days: int) -> Radar:
    """The deadlines computed from facts, and which missing dates other answers rest on."""
    cat = catalogue()
    end = today + timedelta(days=horizon_days)
    found: list[Deadline] = []
    expiry = _document_expiry(cat, situation)
    if expiry is not None and expiry <= end:
        kind = "document_expired" if expiry < today else "document_expiry"
        texts = _label(cat, (kind,))
        citation = cat.phrase(f"document_citation.{situation.document.value}")
        found.append(Deadline(expiry, kind, texts[0], texts[1], citation, "document", *texts[2:]))
    ctx = Context(situation, today, collect_notes=False)
    if not (ctx.is_asylum or ctx.is_duldung or situation.residence_permit_section == "104c"):
        return Radar(found, ())
    touched: set[str] = set()
    if ctx.is_asylum or ctx.is_duldung:
        days = [day for day in change_days(ctx) if day <= end]
        # Without a missing date and without a change in the window there is nothing to learn.
        if days or ctx.assumed:
            for activity in _RADAR_ACTIVITIES:
                ctx.touched = set()
                steps = timeline(ctx, activity, days)
                if ctx.touched:
                    touched |= ctx.touched
                    continue  # counted from an assumed date: not a deadline
                for (_, before), (day, step) in itertools.pairwise(steps):
                    if before.outcome is Outcome.FORBIDDEN:
                        kind = "waiting_period_end"
                    elif before.outcome is step.outcome and before.needs_ba and not step.needs_ba:
                        kind = "ba_consent_not_needed"
                    else:
                        kind = "outcome_change"
                    texts = _label(cat, (kind, activity, step.outcome))
                    citation = step.rule.citations[0]
                    found.append(
                        Deadline(
                            day, kind, texts[0], texts[1], citation, activity.value, *texts[2:]
                        )
                    )
    assumed = tuple(name for name in _DATE_FIELDS if name in touched)
    if not _pathway_dates_possible(cat, ctx, today, end):
        found.sort(key=lambda d: d.date)
        return Radar(found, assumed)
    for pathway in assess(ctx):
        if pathway.status in _QUIET or pathway.rule is None:
            continue
        for condition in pathway.conditions:
            if condition.met_on is not None and today <= condition.met_on <= end:
                found.append(
                    _pathway_deadline(
                        cat,
                        "pathway_condition",
                        pathway.pathway,
                        pathway.rule.citations[0],
                        condition,
                        condition.met_on,
                    )
                )
            if condition.deadline is not None and today <= condition.deadline <= end:
                found.append(
                    _pathway_deadline(
                        cat,
                        "pathway_deadline",
                        pathway.pathway,
                        pathway.rule.citations[0],
                        condition,
                        condition.deadline,
                    )
                )
    found.sort(key=lambda d: d.date)
    return Radar(found, assumed)


def _pathway_dates_possible(cat: Catalogue, ctx: Context, today: date, end: date) -> bool:
    """Cheap pre-filter: could any time-based pathway date fall between `today` and `end`?

    A date m months after an anchor (start of the Duldung, stay or employment; birth; entry)
    lies in month `anchor + m`, give or take the day after a period or the day before a
    birthday; so only month counts between the whole months to `today` and to `end` (widened by
    one) can hit the window. Skipping `assess` otherwise is what keeps the radar fast; a test
    compares the filtered radar with the unfiltered one.
    """
    offsets, fixed = _pathway_offsets(cat)
    first, last = today.toordinal(), end.toordinal()
    if any(first <= day <= last for day in fixed):
        return True
    situation = ctx.situation
    for anchor in (
        ctx.duldung_start,
        ctx.stay_start,
        situation.employment_since,
        situation.birth_date,
        situation.entry_date,
    ):
        if anchor is None:
            continue
        base = anchor.year * 12 + anchor.month
        low = today.year * 12 + today.month - base - 1
        high = end.year * 12 + end.month - base + 1
        index = bisect.bisect_left(offsets, low)
        if index < len(offsets) and offsets[index] <= high:
            return True
    return False


_offsets_cache: dict[int, tuple[list[int], tuple[int, ...]]] = {}


def _pathway_offsets(cat: Catalogue) -> tuple[list[int], tuple[int, ...]]:
    found = _offsets_cache.get(id(cat))
    if found is not None:
        return found
    months: set[int] = set()
    fixed: set[int] = set()
    for rule in cat.rules:
        if rule.pathway is None:
            continue
        for name, value in rule.params.items():
            if isinstance(value, int) and name.endswith("_years"):
                months.add(12 * value)
            elif isinstance(value, int) and "months" in name:
                months.add(value)
        for item in rule.identity_deadlines:
            if item.months_after_entry is not None:
                months.add(item.months_after_entry)
            if item.by_date is not None:
                fixed.add(item.by_date.toordinal())
    # Each offset may be shifted by one day (last day before a birthday, day after a period).
    found = (sorted(months), tuple(fixed))
    _offsets_cache[id(cat)] = found
    return found


def deadlines_batch(
    situations: Iterable[Situation], today: date, horizon_days: int
) -> list[list[Deadline]]:
    """The radar for many participants at once (one list per situation, in order)."""
    return [deadlines(situation, today, horizon_days) for situation in situations]


def radar_batch(situations: Iterable[Situation], today: date, horizon_days: int) -> list[Radar]:
    """`radar` for many participants at once (in order)."""
    return [radar(situation, today, horizon_days) for situation in situations]


def _document_expiry(cat: Catalogue, situation: Situation) -> date | None:
    valid_until = situation.document_valid_until
    if valid_until is None:
        return None
    if (
        situation.document is Document.RESIDENCE_PERMIT
        and situation.residence_permit_section == "24"
    ):
        # Temporary protection permits are continued by ordinance (UkraineAufenthFGV).
        for rule in cat.rules:
            if (
                rule.id == "R-AE-02"
                and "continued_until" in rule.params
                and rule.day("continued_if_valid_on") <= valid_until < rule.day("continued_until")
            ):
                return rule.day("continued_until")
    return valid_until


_DATE_FIELDS = ("asylum_request_date", "asylum_application_date", "duldung_since")


def _pathway_deadline(
    cat: Catalogue, kind: str, pathway: str, citation: str, condition: RawCondition, day: date
) -> Deadline:
    texts = _label(cat, (kind, pathway, condition.code, condition.params))
    return Deadline(day, kind, texts[0], texts[1], citation, pathway, *texts[2:])


def _label(cat: Catalogue, key: tuple[object, ...]) -> tuple[str, str, str, str, str, str]:
    """Label, event and subject, each in German and English."""
    found = _labels.get(key)
    if found is not None:
        return found
    kind = key[0]
    template = cat.text(f"deadline.{kind}")
    event = cat.text(f"event.{kind}")
    if kind in ("document_expiry", "document_expired"):
        subject = cat.text("subject.document")
        found = (template.de, template.en, event.de, event.en, subject.de, subject.en)
    elif kind in ("pathway_condition", "pathway_deadline"):
        _, pathway, code, params = key
        name = next(r.name for r in cat.rules if r.pathway == pathway and r.name is not None)
        condition = cat.text(f"condition.{code}")
        values = dict(params)  # type: ignore[call-overload]
        de_values = {k: format_de(v) if isinstance(v, date) else v for k, v in values.items()}
        en_values = {k: format_en(v) if isinstance(v, date) else v for k, v in values.items()}
        condition_de = condition.de.format(**de_values)
        condition_en = condition.en.format(**en_values)
        subject = cat.text("subject.pathway")
        found = (
            template.de.format(pathway=name.de, id=pathway, condition=condition_de),
            template.en.format(pathway=name.en, id=pathway, condition=condition_en),
            event.de.format(condition=condition_de),
            event.en.format(condition=condition_en),
            subject.de.format(pathway=name.de, id=pathway),
            subject.en.format(pathway=name.en, id=pathway),
        )
    else:
        _, activity, outcome = key
        names = cat.text(f"activity.{activity}")
        phrase = cat.text(f"outcome.{outcome}")
        found = (
            template.de.format(activity=names.de, outcome=phrase.de),
            template.en.format(activity=names.en, outcome=phrase.en),
            event.de,
            event.en,
            names.de,
            names.en,
        )
    _labels[key] = found
    return found
