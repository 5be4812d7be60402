"""Facts derived once per situation and reference date, shared by the engine, pathways and radar.

`Context` also records the assumptions made for missing input, as notes that the engine turns
into warnings (the radar ignores them, which keeps it fast).
"""

from __future__ import annotations

from datetime import date

from .dates import ONE_DAY, months_after_event, months_completed
from .loader import Rule, Ruleset, SafeCountry, catalogue
from .model import (
    ASYLUM_DOCUMENTS,
    DULDUNG_DOCUMENTS,
    Decision,
    Document,
    Situation,
    StayKind,
)

Note = tuple[str, str | None, tuple[tuple[str, str], ...]]

_OU_DECISIONS = frozenset({Decision.REJECTED_MANIFESTLY_UNFOUNDED, Decision.REJECTED_INADMISSIBLE})
_REJECTED = frozenset(
    {Decision.REJECTED, Decision.REJECTED_MANIFESTLY_UNFOUNDED, Decision.REJECTED_INADMISSIBLE}
)
_COUNTING_KINDS = frozenset({StayKind.PERMITTED, StayKind.TOLERATED, StayKind.GESTATTET})
_DULDUNG_KINDS = frozenset({StayKind.TOLERATED})


def chain_start(
    situation: Situation, current: date | None, kinds: frozenset[StayKind]
) -> date | None:
    """Start of the uninterrupted stay that ends with the current status, extended backwards by
    prior periods of the given kinds that touch it (a gap of even one day interrupts)."""
    if current is None:
        return None
    start = current
    for period in reversed(situation.prior_stay):
        if period.kind in kinds and period.start < start and period.end >= start - ONE_DAY:
            start = period.start
    return start


class Context:
    __slots__ = (
        "_cache",
        "application_date",
        "assumed",
        "benefits_finding",
        "cat",
        "dublin",
        "duldung_assumed",
        "duldung_start",
        "in_reception_centre",
        "is_asylum",
        "is_duldung",
        "measures_imminent",
        "notes",
        "ou_excluded",
        "own_fault_finding",
        "projected",
        "ref",
        "request_date",
        "ruleset",
        "safe_ban_from",
        "safe_country",
        "situation",
        "stay_assumed",
        "stay_start",
        "touched",
    )

    def __init__(self, situation: Situation, ref: date, *, collect_notes: bool = True) -> None:
        cat = catalogue()
        ruleset = cat.ruleset_for(ref)
        if ruleset is None:
            raise ValueError(f"no ruleset covers {ref.isoformat()}")
        self.situation = situation
        self.ref = ref
        self.cat = cat
        self.ruleset = ruleset
        self.notes: list[Note] | None = [] if collect_notes else None
        self._cache: dict[tuple[int, int, str], date] = {}
        # Later enacted rulesets are projected into (their dates are law); a draft never is.
        later = [r for r in cat.rulesets if r.valid_from > ruleset.valid_from]
        self.projected: tuple[Ruleset, ...] = (ruleset,) + (
            tuple(r for r in later if r.enacted) if ruleset.enacted else ()
        )
        document = situation.document
        self.is_asylum = document in ASYLUM_DOCUMENTS
        self.is_duldung = document in DULDUNG_DOCUMENTS
        findings = situation.authority_findings
        self.benefits_finding = bool(findings.entered_to_obtain_benefits.value)
        self.own_fault_finding = bool(findings.removal_obstructed_by_own_fault.value)
        self.measures_imminent = bool(findings.removal_measures_imminent.value)
        decision = situation.asylum_decision
        self.ou_excluded = decision in _OU_DECISIONS and not situation.suspensive_effect_ordered
        self.dublin = bool(situation.dublin_procedure)
        self.request_date = situation.asylum_request_date or situation.asylum_application_date
        self.application_date = situation.asylum_application_date
        self.in_reception_centre = self._reception_centre()
        self.stay_start: date | None = None
        self.duldung_start: date | None = None
        # Input dates replaced by the reference date, and those an answer has read so far: an
        # answer that read one rests on an assumption ("at the latest"), not on facts.
        self.assumed: set[str] = set()
        self.touched: set[str] = set()
        self.stay_assumed: str | None = None
        self.duldung_assumed: str | None = None
        if self.is_asylum:
            current = self.request_date
            if current is None:
                self.note("missing_input_start_assumed", "asylum_request_date")
                self.stay_assumed = "asylum_request_date"
                self.assumed.add("asylum_request_date")
                current = ref
            self.stay_start = chain_start(situation, current, _COUNTING_KINDS)
        elif self.is_duldung:
            if document is Document.DULDUNG_60B:
                # § 60b time counts for nothing, so the chain only starts after it.
                self.stay_start = self.duldung_start = None
            else:
                current = situation.duldung_since
                if current is None:
                    self.note("missing_input_start_assumed", "duldung_since")
                    self.stay_assumed = self.duldung_assumed = "duldung_since"
                    self.assumed.add("duldung_since")
                    current = ref
                self.stay_start = chain_start(situation, current, _COUNTING_KINDS)
                self.duldung_start = chain_start(situation, current, _DULDUNG_KINDS)
        self.safe_country, self.safe_ban_from = self._safe_country_ban()

    # --- notes ---------------------------------------------------------------------------------

    def note(self, code: str, field: str | None = None, **params: str) -> None:
        if self.notes is not None:
            entry = (code, field, tuple(sorted(params.items())))
            if entry not in self.notes:
                self.notes.append(entry)

    # --- cached period ends -----------------------------------------------------------------------

    def completed(self, start: date, rule: Rule, param: str = "months") -> date:
        """First day `rule.params[param]` months of a stay from `start` are complete (cached)."""
        key = (start.toordinal(), id(rule), param)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = months_completed(start, rule.months(param))
        return found

    def after_event(self, event: date, rule: Rule) -> date:
        key = (-event.toordinal(), id(rule), "")
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = months_after_event(event, rule.months())
        return found

    def application_or_assumed(self) -> date:
        if self.application_date is None:
            self.note("missing_input_start_assumed", "asylum_application_date")
            self.assumed.add("asylum_application_date")
            self.touched.add("asylum_application_date")
            return self.ref
        return self.application_date

    def stay_from(self) -> date:
        """The start of the counted stay, for an answer (which then rests on it)."""
        assert self.stay_start is not None
        if self.stay_assumed is not None:
            self.touched.add(self.stay_assumed)
        return self.stay_start

    def duldung_from(self) -> date:
        assert self.duldung_start is not None
        if self.duldung_assumed is not None:
            self.touched.add(self.duldung_assumed)
        return self.duldung_start

    def ruleset_at(self, day: date) -> Ruleset:
        chosen = self.projected[0]
        for ruleset in self.projected[1:]:
            if ruleset.valid_from <= day:
                chosen = ruleset
        return chosen

    # --- derived facts ---------------------------------------------------------------------------

    def _reception_centre(self) -> bool:
        value = self.situation.lives_in_reception_centre
        if value is not None or not (self.is_asylum or self.is_duldung):
            return bool(value)
        # An arrival certificate is issued in the reception centre; later documents usually not.
        assumed = self.situation.document is Document.ANKUNFTSNACHWEIS
        self.note(
            "missing_input_reception_centre",
            "lives_in_reception_centre",
            assumed_de="Wohnpflicht in der Aufnahmeeinrichtung" if assumed else "keine Wohnpflicht",
            assumed_en="obliged to live in the reception centre" if assumed else "no such duty",
        )
        return assumed

    def _safe_country_ban(self) -> tuple[SafeCountry | None, date | None]:
        situation = self.situation
        if not (self.is_asylum or self.is_duldung):
            return None, None
        if situation.nationality == "unknown":
            self.note("missing_input_nationality", "nationality")
            return None, None
        country = self.cat.safe_countries.get(situation.nationality)
        if country is None:
            return None, None
        if country.pending or country.valid_from is None:
            self.note("safe_country_pending", "nationality", country=country.name_de)
            return None, None
        rule_id = "R-GEST-05" if self.is_asylum else "R-DUL-01-SAFE-COUNTRY"
        cutoff = self.ruleset.rule(rule_id, self.ruleset.valid_from).day("applied_after")
        applies = (
            self._asylum_ban_applies(country, cutoff)
            if self.is_asylum
            else self._duldung_ban_applies(country, cutoff)
        )
        return (country, country.valid_from) if applies else (None, None)

    def _asylum_ban_applies(self, country: SafeCountry, cutoff: date) -> bool:
        applied = self.request_date
        if applied is None:
            self.note("missing_input_ban_assumed", "asylum_request_date")
            return True
        exempt_until = country.ban_exempt_if_applied_until
        return applied > cutoff and not (exempt_until is not None and applied <= exempt_until)

    def _duldung_ban_applies(self, country: SafeCountry, cutoff: date) -> bool:
        situation = self.situation
        decision = situation.asylum_decision
        if decision is None:
            self.note("missing_input_ban_assumed", "asylum_decision")
            return True
        if decision in (Decision.PENDING, Decision.WITHDRAWN_AFTER_COUNSELLING):
            return False
        exempt_until = country.ban_exempt_if_applied_until
        if decision is Decision.NO_APPLICATION:
            if situation.unaccompanied_minor:
                return False
            if exempt_until is not None:
                tolerated = self.duldung_start
                if situation.duldung_since is None:
                    self.note("ge_md_duldung_unknown", "duldung_since")
                    return True
                return not (tolerated is not None and tolerated <= exempt_until)
            return True
        if decision is Decision.WITHDRAWN and situation.unaccompanied_minor:
            return False
        # Rejected or withdrawn application: only applications after the cut-off are caught.
        applied = self.request_date
        if applied is None:
            self.note("missing_input_ban_assumed", "asylum_request_date")
            return True
        if exempt_until is not None and applied <= exempt_until:
            return False
        return applied > cutoff and (decision in _REJECTED or decision is Decision.WITHDRAWN)

    def safe_ban_active(self, day: date) -> bool:
        return self.safe_ban_from is not None and self.safe_ban_from <= day
