import datetime
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from lotse.audit.actions import ACTION_AREAS, ACTION_LABELS
from lotse.core.formats import alphabetical
from lotse.core.forms import DateInput, KernCharField, KernForm
from lotse.dataprotection.selectors import (
    NAME_MATCHES_MAX,
    AuditFilter,
    participant_ids_by_file_number,
    participant_ids_by_name,
)
from lotse.network.models import Organisation

# Far enough for any real log; keeps the day arithmetic and the database away from year 1 and 9999.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)
MAX_ID = 2**63 - 1  # the database's bigint


def _plausible_date(value: datetime.date | None) -> None:
    if value and not EARLIEST <= value <= LATEST:
        raise forms.ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            params={"earliest": EARLIEST.year, "latest": LATEST.year},
        )


def action_choices(current: str = "") -> list[Any]:
    """The filter's actions by readable name, grouped by area, each area first as a whole.
    A code not in the list (from a link) is kept as a choice of its own."""
    choices: list[Any] = [("", _("all"))]
    known = {""}
    for prefix, area in ACTION_AREAS.items():
        codes = [code for code in ACTION_LABELS if code.startswith(prefix)]
        entries = [(prefix, _("All: %(area)s") % {"area": area})]
        entries += sorted(
            ((code, str(ACTION_LABELS[code])) for code in codes),
            key=lambda entry: alphabetical(entry[1]),
        )
        choices.append((area, entries))
        known.update(value for value, _label in entries)
    if current not in known:
        choices.append((current, current))
    return choices


class AuditLogFilterForm(KernForm):
    name = KernCharField(
        label=_("Participant's name"),
        required=False,
        max_length=200,
        help_text=_(
            "In any spelling. The search is recorded with the participants found, not with "
            "the name typed."
        ),
    )
    # The name first, and the file number labelled as one: an officer typed the name into a
    # first field labelled "Participant" and was told no file number matched.
    participant = KernCharField(
        label=_("Participant's file number"),
        required=False,
        max_length=40,
        help_text=_("Or the participant's id"),
    )
    user = KernCharField(label=_("User name"), required=False, max_length=150)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    # A list of readable names; the value is an action code or the beginning of one (an
    # area), so a link with any code keeps working.
    action = KernCharField(
        label=_("Action"),
        required=False,
        max_length=80,
        widget=forms.Select,
        validators=[
            RegexValidator(
                r"^[a-z0-9_.]*$",
                _("Action codes consist of lower-case letters, digits, “_” and “.”."),
            )
        ],
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput(), validators=[_plausible_date]
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput(), validators=[_plausible_date]
    )

    def __init__(
        self, *args: Any, network_id: int, organisations: list[Organisation], **kwargs: Any
    ) -> None:
        # The organisations come in as a list the view already holds, so rendering the select
        # costs no further query.
        self.network_id = network_id
        self.participant_ids: list[int] = []
        self.name_matches: list[int] = []
        self.organisation_names = {o.pk: o.name for o in organisations}
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        action.widget.attrs.pop("maxlength", None)
        action.widget.choices = action_choices(str(self.data.get("action", "")))
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            ("", _("all")),
            *((str(o.pk), o.name) for o in organisations),
        ]

    def clean_participant(self) -> str:
        text: str = self.cleaned_data["participant"].strip()
        if not text:
            return ""
        if text.isdecimal():
            # An id is taken as is, so events of a since deleted participant stay searchable.
            if int(text) > MAX_ID:
                raise forms.ValidationError(_("This id is too large."))
            self.participant_ids = [int(text)]
        else:
            self.participant_ids = participant_ids_by_file_number(
                network_id=self.network_id, file_number=text
            )
            if not self.participant_ids:
                raise forms.ValidationError(
                    _("No participant with this file number in your network.")
                )
        return text

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not name:
            return ""
        self.name_matches = participant_ids_by_name(network_id=self.network_id, name=name)
        if not self.name_matches:
            raise forms.ValidationError(_("No participant of this name in your network."))
        if len(self.name_matches) > NAME_MATCHES_MAX:
            raise forms.ValidationError(
                _("More than %(max)s participants match this name; please type more of it."),
                params={"max": NAME_MATCHES_MAX},
            )
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end of the period lies before its beginning."))
        return cleaned

    def audit_filter(self) -> AuditFilter:
        data = self.cleaned_data
        found = None
        if data["participant"]:
            found = set(self.participant_ids)
        if data["name"]:
            found = set(self.name_matches) if found is None else found & set(self.name_matches)
        return AuditFilter(
            participant=data["participant"],
            name=data["name"],
            participant_ids=tuple(sorted(found)) if found is not None else None,
            username=data["user"].strip(),
            organisation_id=data["organisation"],
            action_prefix=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
