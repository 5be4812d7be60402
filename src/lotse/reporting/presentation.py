"""A stored report as its readers see it: rows of labelled numbers in the page's language."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotse.reporting import indicators as ind
from lotse.reporting.models import Report

GENDERS = (ind.Gender.FEMALE, ind.Gender.MALE, ind.Gender.DIVERSE)


def _german() -> bool:
    return (get_language() or "de").startswith("de")


def gender_labels() -> list[str]:
    return [_("women"), _("men"), _("non-binary / diverse")]


def basis_label(basis: ind.Basis) -> str:
    return {
        ind.Basis.ENTRIES: _("entered in the period"),
        ind.Basis.ACTIVE: _("in the project during the period"),
        ind.Basis.EXITS: _("left in the period"),
        ind.Basis.RESULTS: _("left in the period, situation within 4 weeks known"),
        ind.Basis.FOLLOW_UPS: _("left in the period, six-month follow-up answered"),
    }[basis]


def basis_explanation(basis: ind.Basis) -> str:
    """One sentence a reader needs to read a number counted on this basis."""
    return {
        ind.Basis.ENTRIES: _("Counts each person whose (first) entry falls within the period."),
        ind.Basis.ACTIVE: _(
            "Counts each person who was in the project on at least one day of the period."
        ),
        ind.Basis.EXITS: _("Counts each person whose (last) exit falls within the period."),
        ind.Basis.RESULTS: _(
            "Counts each person who left within the period and whose situation within four"
            " weeks after leaving is recorded; only the last labour-market event counts."
        ),
        ind.Basis.FOLLOW_UPS: _(
            "Counts each person who left within the period and whose six-month follow-up"
            " is answered."
        ),
    }[basis]


@dataclass(frozen=True)
class BasisNote:
    label: str
    explanation: str


def bases(key: str) -> list[BasisNote]:
    """The bases the set's indicators count on, in the order of `ind.Basis`."""
    used = {indicator.basis for indicator in ind.indicator_set(key).indicators}
    return [
        BasisNote(basis_label(basis), basis_explanation(basis))
        for basis in ind.Basis
        if basis in used
    ]


def is_esf(key: str) -> bool:
    """Whether Art. 17(5) applies: only then are people left out as "not reportable yet"."""
    return ind.indicator_set(key).needs_mandatory_items


def counts_results(key: str) -> bool:
    return any(i.basis is ind.Basis.RESULTS for i in ind.indicator_set(key).indicators)


def esf_code(code: str) -> str:
    """The ESF code where the indicator has one (EECO…, EECR…); our own keys are no labels."""
    return code if code.startswith("EEC") else ""


@dataclass(frozen=True)
class Cell:
    gender: str  # "" for the total
    value: int


@dataclass(frozen=True)
class Row:
    code: str  # the key in links and files; on screen only as `esf_code`
    label: str
    basis: str
    definition: str
    cells: tuple[Cell, ...]  # women, men, diverse, total

    @property
    def total(self) -> int:
        return self.cells[-1].value

    @property
    def esf_code(self) -> str:
        return esf_code(self.code)


@dataclass(frozen=True)
class FigureRow:
    """A figure another app contributes; `cells` is None where it has no breakdown by gender."""

    code: str
    label: str
    cells: tuple[Cell, ...] | None
    total: int


def figure_rows(report: Report) -> list[FigureRow]:
    german = _german()
    result = []
    for figure in report.result.get("figures", []):
        by_gender = figure.get("by_gender")
        result.append(
            FigureRow(
                code=figure["code"],
                label=figure["label_de"] if german else figure["label_en"],
                cells=(
                    None
                    if by_gender is None
                    else tuple(Cell(str(g), int(by_gender.get(str(g), 0))) for g in GENDERS)
                ),
                total=int(figure["total"]),
            )
        )
    return result


def set_title(key: str) -> str:
    chosen = ind.indicator_set(key)
    return chosen.title_de if _german() else chosen.title_en


def rows(report: Report) -> list[Row]:
    chosen = ind.indicator_set(report.indicator_set)
    stored = {value["code"]: value for value in report.result.get("values", [])}
    german = _german()
    result = []
    for indicator in chosen.indicators:
        value: dict[str, Any] = stored.get(indicator.code, {"by_gender": {}, "total": 0})
        result.append(
            Row(
                code=indicator.code,
                label=indicator.label_de if german else indicator.label_en,
                basis=basis_label(indicator.basis),
                definition=indicator.definition_de,
                cells=(
                    *(Cell(str(g), int(value["by_gender"].get(str(g), 0))) for g in GENDERS),
                    Cell("", int(value["total"])),
                ),
            )
        )
    return result


def scope_label(report: Report) -> str:
    return report.organisation.name if report.organisation else _("the whole network")


def network_name(report: Report) -> str:
    return report.network.name


def filename(report: Report, suffix: str) -> str:
    """A German file name for the download: "Jahreszahlen des Netzwerks 2026.xlsx"."""
    title = ind.indicator_set(report.indicator_set).title_de
    start, end = report.period_start, report.period_end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        span = str(start.year)
    else:
        span = f"{start:%d.%m.%Y}-{end:%d.%m.%Y}"
    return f"{title} {span}.{suffix}"
