"""Evaluation of a situation: activities, programme eligibility, pathways and warnings."""

from __future__ import annotations

import re
from datetime import date

from .activities import Step, Timeline, change_days, timeline, title_rule
from .dates import format_de, format_en
from .facts import Context, Note
from .loader import Catalogue, Rule, Ruleset
from .model import (
    ACTIVITIES,
    ASYLUM_DOCUMENTS,
    DULDUNG_DOCUMENTS,
    Activity,
    ActivityResult,
    Basis,
    Condition,
    Confidence,
    Document,
    Evaluation,
    Finding,
    LaterStep,
    Outcome,
    Pathway,
    ProgrammeEligibility,
    RulesetInfo,
    Situation,
    Text,
    Warning,
    weakest,
)
from .pathways import RawPathway, assess

_SENTENCE = re.compile(r"[.;\n]+")


def evaluate(situation: Situation) -> Evaluation:
    ctx = Context(situation, situation.reference_date)
    cat = ctx.cat
    days = change_days(ctx)
    used: dict[str, Rule] = {}
    timelines: dict[Activity, Timeline] = {}
    assumed: dict[Activity, tuple[str, ...]] = {}
    for activity in ACTIVITIES:
        ctx.touched = set()
        timelines[activity] = timeline(ctx, activity, days)
        assumed[activity] = tuple(sorted(ctx.touched))
    activities = {
        a: _activity_result(cat, ctx, a, steps, used, assumed[a]) for a, steps in timelines.items()
    }
    raw_pathways = assess(ctx)
    pathways = tuple(_pathway(cat, ctx, raw, used) for raw in raw_pathways)
    programme = _programme(cat, ctx, timelines[Activity.EMPLOYMENT][0][1], used)
    _check_annotation(ctx, timelines)
    _check_dates(ctx)
    if ctx.is_duldung:
        _note_missing_findings(ctx)
    if situation.document is Document.FIKTIONSBESCHEINIGUNG or (
        situation.document is Document.RESIDENCE_PERMIT
    ):
        code = title_rule(ctx)[2]
        if code is not None:
            ctx.note(
                code, "residence_permit_section", section=situation.residence_permit_section or ""
            )
    dublin_matters = any(ctx.ruleset_at(d).find("R-GEAS-DUBLIN", d) for d in [ctx.ref, *days])
    if ctx.is_asylum and situation.dublin_procedure is None and dublin_matters:
        ctx.note("missing_input_dublin", "dublin_procedure")
    warnings = _warnings(cat, ctx, activities, raw_pathways, used)
    return Evaluation(
        reference_date=ctx.ref,
        ruleset=ruleset_info(ctx.ruleset, ctx.ref),
        activities=activities,
        programme_eligibility=(programme,),
        pathways=pathways,
        warnings=warnings,
        assumed_findings=_findings(situation),
        disclaimer=cat.text("disclaimer"),
    )


def ruleset_info(ruleset: Ruleset, today: date) -> RulesetInfo:
    return RulesetInfo(
        ruleset.id, ruleset.valid_from, ruleset.valid_to, ruleset.status(today), ruleset.title
    )


# --- activities ---------------------------------------------------------------------------


def _activity_result(
    cat: Catalogue,
    ctx: Context,
    activity: Activity,
    steps: Timeline,
    used: dict[str, Rule],
    assumed: tuple[str, ...],
) -> ActivityResult:
    current = steps[0][1]
    waiting: Step | None = None
    reported, available_from, later = current, None, steps[1:]
    if current.outcome is Outcome.FORBIDDEN and not current.absolute_ban:
        for index, (day, step) in enumerate(steps[1:], start=1):
            if step.outcome is not Outcome.FORBIDDEN:
                waiting, reported, available_from = current, step, day
                later = steps[index + 1 :]
                break
    involved = [reported.rule]
    if reported.ba_rule is not None and reported.needs_abh:
        involved.append(reported.ba_rule)
    if waiting is not None:
        involved.insert(0, waiting.rule)
    qualifier = title_rule(ctx)[1] if not (ctx.is_asylum or ctx.is_duldung) else None
    if qualifier is not None:
        involved.append(qualifier)
    for rule in involved:
        used[rule.id] = rule
    for _, step in later:
        used[step.rule.id] = step.rule
    confidences = [rule.confidence for rule in involved]
    if reported.rule.absolute_ban and ctx.safe_country is not None:
        confidences.append(ctx.safe_country.confidence)
    if not reported.ruleset.enacted:
        confidences.append(Confidence.UNCERTAIN)
    return ActivityResult(
        activity=activity,
        outcome=reported.outcome,
        available_from=available_from,
        absolute_ban=reported.absolute_ban,
        needs_abh_permit=reported.needs_abh,
        needs_ba_consent=reported.needs_ba,
        citations=_unique(c for rule in involved for c in rule.citations),
        confidence=weakest(confidences),
        explanation=_explain(cat, reported, waiting, available_from, later, latest=bool(assumed)),
        rules=_unique(rule.id for rule in involved),
        sources=_unique(s for rule in involved for s in rule.sources),
        later=tuple(
            LaterStep(
                day,
                step.outcome,
                step.needs_abh,
                step.needs_ba,
                step.rule.id,
                _unique([*step.rule.citations, *(step.ba_rule.citations if step.ba_rule else ())]),
                _step_confidence(step),
            )
            for day, step in later
        ),
        available_from_basis=Basis.ASSUMED if assumed else Basis.FACTS,
        assumed_fields=assumed,
        citation=reported.rule.citations[0] if reported.rule.citations else "",
    )


def _step_confidence(step: Step) -> Confidence:
    found = [step.rule.confidence]
    if step.ba_rule is not None and step.needs_abh:
        found.append(step.ba_rule.confidence)
    if not step.ruleset.enacted:
        found.append(Confidence.UNCERTAIN)
    return weakest(found)


def _step_text(step: Step) -> Text:
    text = step.rule.formatted()
    if step.needs_abh and step.ba_rule is not None:
        extra = step.ba_rule.formatted()
        text = Text(f"{text.de} {extra.de}", f"{text.en} {extra.en}")
    return text


def _explain(
    cat: Catalogue,
    reported: Step,
    waiting: Step | None,
    start: date | None,
    later: Timeline,
    *,
    latest: bool,
) -> Text:
    """The answer in words; with `latest` (a missing date was replaced by the reference date)
    its dates are the latest possible ones, and it says so."""
    text = _step_text(reported)
    de, en = text.de, text.en
    until = "phrase.until_assumed" if latest else "phrase.until"
    since = "phrase.from_latest" if latest else "phrase.from"
    if waiting is not None and start is not None:
        before = waiting.rule.formatted()
        de = (
            cat.phrase(f"{until}_de").format(text=before.de)
            + " "
            + cat.phrase(f"{since}_de").format(date=format_de(start), text=de)
        )
        en = (
            cat.phrase(f"{until}_en").format(text=before.en)
            + " "
            + cat.phrase(f"{since}_en").format(date=format_en(start), text=en)
        )
    previous = reported
    for day, step in later:
        if step.rule is not previous.rule:
            detail = step.rule.formatted()
        elif step.ba_rule is not None and step.ba_rule is not previous.ba_rule:
            detail = step.ba_rule.formatted()
        else:
            detail = cat.text(f"outcome.{step.outcome.value}")
        de += " " + cat.phrase(f"{since}_de").format(date=format_de(day), text=detail.de)
        en += " " + cat.phrase(f"{since}_en").format(date=format_en(day), text=detail.en)
        previous = step
    if latest:
        de += " " + cat.phrase("phrase.assumed_de")
        en += " " + cat.phrase("phrase.assumed_en")
    return Text(de, en)


def _unique(items: object) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))  # type: ignore[call-overload]


# --- pathways and programme ---------------------------------------------------------------------


def _pathway(cat: Catalogue, ctx: Context, raw: RawPathway, used: dict[str, Rule]) -> Pathway:
    rule = raw.rule
    if rule is None:
        rule = next(r for r in cat.rules if r.pathway == raw.pathway)
        confidence = rule.confidence
    else:
        used[rule.id] = rule
        confidence = rule.confidence if ctx.ruleset.enacted else Confidence.UNCERTAIN
    assert rule.name is not None
    conditions = tuple(
        Condition(c.code, c.status, _label(cat, c.code, c.params), c.met_on, c.deadline)
        for c in raw.conditions
    )
    return Pathway(
        raw.pathway,
        rule.citations[0],
        rule.name,
        raw.status,
        confidence,
        conditions,
        raw.earliest,
        rule.id,
    )


def _label(cat: Catalogue, code: str, params: tuple[tuple[str, object], ...]) -> Text:
    template = cat.text(f"condition.{code}")
    de = {k: format_de(v) if isinstance(v, date) else v for k, v in params}
    en = {k: format_en(v) if isinstance(v, date) else v for k, v in params}
    return Text(template.de.format(**de), template.en.format(**en))


def _programme(
    cat: Catalogue, ctx: Context, employment: Step, used: dict[str, Rule]
) -> ProgrammeEligibility:
    rule = ctx.ruleset.rule("PROG-WIR", ctx.ref)
    used[rule.id] = rule
    situation = ctx.situation
    if situation.document in ASYLUM_DOCUMENTS or situation.document in DULDUNG_DOCUMENTS:
        key = "absolute_ban" if employment.absolute_ban else "eligible"
    elif situation.residence_permit_section in rule.humanitarian_sections and (
        situation.document is not Document.SETTLEMENT_PERMIT
    ):
        key = "eligible"
    else:
        key = "not_target_group"
    return ProgrammeEligibility(
        "wir", key == "eligible", rule.confidence, cat.text(f"programme.wir.{key}"), rule.id
    )


# --- warnings -------------------------------------------------------------------------------------


def _classify(sentence: str) -> tuple[tuple[Activity, ...], str] | None:
    lowered = sentence.lower()
    if "selbst" in lowered:
        subjects: tuple[Activity, ...] = (Activity.SELF_EMPLOYMENT,)
    elif "erwerbstätigkeit" in lowered or "erwerbstaetigkeit" in lowered:
        subjects = (Activity.EMPLOYMENT, Activity.SELF_EMPLOYMENT)
    elif "beschäftigung" in lowered or "beschaeftigung" in lowered or "arbeit" in lowered:
        subjects = (Activity.EMPLOYMENT,)
    else:
        return None
    if "nicht" in lowered or "untersagt" in lowered or "verboten" in lowered:
        return subjects, "forbids"
    if "nur mit" in lowered or "nur nach" in lowered:
        return subjects, "permit_required"
    if "erlaubt" in lowered or "gestattet" in lowered:
        return subjects, "allows"
    return None


def _check_annotation(ctx: Context, timelines: dict[Activity, Timeline]) -> None:
    annotation = ctx.situation.document_annotation
    if annotation is None:
        return
    verdicts = [v for s in _SENTENCE.split(annotation) if s.strip() and (v := _classify(s))]
    if not verdicts:
        ctx.note("annotation_unrecognised", "document_annotation", annotation=annotation)
        return
    is_title = not (ctx.is_asylum or ctx.is_duldung)
    for subjects, verdict in verdicts:
        for activity in subjects:
            now = timelines[activity][0][1]
            detail = None
            if verdict == "forbids" and now.outcome is not Outcome.FORBIDDEN:
                detail = "restricts_title" if is_title else "forbids"
            elif verdict == "allows" and now.outcome is Outcome.FORBIDDEN:
                detail = "allows"
            elif verdict == "permit_required" and (is_title or now.absolute_ban):
                detail = "restricts_title" if is_title else "allows"
            if detail is not None:
                ctx.note(
                    "annotation_contradiction",
                    "document_annotation",
                    annotation=annotation,
                    detail=detail,
                )


def _check_dates(ctx: Context) -> None:
    s = ctx.situation
    if s.document_valid_until is not None and s.document_valid_until < ctx.ref:
        # The answer reads the document shown; on a later day it may have been replaced.
        ctx.note(
            "document_expired",
            "document_valid_until",
            date_de=format_de(s.document_valid_until),
            date_en=format_en(s.document_valid_until),
        )
    pairs = [
        (
            "asylum_application_date",
            s.asylum_application_date,
            "asylum_request_date",
            s.asylum_request_date,
        ),
        ("asylum_request_date", s.asylum_request_date, "entry_date", s.entry_date),
        ("asylum_application_date", s.asylum_application_date, "entry_date", s.entry_date),
        ("duldung_since", s.duldung_since, "entry_date", s.entry_date),
    ]
    for later_name, later, earlier_name, earlier in pairs:
        if later is not None and earlier is not None and later < earlier:
            ctx.note("inconsistent_dates", later_name, later=later_name, earlier=earlier_name)


def _note_missing_findings(ctx: Context) -> None:
    findings = ctx.situation.authority_findings
    for name in (
        "entered_to_obtain_benefits",
        "removal_obstructed_by_own_fault",
        "removal_measures_imminent",
    ):
        if getattr(findings, name).value is None:
            ctx.note("missing_input_finding_assumed_absent", f"authority_findings.{name}")


def _findings(situation: Situation) -> dict[str, Finding]:
    findings = situation.authority_findings
    return {
        "entered_to_obtain_benefits": findings.entered_to_obtain_benefits,
        "removal_obstructed_by_own_fault": findings.removal_obstructed_by_own_fault,
        "removal_measures_imminent": findings.removal_measures_imminent,
    }


def _render(cat: Catalogue, note: Note) -> Warning:
    code, field, items = note
    params = dict(items)
    if code == "annotation_contradiction":
        detail = params.pop("detail")
        params["detail_de"] = cat.phrase(f"annotation_detail.{detail}_de")
        params["detail_en"] = cat.phrase(f"annotation_detail.{detail}_en")
    if code == "inconsistent_dates":
        later, earlier = _field_label(cat, params["later"]), _field_label(cat, params["earlier"])
        params["detail_de"] = f"„{later.de}“ liegt vor „{earlier.de}“."
        params["detail_en"] = f"'{later.en}' is before '{earlier.en}'."
    label = _field_label(cat, field) if field else Text("", "")
    template = cat.text(f"warning.{code}")
    de = template.de.format(field=label.de, assumed=params.get("assumed_de", ""), **params)
    en = template.en.format(field=label.en, assumed=params.get("assumed_en", ""), **params)
    return Warning(_code(code), Text(de, en), field)


def _field_label(cat: Catalogue, field: str) -> Text:
    """How the form names `field`; its own name where the catalogue has none (never shown for
    the fields warnings name, which a test holds to the catalogue)."""
    try:
        return cat.text(f"field.{field}")
    except KeyError:
        return Text(field, field)


def _code(code: str) -> str:
    return "missing_input" if code.startswith("missing_input") else code


def _warnings(
    cat: Catalogue,
    ctx: Context,
    activities: dict[Activity, ActivityResult],
    pathways: list[RawPathway],
    used: dict[str, Rule],
) -> tuple[Warning, ...]:
    result: list[Warning] = []
    ruleset = ctx.ruleset
    if not ruleset.enacted:
        note = ruleset.note or Text("", "")
        template = cat.text("warning.rules_unverified")
        result.append(
            Warning(
                "rules_unverified",
                Text(
                    template.de.format(title=ruleset.title.de, note=note.de),
                    template.en.format(title=ruleset.title.en, note=note.en),
                ),
            )
        )
    else:
        draft = next((r for r in cat.rulesets if not r.enacted and r.valid_from > ctx.ref), None)
        dates = [
            d for r in activities.values() for d in (r.available_from, *(s.start for s in r.later))
        ]
        dates += [d for p in pathways for d in (p.earliest, *(c.met_on for c in p.conditions))]
        if draft is not None and any(d is not None and d >= draft.valid_from for d in dates):
            template = cat.text("warning.rules_change_ahead")
            result.append(
                Warning(
                    "rules_change_ahead",
                    Text(
                        template.de.format(date=format_de(draft.valid_from), title=draft.title.de),
                        template.en.format(date=format_en(draft.valid_from), title=draft.title.en),
                    ),
                )
            )
    assert ctx.notes is not None
    result.extend(_render(cat, note) for note in ctx.notes)
    template = cat.text("warning.uncertain_rule")
    for rule in used.values():
        if rule.confidence is Confidence.UNCERTAIN:
            values = {
                "rule": rule.id,
                "citation": ", ".join(rule.citations),
                "reading": rule.reading,
            }
            result.append(
                Warning(
                    "uncertain_rule",
                    Text(template.de.format(**values), template.en.format(**values)),
                )
            )
    return tuple(result)
