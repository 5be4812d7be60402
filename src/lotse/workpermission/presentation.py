"""The engine's answer shaped for the templates, in the active language.

The engine writes every legal text in German and English; this module only picks the language
and composes the counsellor's lines ("Beschäftigung: … ab 14.03.2026 — § 61 Abs. 2 AsylG";
"spätestens ab …" when a missing date was counted from the reference date) and names the
inputs the answer had to assume. Rule ids never reach the page.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lotse.legal import ActivityResult, Basis, Evaluation
from lotse.legal.dates import format_de, format_en
from lotse.legal.loader import catalogue
from lotse.legal.model import Text

CONFIDENCE = {
    "verified": (_("verified"), "success"),
    "practitioner": (_("practitioner source"), "info"),
    "uncertain": (_("uncertain"), "warning"),
}
CONDITION_STATUS = {
    "met": (pgettext_lazy("condition", "met"), "success"),
    "not_met": (pgettext_lazy("condition", "not met"), "danger"),
    "unknown": (pgettext_lazy("condition", "unknown"), "info"),
}
PATHWAY_STATUS = {
    "held": (pgettext_lazy("pathway", "already held"), "success"),
    "met": (pgettext_lazy("pathway", "conditions met"), "success"),
    "waiting": (pgettext_lazy("pathway", "waiting for dates"), "info"),
    "open": (pgettext_lazy("pathway", "open: facts unknown"), "info"),
    "not_met": (pgettext_lazy("pathway", "not met"), "danger"),
    "not_in_force": (pgettext_lazy("pathway", "not in force"), "info"),
}
PROGRAMMES = {"wir": "WIR"}


def language() -> str:
    return "de" if (get_language() or "de").startswith("de") else "en"


def pick(text: Text | dict[str, str], lang: str) -> str:
    if isinstance(text, dict):
        return text[lang]
    return text.de if lang == "de" else text.en


def format_date(day: datetime.date, lang: str) -> str:
    return format_de(day) if lang == "de" else format_en(day)


@dataclass(frozen=True)
class ActivityLine:
    """One activity: `headline` is the counsellor's line about the person; `explanation` is the
    engine's text addressed to the person ("Sie …"), for what is shown or given to them."""

    name: str
    headline: str
    explanation: str
    citations: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: tuple[Any, str]
    absolute_ban: bool
    needs_abh_permit: bool
    needs_ba_consent: bool
    available_from: datetime.date | None
    assumed: bool
    later: list[str]


def activity_line(result: ActivityResult, lang: str) -> ActivityLine:
    cat = catalogue()
    name = pick(cat.text(f"activity.{result.activity.value}"), lang)
    outcome = pick(cat.text(f"outcome.{result.outcome.value}"), lang)
    assumed = result.available_from_basis is Basis.ASSUMED
    headline = f"{name}: {outcome}"
    if result.available_from is not None:
        day = format_date(result.available_from, lang)
        if assumed:
            headline += " " + gettext("at the latest from %(date)s") % {"date": day}
        else:
            headline += " " + gettext("from %(date)s") % {"date": day}
    if result.citation:
        headline += f" — {result.citation}"
    later = []
    outcome, needs_ba = result.outcome, result.needs_ba_consent
    for step in result.later:
        if step.outcome is outcome and needs_ba and not step.needs_ba_consent:
            text = pick(cat.text("deadline.ba_consent_not_needed"), lang).format(activity=name)
        else:
            text = pick(cat.text("deadline.outcome_change"), lang).format(
                activity=name, outcome=pick(cat.text(f"outcome.{step.outcome.value}"), lang)
            )
        cited = f" — {step.citations[-1]}" if step.citations else ""
        day = format_date(step.start, lang)
        if assumed:
            day = gettext("at the latest %(date)s") % {"date": day}
        later.append(f"{day}: {text}{cited}")
        outcome, needs_ba = step.outcome, step.needs_ba_consent
    return ActivityLine(
        name=name,
        headline=headline,
        explanation=pick(result.explanation, lang),
        citations=result.citations,
        sources=result.sources,
        confidence=CONFIDENCE[result.confidence.value],
        absolute_ban=result.absolute_ban,
        needs_abh_permit=result.needs_abh_permit,
        needs_ba_consent=result.needs_ba_consent,
        available_from=result.available_from,
        assumed=assumed,
        later=later,
    )


# The inputs whose absence the panel names, in the order of the facts form. The authority's
# findings are left out: an unrecorded finding is the usual case, shown behind the disclosure.
MISSING_ORDER = (
    "nationality",
    "residence_permit_section",
    "entry_date",
    "asylum_request_date",
    "asylum_application_date",
    "asylum_decision",
    "lives_in_reception_centre",
    "duldung_since",
    "dublin_procedure",
)


def missing_inputs(evaluation: Evaluation) -> list[str]:
    """The inputs the answer had to assume, by their internal names (form order)."""
    found = {name for r in evaluation.activities.values() for name in r.assumed_fields}
    found |= {w.field for w in evaluation.warnings if w.code == "missing_input" and w.field}
    return [name for name in MISSING_ORDER if name in found]


def missing_label(name: str) -> str:
    from lotse.workpermission.forms import FactsFieldsForm

    field = FactsFieldsForm.base_fields.get(name)
    if field is not None:
        return str(field.label)
    return str(MISSING_LABELS[name])


MISSING_LABELS = {
    "nationality": _("Nationality"),
    "residence_permit_section": _("Legal basis (paragraph)"),
}


def panel(evaluation: Evaluation) -> dict[str, Any]:
    """Everything the panel template shows, as plain values in the active language."""
    lang = language()
    activities = [activity_line(r, lang) for r in evaluation.activities.values()]
    missing = missing_inputs(evaluation)
    return {
        "reference_date": evaluation.reference_date,
        "ruleset": {
            "title": pick(evaluation.ruleset.title, lang),
            "status": evaluation.ruleset.status,
            "draft": evaluation.ruleset.status != "in_force",
        },
        "activities": activities,
        "assumed": any(line.assumed for line in activities),
        "missing": [missing_label(name) for name in missing],
        "missing_fields": missing,
        "warnings": [pick(w.text, lang) for w in evaluation.warnings],
        "programmes": [
            {
                "name": PROGRAMMES.get(p.programme, p.programme.upper()),
                "eligible": p.eligible,
                "explanation": pick(p.explanation, lang),
                "confidence": CONFIDENCE[p.confidence.value],
            }
            for p in evaluation.programme_eligibility
        ],
        "pathways": [
            {
                "name": pick(p.name, lang),
                "citation": p.citation,
                "status": PATHWAY_STATUS.get(p.status.value, (p.status.value, "info")),
                "earliest_date": p.earliest_date,
                "confidence": CONFIDENCE[p.confidence.value],
                "conditions": [
                    {
                        "label": pick(c.label, lang),
                        "status": CONDITION_STATUS[c.status.value],
                        "met_on": c.met_on,
                        "deadline": c.deadline,
                    }
                    for c in p.conditions
                ],
            }
            for p in evaluation.pathways
        ],
        "findings": [
            {"name": _finding_label(name), "value": f.value, "source": f.source}
            for name, f in evaluation.assumed_findings.items()
        ],
        "disclaimer": pick(evaluation.disclaimer, lang),
    }


def _finding_label(name: str) -> str:
    from lotse.workpermission.models import ResidenceFacts

    field = ResidenceFacts._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))
