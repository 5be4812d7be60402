"""Reading the rule data (rules/*.toml) into typed, validated objects, once per process."""

from __future__ import annotations

import bisect
import functools
import itertools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

from .model import Confidence, Outcome, Text

RULE_FILES = ("gestattung.toml", "duldung.toml", "titles.toml", "pathways.toml")


class RuleDataError(Exception):
    """The packaged rule data is inconsistent; raised at load time, never for user input."""


@dataclass(frozen=True, slots=True)
class IdentityDeadline:
    entry_until: date | None
    by_application: bool
    by_date: date | None
    months_after_entry: int | None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    valid_from: date
    valid_to: date | None
    confidence: Confidence
    citations: tuple[str, ...]
    sources: tuple[str, ...]
    reviewed_on: date
    explanation: Text
    outcome: Outcome | None = None
    outcome_if_measures_imminent: Outcome | None = None
    absolute_ban: bool = False
    params: Mapping[str, Any] = field(default_factory=dict)
    reading: str | None = None
    documents: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    outcomes: Mapping[str, Outcome] = field(default_factory=dict)
    pathway: str | None = None
    name: Text | None = None
    identity_deadlines: tuple[IdentityDeadline, ...] = ()
    humanitarian_sections: tuple[str, ...] = ()

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def months(self, name: str = "months") -> int:
        value = self.params[name]
        if not isinstance(value, int):
            raise RuleDataError(f"{self.id}: parameter {name} must be an integer")
        return value

    def day(self, name: str) -> date:
        value = self.params[name]
        if not isinstance(value, date):
            raise RuleDataError(f"{self.id}: parameter {name} must be a date")
        return value

    def formatted(self, **extra: object) -> Text:
        values = {**self.params, **extra}
        return Text(self.explanation.de.format(**values), self.explanation.en.format(**values))


@dataclass(frozen=True, slots=True)
class Ruleset:
    id: str
    valid_from: date
    valid_to: date | None
    enacted: bool
    title: Text
    note: Text | None
    entries: Mapping[str, tuple[Rule, ...]]

    def rule(self, rule_id: str, day: date) -> Rule:
        found = self.find(rule_id, day)
        if found is None:
            raise RuleDataError(f"ruleset {self.id} has no rule {rule_id} on {day}")
        return found

    def find(self, rule_id: str, day: date) -> Rule | None:
        # Beyond its period a ruleset is only asked when no enacted successor exists: it
        # then speaks for the days after, with the rules of its last day.
        if self.valid_to is not None and day > self.valid_to:
            day = self.valid_to
        for entry in self.entries.get(rule_id, ()):
            if entry.covers(day):
                return entry
        return None

    def status(self, today: date) -> str:
        if not self.enacted:
            return "draft_unverified"
        if self.valid_to is not None and self.valid_to < today:
            return "historic"
        if self.valid_from > today:
            return "enacted_future"
        return "in_force"


@dataclass(frozen=True, slots=True)
class SafeCountry:
    code: str
    name_de: str
    valid_from: date | None
    basis: str
    confidence: Confidence
    pending: bool
    ban_exempt_if_applied_until: date | None
    reading: str | None


@dataclass(frozen=True, slots=True)
class Catalogue:
    rulesets: tuple[Ruleset, ...]
    rules: tuple[Rule, ...]
    safe_countries: Mapping[str, SafeCountry]
    texts: Mapping[str, Any]
    _starts: tuple[date, ...]

    def ruleset_for(self, day: date) -> Ruleset | None:
        index = bisect.bisect_right(self._starts, day) - 1
        return self.rulesets[index] if index >= 0 else None

    def text(self, key: str) -> Text:
        node: Any = self.texts
        for part in key.split("."):
            node = node[part]
        return Text(str(node["de"]), str(node["en"]))

    def phrase(self, key: str) -> str:
        node: Any = self.texts
        for part in key.split("."):
            node = node[part]
        return str(node)


def _read(name: str) -> dict[str, Any]:
    data = resources.files(__package__).joinpath("rules", name).read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def _require(raw: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in raw:
        raise RuleDataError(f"{where}: missing '{key}'")
    value = raw[key]
    if not isinstance(value, kind):
        raise RuleDataError(f"{where}: '{key}' must be {kind.__name__}")
    return value


def _optional_date(raw: Mapping[str, Any], key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, date):
        raise RuleDataError(f"{where}: '{key}' must be a date")
    return value


def _rule(raw: Mapping[str, Any], reviewed_default: date | None, where: str) -> Rule:
    rule_id = _require(raw, "id", str, where)
    where = f"{where} {rule_id}"
    reviewed = raw.get("reviewed_on", reviewed_default)
    if not isinstance(reviewed, date):
        raise RuleDataError(f"{where}: missing reviewed_on")
    confidence = Confidence(_require(raw, "confidence", str, where))
    if confidence is Confidence.UNCERTAIN and not raw.get("reading"):
        raise RuleDataError(f"{where}: an uncertain rule must state the reading chosen")
    name = None
    if "name_de" in raw:
        name = Text(raw["name_de"], raw["name_en"])
    deadlines = tuple(
        IdentityDeadline(
            entry_until=item.get("entry_until"),
            by_application=item.get("by") == "application",
            by_date=item.get("by_date"),
            months_after_entry=item.get("months_after_entry"),
        )
        for item in raw.get("identity_deadlines", ())
    )
    return Rule(
        id=rule_id,
        valid_from=_require(raw, "valid_from", date, where),
        valid_to=_optional_date(raw, "valid_to", where),
        confidence=confidence,
        citations=tuple(_require(raw, "citations", list, where)),
        sources=tuple(_require(raw, "sources", list, where)),
        reviewed_on=reviewed,
        explanation=Text(raw.get("explanation_de", ""), raw.get("explanation_en", "")),
        outcome=Outcome(raw["outcome"]) if "outcome" in raw else None,
        outcome_if_measures_imminent=(
            Outcome(raw["outcome_if_measures_imminent"])
            if "outcome_if_measures_imminent" in raw
            else None
        ),
        absolute_ban=bool(raw.get("absolute_ban", False)),
        params=dict(raw.get("params", {})),
        reading=raw.get("reading"),
        documents=tuple(raw.get("documents", ())),
        sections=tuple(raw.get("sections", ())),
        outcomes={k: Outcome(v) for k, v in raw.get("outcomes", {}).items()},
        pathway=raw.get("pathway"),
        name=name,
        identity_deadlines=deadlines,
        humanitarian_sections=tuple(raw.get("humanitarian_sections", ())),
    )


def _check_no_overlap(rules: list[Rule]) -> None:
    by_id: dict[str, list[Rule]] = {}
    for rule in rules:
        by_id.setdefault(rule.id, []).append(rule)
    for rule_id, entries in by_id.items():
        entries.sort(key=lambda r: r.valid_from)
        for earlier, later in itertools.pairwise(entries):
            if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                raise RuleDataError(f"{rule_id}: validity periods overlap")


def _overlaps(rule: Rule, start: date, end: date | None) -> bool:
    return (end is None or rule.valid_from <= end) and (
        rule.valid_to is None or rule.valid_to >= start
    )


@functools.cache
def catalogue() -> Catalogue:
    rules: list[Rule] = []
    for name in RULE_FILES:
        raw = _read(name)
        default = raw.get("reviewed_on")
        rules.extend(_rule(item, default, name) for item in raw.get("rule", ()))
    _check_no_overlap(rules)

    rulesets: list[Ruleset] = []
    for item in _read("rulesets.toml")["ruleset"]:
        where = f"rulesets.toml {item.get('id')}"
        start = _require(item, "valid_from", date, where)
        end = _optional_date(item, "valid_to", where)
        entries: dict[str, list[Rule]] = {}
        for rule in rules:
            if _overlaps(rule, start, end):
                entries.setdefault(rule.id, []).append(rule)
        note = Text(item["note_de"], item["note_en"]) if "note_de" in item else None
        rulesets.append(
            Ruleset(
                id=_require(item, "id", str, where),
                valid_from=start,
                valid_to=end,
                enacted=_require(item, "enacted", bool, where),
                title=Text(item["title_de"], item["title_en"]),
                note=note,
                entries={k: tuple(v) for k, v in entries.items()},
            )
        )
    rulesets.sort(key=lambda r: r.valid_from)
    for earlier, later in itertools.pairwise(rulesets):
        if earlier.valid_to is None or (later.valid_from - earlier.valid_to).days != 1:
            raise RuleDataError(f"rulesets {earlier.id} and {later.id} are not contiguous")
    if rulesets[-1].valid_to is not None:
        raise RuleDataError("the newest ruleset must be open-ended")

    countries: dict[str, SafeCountry] = {}
    for item in _read("safe_countries.toml")["country"]:
        where = f"safe_countries.toml {item.get('code')}"
        pending = bool(item.get("pending", False))
        valid_from = _optional_date(item, "valid_from", where)
        if valid_from is None and not pending:
            raise RuleDataError(f"{where}: a designated country needs valid_from")
        countries[item["code"]] = SafeCountry(
            code=item["code"],
            name_de=item["name_de"],
            valid_from=valid_from,
            basis=item["basis"],
            confidence=Confidence(item["confidence"]),
            pending=pending,
            ban_exempt_if_applied_until=_optional_date(item, "ban_exempt_if_applied_until", where),
            reading=item.get("reading"),
        )

    return Catalogue(
        rulesets=tuple(rulesets),
        rules=tuple(rules),
        safe_countries=countries,
        texts=_read("texts.toml"),
        _starts=tuple(r.valid_from for r in rulesets),
    )
