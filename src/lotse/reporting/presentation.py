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


@dataclass(frozen=True)
class Cell:
    gender: str  # "" for the total
    value: int


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    basis: str
    definition: str
    cells: tuple[Cell, ...]  # women, men, diverse, total

    @property
    def total(self) -> int:
        return self.cells[-1].value


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
