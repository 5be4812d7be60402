import datetime
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernCharField, KernForm
from lotse.dataprotection.selectors import AuditFilter, participant_ids_by_file_number
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


class AuditLogFilterForm(KernForm):
    participant = KernCharField(
        label=_("Participant"),
        required=False,
        max_length=40,
        help_text=_("File number or id"),
    )
    user = KernCharField(label=_("User name"), required=False, max_length=150)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    action = KernCharField(
        label=_("Action"),
        required=False,
        max_length=80,
        help_text=_("Beginning of the action code, e.g. participants."),
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
        self.organisation_names = {o.pk: o.name for o in organisations}
        super().__init__(*args, **kwargs)
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end of the period lies before its beginning."))
        return cleaned

    def audit_filter(self) -> AuditFilter:
        data = self.cleaned_data
        return AuditFilter(
            participant=data["participant"],
            participant_ids=tuple(self.participant_ids) if data["participant"] else None,
            username=data["user"].strip(),
            organisation_id=data["organisation"],
            action_prefix=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
