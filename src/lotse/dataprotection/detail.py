"""An audit event's detail as the data-protection officer reads it: named fields and values in
the page's language ("Role: Counsellor → Team lead; Account active: yes"), not JSON.

Personal fields stay masked (`selectors.masked_detail` runs first); a masked value reads as
"not recorded". Keys and values without a name here are shown as they are, so a new detail
never breaks the page; it only lacks a nicer name until it is added."""

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lotse.audit.services import DIFF_SHOWN_FIELDS, MASK
from lotse.network.enums import Role
from lotse.participants.access import AccessKind
from lotse.participants.enums import (
    ConsentForm,
    ConsentPurpose,
    ContactForm,
    ExitOutcome,
    ParticipantStatus,
)
from lotse.participants.models import Participant

KEY_LABELS: dict[str, Promise] = {
    "access": _("Access"),
    "changes": _("Changes"),
    "filter": pgettext_lazy("audit detail", "Filter"),
    "page": _("Page"),
    "results": _("Results"),
    "rows": _("Rows"),
    "format": _("Format"),
    "query_length": _("Length of the search term"),
    "role": _("Role"),
    "is_active": _("Account active"),
    "username": _("User name"),
    "user": _("User"),
    "password": _("Password"),
    "second_factor": _("Second factor"),
    "first_name": _("First name"),
    "organisation": _("Organisation"),
    "organisations": _("Organisations"),
    "participant": _("Participant"),
    "name": _("Name"),
    "action": _("Action"),
    "from": _("From"),
    "to": _("To"),
    "outcome": _("Outcome"),
    "purpose": _("Purpose"),
    "volunteer": _("Volunteer"),
    "matches": _("Matches"),
    "step": _("Step"),
    "count": _("Number"),
    "topic_count": _("Number of topics"),
    "days": _("Days"),
    "channel": _("Channel"),
    "view": pgettext_lazy("audit detail", "View"),
    "language": _("Language"),
    "parts": _("Parts"),
    "removed": _("Removed"),
    "entries": _("Entries"),
    "contacts": _("Contacts"),
    "revoked_on": _("Revoked on"),
    "reference_date": _("Reference date"),
    "panel": _("Section of the participant page"),
    "line": _("Line in the participant page's header"),
    "indicator_set": _("Indicator set"),
    "report": _("Report number"),
}
VALUE_LABELS: dict[str, Mapping[str, Any]] = {
    "access": {
        AccessKind.OWNER: _("own organisation's case"),
        AccessKind.SHARED: _("shared case"),
        AccessKind.VOLUNTEER: _("assigned volunteer"),
        AccessKind.REFERRAL: _("accepted referral"),
    },
    "role": dict(Role.choices),
    "status": dict(ParticipantStatus.choices),
    "outcome": dict(ExitOutcome.choices),
    "exit_outcome": dict(ExitOutcome.choices),
    "purpose": dict(ConsentPurpose.choices),
    # How a contact took place or a consent was given (their values do not overlap).
    "form": {**dict(ContactForm.choices), **dict(ConsentForm.choices)},
    "format": {"xlsx": "Excel (XLSX)"},
    "channel": {"api": "API"},
}
# Keys whose values are ids of organisations or participants, shown by name or file number.
ORGANISATION_KEYS = frozenset({"organisation", "organisations"})
PARTICIPANT_KEYS = frozenset({"matches"})
# Keys whose values are case sections (participants.sections), shown by their label.
SECTION_KEYS = frozenset({"panel", "line"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def participant_ids_in(detail: Any) -> set[int]:
    """The participant ids a detail names (a duplicate check's matches), to look up at once."""
    if not isinstance(detail, Mapping):
        return set()
    found: set[int] = set()
    for key, value in detail.items():
        if key in PARTICIPANT_KEYS and isinstance(value, list):
            found.update(item for item in value if isinstance(item, int))
        elif isinstance(value, Mapping):
            found |= participant_ids_in(value)
    return found


def detail_text(
    detail: Any,
    *,
    organisation_names: Mapping[int, str],
    file_numbers: Mapping[int, str],
    model: type[Model] | None = None,
) -> str:
    """`detail` is masked already; `model` is the event's object, whose fields name the keys
    of a change."""
    if not detail:
        return ""
    if not isinstance(detail, Mapping):
        return str(detail)
    return _Writer(organisation_names, file_numbers, model).items(detail)


class _Writer:
    def __init__(
        self,
        organisations: Mapping[int, str],
        participants: Mapping[int, str],
        model: type[Model] | None,
    ) -> None:
        self.organisations = organisations
        self.participants = participants
        self.model = model

    def items(self, detail: Mapping[str, Any]) -> str:
        # Sorted: PostgreSQL's jsonb keeps no order, and both engines should read alike.
        return "; ".join(
            f"{key_label(key, self.model)}: {self.value(key, value)}"
            for key, value in sorted(detail.items())
        )

    def value(self, key: str, value: Any) -> str:
        if value == MASK:
            return pgettext("audit detail", "not recorded")
        if isinstance(value, Mapping):
            return f"({self.items(value)})" if value else "–"
        if isinstance(value, list):
            if key in DIFF_SHOWN_FIELDS and len(value) == 2:
                return f"{self.value(key, value[0])} → {self.value(key, value[1])}"
            return ", ".join(self.value(key, item) for item in value) or "–"
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if value is None or value == "":
            return "–"
        if isinstance(value, int) and key in ORGANISATION_KEYS:
            return self.organisations.get(value, f"#{value}")
        if isinstance(value, int) and key in PARTICIPANT_KEYS:
            return self.participants.get(value, f"#{value}")
        # The event's object's own choices first: an appointment's, a referral's or an event
        # registration's status is not a participant's ("confirmed → done" stood in English).
        labels = _choices(key, self.model) or VALUE_LABELS.get(key)
        if labels is not None and isinstance(value, str) and value in labels:
            return str(labels[value])
        if isinstance(value, str) and key in SECTION_KEYS:
            return _section_label(value)
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:  # a date as the page writes dates (day first)
                return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
            except ValueError:
                return value
        return str(value)


def _choices(key: str, model: type[Model] | None) -> dict[str, Any]:
    if model is None:
        return {}
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return {}
    if not isinstance(field, Field) or not field.choices:
        return {}
    return {str(value): label for value, label in field.flatchoices}


def _section_label(key: str) -> str:
    from lotse.participants.sections import case_section, case_sections

    # A section's key ("workpermission.assessment") or its anchor ("consents").
    section = case_section(key) or next((s for s in case_sections() if s.anchor == key), None)
    return str(section.label) if section is not None and section.label else key


def key_label(key: str, model: type[Model] | None = None) -> str:
    label = KEY_LABELS.get(key)
    if label is not None:
        return str(label)
    return capfirst(_field_name(key, model))


def _field_name(key: str, model: type[Model] | None) -> str:
    # A field of the event's object or of a participant, as a change lists it: its name on
    # the forms.
    for candidate in (model, Participant):
        if candidate is None:
            continue
        try:
            field = candidate._meta.get_field(key)
        except FieldDoesNotExist:
            continue
        if isinstance(field, Field):  # not a reverse relation, which has no name of its own
            return str(field.verbose_name)
    return key
