"""Rules over dates and periods of profile entries, shared by forms (through `Model.clean`),
services and the API. Every rule raises a `ValidationError` keyed by the field it concerns, so
the message lands next to that field in the user's language."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.participants.models import Participant


def _today() -> datetime.date:
    return timezone.localdate()


def check_date(
    errors: dict[str, str],
    field: str,
    value: datetime.date | None,
    participant: Participant,
    *,
    month: bool = False,
) -> None:
    """A date of the participant's past: not in the future, not before their birth. With
    `month`, dates are first days of months and compared as months."""
    if value is None or field in errors:
        return
    birth = participant.birth_date
    if birth is None and participant.birth_year:
        birth = datetime.date(participant.birth_year, 1, 1)  # only the year is known
    if month and birth is not None:
        birth = birth.replace(day=1)
    if value > _today():
        errors[field] = _("This date lies in the future.")
    elif birth and value < birth:
        errors[field] = _("This date is before the participant's date of birth.")


def check_year(
    errors: dict[str, str], field: str, value: int | None, participant: Participant
) -> None:
    if value is None or field in errors:
        return
    if value > _today().year:
        errors[field] = _("This year lies in the future.")
    elif participant.birth_year and value < participant.birth_year:
        errors[field] = _("This year is before the participant's year of birth.")


def check_period[T: (datetime.date, int)](
    errors: dict[str, str], start_field: str, start: T | None, end_field: str, end: T | None
) -> None:
    if start is not None and end is not None and start > end and end_field not in errors:
        errors[end_field] = _("The end lies before the start.")


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
