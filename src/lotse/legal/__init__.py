"""Residence status and labour-market access: a rules engine counsellors can trust.

Pure Python (standard library only, no Django) so that the web app, the API, the command line
and the deadline radar share one implementation, and tests run in milliseconds.

Rules are data. ``rules/*.toml`` holds every rule of the catalogue
(``/shared/domain/legal-rules.md``) with its ``valid_from``/``valid_to``, citations, confidence
(``verified``/``practitioner``/``uncertain`` from the catalogue's [V]/[P]/[U]), source URLs,
``reviewed_on`` date, parameters (waiting months, cut-off dates) and German and English
explanations. A rule that changed with the law has several entries with adjacent periods (the
9-month wait before 27.02.2024, 6 months after, 3 months in the GEAS draft), so the versions
differ by data, not by code branches. Safe countries of origin carry their own designation dates.

Versions: ``rules/rulesets.toml`` names contiguous periods (2020-03-01, 2022-12-31,
2024-02-27 and the GEAS draft from 2026-06-12). The reference date selects one; the rules in it
are the entries whose periods overlap it. Dates in the answer (the end of a waiting period) are
found by sampling the legal position on every day a period ends; a day in a later *enacted*
ruleset is judged by that ruleset, so a historic case crossing 27.02.2024 gets the new 6-month
wait. A draft ruleset is never projected into: the answer warns instead.

Confidence: each activity's confidence is the weakest of the rules it rests on; an answer under
a draft ruleset is ``uncertain`` and carries a ``rules_unverified`` warning; every uncertain rule
used adds a warning naming the reading chosen. Missing input is never guessed in the person's
favour: the engine takes the assumption that cannot wrongly permit work and warns. Facts only an
authority can establish (identity deception, imminent removal measures, entry to obtain
benefits) are inputs, echoed in the answer with their source.

Missing dates: a start date that is not given (asylum request, formal application, Duldung
since) is replaced by the reference date, the latest it can be. Each activity answer says what
its dates rest on: ``available_from_basis`` is ``facts`` when every date it used was recorded,
``assumed`` when one was replaced (the answer is then "at the latest" and says so), with the
replaced inputs in ``assumed_fields``. A pathway condition counted from a replaced date is
``unknown``; the radar gives no deadline counted from one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .cli import evaluate_json, main
from .engine import evaluate, ruleset_info
from .loader import catalogue
from .model import (
    ACTIVITIES,
    DECISION_CHOICES,
    DOCUMENT_CHOICES,
    STAY_KIND_CHOICES,
    Activity,
    ActivityResult,
    AuthorityFindings,
    Basis,
    Condition,
    ConditionStatus,
    Confidence,
    Deadline,
    Decision,
    Document,
    Evaluation,
    Finding,
    Outcome,
    Pathway,
    PathwayStatus,
    ProgrammeEligibility,
    RulesetInfo,
    Situation,
    StayKind,
    StayPeriod,
    Warning,
)
from .parse import InputError, parse_situation
from .radar import Radar, deadlines, deadlines_batch, radar, radar_batch


def rulesets(today: date | None = None) -> list[RulesetInfo]:
    """The versioned rulesets, oldest first, with their status as of `today`."""
    day = today or date.today()
    return [ruleset_info(r, day) for r in catalogue().rulesets]


def ruleset_summary(today: date | None = None) -> list[dict[str, Any]]:
    return [info.to_json() for info in rulesets(today)]


__all__ = [
    "ACTIVITIES",
    "DECISION_CHOICES",
    "DOCUMENT_CHOICES",
    "STAY_KIND_CHOICES",
    "Activity",
    "ActivityResult",
    "AuthorityFindings",
    "Basis",
    "Condition",
    "ConditionStatus",
    "Confidence",
    "Deadline",
    "Decision",
    "Document",
    "Evaluation",
    "Finding",
    "InputError",
    "Outcome",
    "Pathway",
    "PathwayStatus",
    "ProgrammeEligibility",
    "Radar",
    "RulesetInfo",
    "Situation",
    "StayKind",
    "StayPeriod",
    "Warning",
    "deadlines",
    "deadlines_batch",
    "evaluate",
    "evaluate_json",
    "main",
    "parse_situation",
    "radar",
    "radar_batch",
    "ruleset_summary",
    "rulesets",
]
