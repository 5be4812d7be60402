"""Entries are named in the user's language wherever a page names one (e.g. "Delete …?"),
never by their codes ("career_orientation 2035-01-01")."""

import datetime
import re

from django.utils import translation

from lotse.profiles import models
from lotse.profiles.enums import ActivityKind, GoalKind

CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\d{4}-\d{2}-\d{2}")


def test_entries_are_named_in_german() -> None:
    with translation.override("de"):
        names = {
            str(
                models.CareerActivity(
                    kind="career_orientation", took_place_on=datetime.date(2035, 1, 1)
                )
            ),
            str(models.CareerGoal(kind="vocational_training", target_label="Pflegehelfer")),
            str(models.LanguageSkill(language="de", level="A2")),
            str(models.HealthRestriction(pk=5, description="Keine schweren Lasten heben")),
        }
        assert f"{ActivityKind.CAREER_ORIENTATION.label} 01.01.2035" in names
        assert f"{GoalKind.VOCATIONAL_TRAINING.label}: Pflegehelfer" in names
        assert "Deutsch A2" in names
        assert "Keine schweren Lasten heben" in names
    for name in names:
        assert not CODE.search(name), name
