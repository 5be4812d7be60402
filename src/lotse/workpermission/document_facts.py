"""The dates the assessment needs, asked for with the residence document (kernel hook
`participants.sections.DocumentFacts`, registered in `WorkPermissionConfig.ready`).

Without them the engine counts waiting periods from the reference date and can only answer
"at the latest"; so the intake's residence step and "add a document" ask for them where the
counsellor has the document in hand. "Duldung since" is offered from the document's issue date,
for the counsellor to confirm: a form whose field is empty is returned once with the date filled
in and a question, and accepted as it is the second time (empty too, if it is not known).
"""

import copy
import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from lotse.legal.model import DULDUNG_DOCUMENTS, Document
from lotse.participants.models import Participant
from lotse.participants.sections import DocumentFacts
from lotse.workpermission import services
from lotse.workpermission.forms import FactsFieldsForm
from lotse.workpermission.selectors import DOCUMENT_MAP, facts_for

FIELDS = (
    "entry_date",
    "asylum_request_date",
    "asylum_application_date",
    "asylum_decision",
    "duldung_since",
)
OFFERED = "duldung_since_offered"
HELP = {
    "entry_date": _("For every document: the day of arrival in Germany."),
    "asylum_request_date": _(
        "Ankunftsnachweis, Gestattung, and a Duldung after an asylum procedure: the day asylum "
        "was first requested."
    ),
    "asylum_application_date": _("Gestattung: the day of the formal application at the BAMF."),
    "asylum_decision": _("Duldung after an asylum procedure: the BAMF's decision."),
    "duldung_since": _(
        "Duldung: since when the person has held a Duldung without a gap (usually the issue "
        "date of the first one)."
    ),
}
# A Duldung whose time counts (§ 60b time does not, § 60b Abs. 5 AufenthG).
COUNTING_DULDUNG = frozenset(
    code
    for code, document in DOCUMENT_MAP.items()
    if document in DULDUNG_DOCUMENTS and document is not Document.DULDUNG_60B
)


def _fields() -> dict[str, forms.Field]:
    fields = {}
    for name in FIELDS:
        field = copy.deepcopy(FactsFieldsForm.base_fields[name])
        field.help_text = HELP[name]
        fields[name] = field
    fields[OFFERED] = forms.BooleanField(required=False, widget=forms.HiddenInput)
    return fields


def _clean(form: forms.Form, cleaned: dict[str, Any]) -> None:
    entry = cleaned.get("entry_date")
    request = cleaned.get("asylum_request_date")
    application = cleaned.get("asylum_application_date")
    since = cleaned.get("duldung_since")
    if entry and request and request < entry:
        form.add_error("asylum_request_date", _("The asylum request cannot be before the entry."))
    if request and application and application < request:
        form.add_error(
            "asylum_application_date",
            _("The formal application cannot be before the asylum request."),
        )
    if entry and since and since < entry:
        form.add_error("duldung_since", _("The Duldung cannot start before the entry."))
    issued = cleaned.get("issued_on")
    if (
        cleaned.get("document_type") in COUNTING_DULDUNG
        and since is None
        and isinstance(issued, datetime.date)
        and not cleaned.get(OFFERED)
        and "duldung_since" not in form.errors
    ):
        data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict or MultiValueDict
        data["duldung_since"] = issued.isoformat()
        data[OFFERED] = "1"
        form.data = data
        form.add_error(
            "duldung_since",
            _(
                "Since when has the person held a Duldung? The issue date is entered: confirm "
                "it, enter an earlier date, or empty the field if you do not know."
            ),
        )


def _initial(participant: Participant) -> dict[str, Any]:
    facts = facts_for(participant)
    if facts is None:
        return {}
    return {name: getattr(facts, name) for name in FIELDS if getattr(facts, name)}


def _save(actor: User, participant: Participant, values: dict[str, Any]) -> None:
    """Store what was entered; an empty field leaves a recorded fact as it is."""
    facts = facts_for(participant)
    changes = {
        name: values[name]
        for name in FIELDS
        if values.get(name) not in (None, "")
        and (facts is None or getattr(facts, name) != values[name])
    }
    if changes:
        services.residence_facts_save(
            actor=actor,
            participant=participant,
            data=changes,
            expected_version=None if facts is None else facts.version,
        )


GROUP = DocumentFacts(
    key="workpermission.dates",
    legend=_("Dates for the work-permission assessment"),
    hint=_(
        "Without them waiting periods are counted from today and the answer can only say "
        "“at the latest”. Leave empty what you do not know."
    ),
    fields=_fields,
    save=_save,
    clean=_clean,
    initial=_initial,
)
