"""What marks a participant's facts dirty (`services.esf_facts_mark_dirty`).

The fact table copies inputs of other apps (the kernel's participant and status history, the
profile's education, the contributors' rows): those apps must not know reporting (it is above
them), so reporting listens to their models' saves and deletes. Bulk writes send no signal;
after one, `manage.py esf_facts_rebuild`.
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from lotse.reporting.services import esf_facts_mark_dirty

# The participant's fields the facts read (a save naming none of them changes nothing).
PARTICIPANT_FIELDS = frozenset(
    {
        "gender",
        "birth_date",
        "birth_year",
        "birth_date_precision",
        "nationality",
        "entry_date",
        "exit_date",
        "exit_outcome",
        "current_document",
        "organisation",
        "network",
    }
)


def _participant_saved(sender: Any, instance: Any, update_fields: Any = None, **_: Any) -> None:
    if update_fields is None or PARTICIPANT_FIELDS & set(update_fields):
        esf_facts_mark_dirty([instance.pk])


def _row_changed(instance: Any, **_: Any) -> None:
    participant_id = getattr(instance, "participant_id", None)
    if participant_id is not None:
        esf_facts_mark_dirty([participant_id])


def watch(model: type[models.Model], *, key: str) -> None:
    """Mark the participant of each saved or deleted row of `model` dirty (the model has a
    `participant` foreign key)."""
    handler: Callable[..., None] = lambda sender, instance, **kw: _row_changed(instance)  # noqa: E731
    post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"esf_facts.{key}.save")
    post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"esf_facts.{key}.delete")


def connect() -> None:
    from lotse.participants.models import Participant, StatusChange
    from lotse.placements.placements.models import Placement
    from lotse.profiles.models import EducationStage
    from lotse.referrals.models import Referral
    from lotse.reporting.models import EsfFollowUp, EsfRecord, EsfSituationEvent

    post_save.connect(_participant_saved, sender=Participant, dispatch_uid="esf_facts.participant")
    for key, model in (
        ("status", StatusChange),
        ("education", EducationStage),
        ("record", EsfRecord),
        ("situation", EsfSituationEvent),
        ("follow_up", EsfFollowUp),
        ("referral", Referral),  # sources.referral_situations
        ("placement", Placement),  # apps._placement_situations
    ):
        watch(model, key=key)
