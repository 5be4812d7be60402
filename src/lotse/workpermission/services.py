"""Writes of the work-permission app: one function per change (DESIGN.md §3.1)."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.audit.services import MASK, audit_record, masked_diff
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_current
from lotse.legal import STAY_KIND_CHOICES
from lotse.participants.models import Participant
from lotse.participants.sections import ErasureReport, erase_rows
from lotse.workpermission.enums import FINDINGS
from lotse.workpermission.models import ResidenceFacts
from lotse.workpermission.selectors import FACT_FIELDS

# Free text about authority letters and the person's earlier stays: logged as "changed" only.
MASKED_FACTS = frozenset({"prior_stays", *(f"{name}_source" for name in FINDINGS)})


def validate_prior_stays(value: Any) -> list[dict[str, str]]:
    """The stored shape: a list of {"from", "to", "kind"} with ISO dates, from <= to."""
    if not isinstance(value, list):
        raise DomainError(_("Earlier stays must be a list."))
    stays = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"from", "to", "kind"}:
            raise DomainError(_("Each earlier stay needs a start, an end and a kind."))
        try:
            start = datetime.date.fromisoformat(str(item["from"]))
            end = datetime.date.fromisoformat(str(item["to"]))
        except ValueError:
            raise DomainError(_("An earlier stay has an invalid date.")) from None
        if start > end:
            raise DomainError(_("An earlier stay ends before it starts."))
        if item["kind"] not in STAY_KIND_CHOICES:
            raise DomainError(_("An earlier stay has an unknown kind."))
        stays.append({"from": start.isoformat(), "to": end.isoformat(), "kind": item["kind"]})
    return sorted(stays, key=lambda s: s["from"])


@transaction.atomic
def residence_facts_save(
    *,
    actor: User,
    participant: Participant,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> ResidenceFacts:
    """Create or update the participant's residence facts; audited with a masked diff.

    `expected_version` is the version the form showed (None: there were no facts yet); a save
    against facts saved since is refused with StaleEditError (`core.versioning`)."""
    unknown = set(data) - set(FACT_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    changes = dict(data)
    if "prior_stays" in changes:
        changes["prior_stays"] = validate_prior_stays(changes["prior_stays"])
    for name in FINDINGS:
        if changes.get(name) == "yes" and not (changes.get(f"{name}_source") or "").strip():
            raise DomainError(_("A finding of the authority needs its source."))
    facts = lock_current(
        ResidenceFacts.objects.filter(participant=participant), expected_version=expected_version
    ) or ResidenceFacts(participant=participant)
    diff = {
        name: (getattr(facts, name), value)
        for name, value in changes.items()
        if getattr(facts, name) != value
    }
    for name, value in changes.items():
        setattr(facts, name, value)
    facts.updated_by = actor
    facts._history_user = actor  # type: ignore[attr-defined]
    facts.save()
    detail = masked_diff({k: v for k, v in diff.items() if k not in MASKED_FACTS})
    detail.update({k: MASK for k in diff if k in MASKED_FACTS})
    audit_record(
        actor=actor,
        action="workpermission.residence_facts.changed",
        obj=facts,
        participant_id=participant.pk,
        detail={"changes": detail},
    )
    return facts


def facts_erase(participant: Participant) -> ErasureReport:
    """The section's eraser; runs inside `participant_erase`, which makes the deletion atomic
    and writes its audit event."""
    return erase_rows(ResidenceFacts, participant=participant)
