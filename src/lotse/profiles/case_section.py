"""The profile's section of the case (registered in `ProfilesConfig.ready`): its panel on the
participant page (loaded by htmx), its part of the subject-access export and its eraser."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.participants.sections import CaseSection, ErasureReport, erase_rows
from lotse.profiles.parts import PARTS
from lotse.profiles.selectors import step_goals

# Model fields that say nothing about the person: the export leaves them out.
_INTERNAL = frozenset(
    {
        "id",
        "network",
        "participant",
        "version",
        "updated_at",
        "updated_by",
        "created_at",
        "created_by",
        "task_ptr",
        "contact",
    }
)


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("profiles.view_profile") else None


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(participant: Participant) -> dict[str, Any]:
    """Every part, health restrictions included: the person has a right to all of it."""
    data = {}
    for kind, part in PARTS.items():
        fields = [f.attname for f in part.model._meta.concrete_fields if f.name not in _INTERNAL]
        rows = part.model.objects.filter(participant=participant).order_by("pk").values(*fields)  # type: ignore[attr-defined]
        data[f"profile.{kind}"] = [{k: _value(v) for k, v in row.items()} for row in rows]
    return data


def erase(participant: Participant) -> ErasureReport:
    report: ErasureReport = {}
    # Steps first: they belong to goals.
    for part in sorted(PARTS.values(), key=lambda p: p.kind != "steps"):
        report |= erase_rows(part.model, participant=participant)
    return report


SECTION = CaseSection(
    key="profiles.profile",
    order=20,
    label=_("Competences and career plan"),
    anchor="profile",
    panel_template="profiles/profile_slot.html",
    panel_context=_panel,
    export=export,
    erase=erase,
    task_origins=step_goals,
)
