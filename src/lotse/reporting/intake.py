"""The intake's ESF step (`participants.sections.register_intake_step`): what Annex I 1.1 asks
at entry and the kernel's steps do not — the labour-market status (mandatory), the highest
education while no profile records it, and the optional items. Gender and age come from the
person step. Saved as the case's `EsfRecord` when the intake creates the participant."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.participants.models import Participant
from lotse.participants.sections import IntakeStep
from lotse.profiles.enums import IscedLevel
from lotse.reporting import services
from lotse.reporting.enums import EsfLabourStatus
from lotse.reporting.forms import EsfEntryForm
from lotse.reporting.models import RECORD_FIELDS


def _tri(value: bool | None) -> str:
    if value is None:
        return _("not stated")
    return _("yes") if value else _("no")


def summary(data: dict[str, Any]) -> list[tuple[str, str]]:
    status = data.get("labour_status") or ""
    isced = data.get("isced_level")
    return [
        (
            _("Labour-market status at entry"),
            str(dict(EsfLabourStatus.choices).get(status, "–")),
        ),
        (
            _("Highest education (ISCED)"),
            str(dict(IscedLevel.choices).get(isced, _("not recorded yet")))
            if isced is not None
            else _("not recorded yet"),
        ),
        (_("Foreign background"), _tri(data.get("foreign_background"))),
        (_("Homeless or affected by housing exclusion"), _tri(data.get("homeless"))),
        (_("Lives in a rural area"), _tri(data.get("rural"))),
    ]


def complete(actor: Any, participant: Participant, data: dict[str, Any]) -> None:
    services.esf_record_save(
        actor=actor,
        participant=participant,
        data={name: data[name] for name in RECORD_FIELDS if name in data},
    )


INTAKE_STEP = IntakeStep(
    key="esf",
    label=gettext_lazy("ESF data"),
    form=EsfEntryForm,
    complete=complete,
    summary=summary,
)
