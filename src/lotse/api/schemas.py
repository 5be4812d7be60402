"""What the API reads and writes. Input types are strict (no silent coercion); the rules
themselves (lengths, codes, dates) are the Django forms' rules, applied in `endpoints`."""

import datetime
import uuid
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import ConfigDict


class StrictIn(Schema):
    model_config = ConfigDict(extra="forbid", strict=True)


DateText = Annotated[str, Field(json_schema_extra={"format": "date"}, examples=["2025-03-01"])]


class ResidenceDocumentIn(StrictIn):
    document_type: str = Field(description="Code, e.g. gestattung, duldung or residence_permit")
    section: str = Field("", description="Legal basis, e.g. § 25 Abs. 2 AufenthG")
    issued_on: DateText | None = None
    valid_until: DateText | None = None
    annotation: str = Field("", description="The annotation as printed on the document")


class ParticipantIn(StrictIn):
    """The fields of the intake's person and contact steps (and one residence document)."""

    first_names: str
    last_name: str
    aliases: str = Field("", description="Other spellings and names, one per line")
    birth_date_precision: str = Field("day", description="day, year or unknown")
    birth_date: DateText | None = None
    birth_year: int | None = None
    gender: str = Field(description="female, male, diverse or unknown")
    nationality: str = Field(description="ISO 3166-1 alpha-2 code, stateless or unclear")
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    preferred_language: str = Field("", description="ISO 639 code")
    interpreter_needed: bool = False
    interpreter_language: str = Field("", description="ISO 639 code")
    site: int | None = Field(None, description="Id of one of the organisation's sites")
    residence_document: ResidenceDocumentIn | None = None
    confirm_not_duplicate: bool = Field(
        False,
        description="Register even though the duplicate check found a similar person (after "
        "asking the organisation named in the 409 answer).",
    )


class ContactIn(StrictIn):
    submission_key: str = Field(
        json_schema_extra={"format": "uuid"},
        description="A fresh UUID per contact; sending the same key again answers 409.",
    )
    took_place_on: DateText
    duration_minutes: int
    form: str = Field(description="in_person, phone, video or outreach")
    site: int | None = None
    topics: list[str]
    interpreter_language: str = ""
    note: str = ""
    next_step_1: str = ""
    next_step_1_due: DateText | None = None
    next_step_2: str = ""
    next_step_2_due: DateText | None = None


class Ref(Schema):
    id: int
    name: str


class ResidenceDocumentOut(Schema):
    id: int
    document_type: str
    section: str
    issued_on: datetime.date | None
    valid_until: datetime.date | None
    annotation: str


class CurrentDocumentOut(Schema):
    document_type: str
    valid_until: datetime.date | None


class ParticipantSummaryOut(Schema):
    """A row of the caseload, for counsellors and team leads."""

    kind: Literal["case"] = "case"
    id: int
    access: Literal["owner", "shared"]
    file_number: str
    first_names: str
    last_name: str
    birth_date: datetime.date | None
    birth_year: int | None
    gender: str
    nationality: str
    status: str
    organisation: Ref
    site: Ref | None
    counsellor: str | None
    current_document: CurrentDocumentOut | None
    last_contact_on: datetime.date | None


class ParticipantOut(ParticipantSummaryOut):
    """The case file's master data, for the owner and organisations it is shared with."""

    aliases: str
    birth_date_precision: str
    street: str
    postcode: str
    city: str
    phone: str
    email: str
    preferred_language: str
    interpreter_needed: bool
    interpreter_language: str
    wishes: str
    entry_date: datetime.date | None
    exit_date: datetime.date | None
    exit_outcome: str
    version: int
    residence_documents: list[ResidenceDocumentOut]


class ParticipantContactDataOut(Schema):
    """All a volunteer sees of a participant assigned to them: how to reach them."""

    kind: Literal["contact_data"] = "contact_data"
    id: int
    first_names: str
    last_name: str
    phone: str
    email: str
    preferred_language: str
    interpreter_needed: bool
    interpreter_language: str
    counsellor: str | None


ParticipantListItem = Annotated[
    ParticipantSummaryOut | ParticipantContactDataOut, Field(discriminator="kind")
]
ParticipantDetail = Annotated[
    ParticipantOut | ParticipantContactDataOut, Field(discriminator="kind")
]


class ParticipantPage(Schema):
    count: int
    items: list[ParticipantListItem]


class NextStepOut(Schema):
    """A next step agreed in a contact: one of the participant's tasks (see TaskOut)."""

    id: int
    description: str
    due_on: datetime.date | None
    done_on: datetime.date | None
    status: str


class TaskOut(Schema):
    id: int
    participant_id: int
    description: str
    organisation: Ref
    assignee: str | None = Field(description="The responsible person with an account")
    assignee_name: str = Field(description="The responsible person without an account")
    due_on: datetime.date | None
    status: str = Field(description="open, in_progress, done or cancelled")
    done_on: datetime.date | None
    overdue: bool
    contact_id: int | None = Field(description="The counselling contact it was agreed in")
    version: int


class TaskPage(Schema):
    count: int
    items: list[TaskOut]


class TaskIn(StrictIn):
    description: str
    organisation: int | None = Field(
        default=None, description="The responsible organisation; yours if left out"
    )
    assignee: int | None = Field(default=None, description="A person with an account (user id)")
    assignee_name: str = ""
    due_on: DateText | None = None
    note: str = ""


class TaskDoneIn(StrictIn):
    # Not strict: JSON has one kind of number, and to a JSON schema 7.0 is the integer 7.
    version: int = Field(
        ge=1,
        le=2**31 - 1,
        strict=False,
        description="The version read; a task saved since answers 409",
    )


class ContactOut(Schema):
    id: int
    submission_key: uuid.UUID
    took_place_on: datetime.date
    duration_minutes: int
    form: str
    site: Ref | None
    topics: list[str]
    interpreter_language: str
    note: str
    organisation: Ref
    counsellor: str | None
    next_steps: list[NextStepOut]
    created_at: datetime.datetime


class ContactPage(Schema):
    count: int
    items: list[ContactOut]


class Message(Schema):
    detail: str


class PossibleDuplicateOut(Schema):
    organisation: str
    contact_email: str
    contact_phone: str
    participant_id: int | None = Field(
        description="Only for a match in the caller's own organisation that the caller may see"
    )


class PossibleDuplicates(Schema):
    detail: str
    possible_duplicates: list[PossibleDuplicateOut]


class ValidationErrors(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        description="Messages per field, in the language of Accept-Language; nested fields "
        "are named like residence_document.valid_until"
    )
