from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class System(models.TextChoices):
    KLDB = "kldb2010", _("KldB 2010")
    ISCO = "isco08", _("ISCO-08")
    ESCO = "esco", _("ESCO")
    # Lotse's own curated occupations: a named occupation with its KldB and ISCO codes.
    CURATED = "lotse", _("Lotse (curated)")


class RequirementLevel(models.TextChoices):
    """Anforderungsniveau: the fifth digit of a KldB 2010 code."""

    HELPER = "helper", pgettext_lazy("requirement level", "Helper")
    SKILLED = "skilled", pgettext_lazy("requirement level", "Skilled worker")
    SPECIALIST = "specialist", pgettext_lazy("requirement level", "Specialist")
    EXPERT = "expert", pgettext_lazy("requirement level", "Expert")


REQUIREMENT_BY_DIGIT = {
    "1": RequirementLevel.HELPER,
    "2": RequirementLevel.SKILLED,
    "3": RequirementLevel.SPECIALIST,
    "4": RequirementLevel.EXPERT,
}


class LabelKind(models.TextChoices):
    PREFERRED = "preferred", _("preferred")
    ALTERNATIVE = "alternative", _("alternative")


def requirement_level(kldb_code: str) -> str:
    """helper/skilled/specialist/expert for a 5-digit KldB code, "" otherwise."""
    if len(kldb_code) == 5 and kldb_code.isdigit():
        return REQUIREMENT_BY_DIGIT.get(kldb_code[4], "")
    return ""
