"""The work-permission section of the case (registered in `WorkPermissionConfig.ready`): its
panel on the participant page (loaded by htmx), its part of the export and its eraser."""

import datetime
from typing import Any

from django.http import HttpRequest

from lotse.participants.access import CaseAccess
from lotse.participants.models import Participant
from lotse.participants.sections import CaseSection, ErasureReport, erase_rows
from lotse.workpermission.models import ResidenceFacts

_INTERNAL = frozenset({"id", "participant", "version", "updated_at", "updated_by", "created_at"})


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    return {} if case.allows("workpermission.view_assessment") else None


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def export(participant: Participant) -> dict[str, Any]:
    fields = [f.attname for f in ResidenceFacts._meta.concrete_fields if f.name not in _INTERNAL]
    rows = ResidenceFacts.objects.filter(participant=participant).values(*fields)
    return {"residence_facts": [{k: _value(v) for k, v in row.items()} for row in rows]}


def erase(participant: Participant) -> ErasureReport:
    return erase_rows(ResidenceFacts, participant=participant)


SECTION = CaseSection(
    key="workpermission.assessment",
    order=30,
    panel_template="workpermission/panel_slot.html",
    panel_context=_panel,
    export=export,
    erase=erase,
)
