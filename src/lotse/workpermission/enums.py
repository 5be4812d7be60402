"""Choices of the work-permission app; values are the engine's own (`lotse.legal`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotse.legal import DECISION_CHOICES, DOCUMENT_CHOICES, STAY_KIND_CHOICES

# Labels for the engine's values. A value the engine adds without a label here fails at import
# (KeyError below), so a new legal choice cannot reach a form unlabelled.
_DECISION_LABELS = {
    "pending": _("pending"),
    "rejected": _("rejected"),
    "rejected_manifestly_unfounded": _("rejected as manifestly unfounded"),
    "rejected_inadmissible": _("rejected as inadmissible"),
    "withdrawn": _("withdrawn"),
    "withdrawn_after_counselling": _("withdrawn after return counselling"),
    "no_application": _("no asylum application"),
}
DECISION_CHOICES_LABELLED = [(value, _DECISION_LABELS[value]) for value in DECISION_CHOICES]

_DOCUMENT_LABELS = {
    "ankunftsnachweis": "Ankunftsnachweis (§ 63a AsylG)",
    "gestattung": "Aufenthaltsgestattung (§ 55 AsylG)",
    "duldung": "Duldung (§ 60a AufenthG)",
    "duldung_60b": "Duldung für Personen mit ungeklärter Identität (§ 60b AufenthG)",
    "ausbildungsduldung": "Ausbildungsduldung (§ 60c AufenthG)",
    "beschaeftigungsduldung": "Beschäftigungsduldung (§ 60d AufenthG)",
    "residence_permit": "Aufenthaltserlaubnis",
    "fiktionsbescheinigung": "Fiktionsbescheinigung (§ 81 AufenthG)",
    "settlement_permit": "Niederlassungserlaubnis",
}
# Legal terms stay German (DESIGN.md §3.6), like participants.enums.DocumentType.
DOCUMENT_CHOICES_LABELLED = [(value, _DOCUMENT_LABELS[value]) for value in DOCUMENT_CHOICES]

_STAY_LABELS = {
    "permitted": _("with a residence permit"),
    "tolerated": _("with a Duldung"),
    "gestattet": _("with a Gestattung (asylum procedure)"),
    "tolerated_60b": _("with a Duldung under § 60b"),
}
STAY_KIND_CHOICES_LABELLED = [(value, _STAY_LABELS[value]) for value in STAY_KIND_CHOICES]


class FindingValue(models.TextChoices):
    """A finding only the authority can establish: recorded with its source, or unknown."""

    UNKNOWN = "unknown", pgettext_lazy("finding", "not known")
    YES = "yes", pgettext_lazy("finding", "yes, established by the authority")
    NO = "no", pgettext_lazy("finding", "no")


FINDINGS = (
    "entered_to_obtain_benefits",
    "removal_obstructed_by_own_fault",
    "removal_measures_imminent",
)


class Horizon(models.IntegerChoices):
    DAYS_30 = 30, _("next 30 days")
    DAYS_60 = 60, _("next 60 days")
    DAYS_90 = 90, _("next 90 days")
