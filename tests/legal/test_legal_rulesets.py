"""The rule data: versions, their periods, and the integrity of every rule entry."""

import itertools
import re
from datetime import date, timedelta

import pytest

from lotse.legal import Confidence, evaluate_json, rulesets
from lotse.legal.loader import catalogue

STATE_RULES = (
    "R-GEST-01",
    "R-GEST-02",
    "R-GEST-03-WAIT",
    "R-GEST-03",
    "R-GEST-04",
    "R-GEST-05",
    "R-GEST-06",
    "R-GEST-07",
    "R-GEST-08",
    "R-BA-01",
    "R-BA-02-TRAINING",
    "R-BA-02-INTERNSHIP",
    "R-DUL-01-BENEFITS",
    "R-DUL-01-OWN-FAULT",
    "R-DUL-01-SAFE-COUNTRY",
    "R-DUL-02",
    "R-DUL-03",
    "R-DUL-03B",
    "R-DUL-04",
    "R-DUL-05",
    "R-DUL-06",
    "R-DUL-07-TRAINING",
    "R-AE-00",
    "R-NE",
    "R-FIKTION",
    "PROG-WIR",
    "P-60C",
    "P-60D",
    "P-25A",
    "P-25B",
)


@pytest.mark.parametrize(
    ("day", "ruleset"),
    [
        ("2020-03-01", "2020-03-fachkraefte"),
        ("2022-12-30", "2020-03-fachkraefte"),
        ("2022-12-31", "2022-12-chancen"),
        ("2024-02-26", "2022-12-chancen"),
        ("2024-02-27", "2024-02-rueckfuehrung"),
        ("2026-06-11", "2024-02-rueckfuehrung"),
        ("2026-06-12", "2026-06-geas-draft"),
        ("2030-01-01", "2026-06-geas-draft"),
    ],
)
def test_each_version_is_used_for_its_own_period(day: str, ruleset: str) -> None:
    result = evaluate_json({"document": "settlement_permit", "reference_date": day})
    assert result["ruleset"]["id"] == ruleset
    assert result["reference_date"] == day


def test_rulesets_are_contiguous_and_only_the_geas_draft_is_unverified() -> None:
    listed = rulesets(date(2026, 11, 22))
    for earlier, later in itertools.pairwise(listed):
        assert earlier.valid_to is not None
        assert earlier.valid_to + timedelta(days=1) == later.valid_from
    assert [r.status for r in listed] == ["historic", "historic", "historic", "draft_unverified"]
    assert [r.status for r in rulesets(date(2025, 1, 1))][2] == "in_force"


def test_reference_date_only_covered_by_unverified_rules_always_warns() -> None:
    for day in ("2026-06-12", "2027-01-01"):
        for document in ("settlement_permit", "gestattung", "duldung"):
            result = evaluate_json({"document": document, "reference_date": day})
            assert "rules_unverified" in [w["code"] for w in result["warnings"]]
            assert {a["confidence"] for a in result["activities"].values()} == {"uncertain"}


@pytest.mark.parametrize("rule_id", STATE_RULES)
def test_every_ruleset_has_exactly_one_entry_of_each_state_rule_on_each_day(rule_id: str) -> None:
    for ruleset in catalogue().rulesets:
        last = ruleset.valid_to or ruleset.valid_from + timedelta(days=3650)
        for day in (ruleset.valid_from, last):
            entries = [r for r in ruleset.entries.get(rule_id, ()) if r.covers(day)]
            assert len(entries) == 1, (ruleset.id, day)


def test_state_rule_entries_change_only_at_ruleset_boundaries() -> None:
    starts = {r.valid_from for r in catalogue().rulesets}
    ends = {r.valid_to for r in catalogue().rulesets if r.valid_to is not None}
    for rule in catalogue().rules:
        if rule.id in STATE_RULES:
            assert rule.valid_from in starts, rule.id
            assert rule.valid_to is None or rule.valid_to in ends, rule.id


def test_every_rule_has_citation_source_review_date_and_texts_that_format() -> None:
    for rule in catalogue().rules:
        assert rule.citations, rule.id
        assert rule.sources, rule.id
        assert rule.reviewed_on, rule.id
        assert all(re.match(r"https?://", url) for url in rule.sources), rule.id
        text = rule.formatted()
        assert "{" not in text.de + text.en, rule.id
        if rule.outcome is not None:
            assert text.de, rule.id
            assert text.en, rule.id
        if rule.confidence is Confidence.UNCERTAIN:
            assert rule.reading, rule.id


def test_versions_differ_by_data() -> None:
    by_ruleset = {
        r.id: (r.rule("R-GEST-02", r.valid_from).months(), r.rule("R-DUL-04", r.valid_from).outcome)
        for r in catalogue().rulesets
    }
    assert by_ruleset == {
        "2020-03-fachkraefte": (9, "discretionary_permit"),
        "2022-12-chancen": (9, "discretionary_permit"),
        "2024-02-rueckfuehrung": (6, "permit_as_rule"),
        "2026-06-geas-draft": (3, "permit_as_rule"),
    }


def test_safe_country_list_carries_designation_dates() -> None:
    countries = catalogue().safe_countries
    assert countries["GE"].valid_from == date(2023, 12, 23)
    assert countries["GE"].ban_exempt_if_applied_until == date(2023, 8, 30)
    assert countries["RS"].valid_from == date(2014, 11, 6)
    assert countries["DZ"].pending
    assert countries["DZ"].valid_from is None
