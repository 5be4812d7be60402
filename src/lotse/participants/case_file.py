"""The case file of one participant as the participant page shows it, read in one query.

Each table is a JSON array in that query (`lotse.core.json_rows`): eight reads of a few rows
each cost ~7 ms in round trips and ORM work, the one query ~2 ms. The query is built once per
process, so the tables' rows are tied to the participant's own row and network column, not to
the scope of the moment; the participant's row is read in the scope. Rows come back in no
order and are sorted here, each as its model orders it.
"""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, OuterRef
from django.db.models.expressions import RawSQL
from django.http import Http404
from django_scopes import scopes_disabled

from lotse.core.formats import alphabetical
from lotse.core.json_rows import AsJSON, compiled_columns, date_of, json_rows, moment_of
from lotse.participants.models import (
    Child,
    Consent,
    CounsellingContact,
    NextStep,
    Participant,
    ResidenceDocument,
    Share,
    StatusChange,
    VolunteerAssignment,
)

# A consent with the organisations it covers, as (id, name) pairs in name order.
CoveringConsent = tuple[Consent, list[tuple[int, str]]]
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseFile:
    documents: list[ResidenceDocument]  # newest first: the current one leads
    children: list[int]  # birth years, oldest child first
    contacts: list[Row]  # newest first
    next_steps: list[Row]  # by due date, undated last
    status_changes: list[Row]  # newest first
    # Only for the case owner (`whole`), empty otherwise:
    consents: list[CoveringConsent]  # newest first
    shares: list[Row]  # newest first
    volunteers: list[tuple[int, str]]  # (user id, name) in name order


def full_name(first_name: str, last_name: str, username: str) -> str:
    """What `user.get_full_name() or user.username` shows, from values read without the user."""
    return f"{first_name} {last_name}".strip() or username


def _columns(whole: bool) -> dict[str, Any]:
    """Named `<table>_rows`: the plain names are the participant's relations."""
    columns = {
        "documents_rows": json_rows(
            ResidenceDocument.objects.filter(network=OuterRef("network")),
            "participant",
            pk="pk",
            document_type="document_type",
            section="section",
            issued_on="issued_on",
            valid_until="valid_until",
            annotation="annotation",
            recorded_at="recorded_at",
        ),
        "children_rows": json_rows(
            Child.objects.filter(network=OuterRef("network")),
            "participant",
            birth_year="birth_year",
        ),
        "contacts_rows": json_rows(
            CounsellingContact.objects.filter(network=OuterRef("network")),
            "participant",
            pk="pk",
            took_place_on="took_place_on",
            created_at="created_at",
            form="form",
            duration_minutes="duration_minutes",
            organisation_id="organisation_id",
            organisation__name="organisation__name",
            topics=AsJSON("topics"),
            interpreter_language="interpreter_language",
            counsellor_id="counsellor_id",
            counsellor__first_name="counsellor__first_name",
            counsellor__last_name="counsellor__last_name",
            counsellor__username="counsellor__username",
            note="note",
        ),
        "next_steps_rows": json_rows(
            NextStep.objects.filter(network=OuterRef("network")),
            "participant",
            pk="pk",
            contact_id="contact_id",
            description="description",
            due_on="due_on",
            done_on="done_on",
        ),
        "status_changes_rows": json_rows(
            StatusChange.objects.filter(network=OuterRef("network")),
            "participant",
            status="status",
            exit_outcome="exit_outcome",
            effective_on="effective_on",
            recorded_at="recorded_at",
        ),
    }
    if whole:
        columns.update(
            # One element per consent and organisation it covers, so that no join is nested.
            consents_rows=json_rows(
                Consent.objects.filter(network=OuterRef("network")),
                "participant",
                pk="pk",
                purpose="purpose",
                given_on="given_on",
                form="form",
                witness="witness",
                valid_until="valid_until",
                revoked_on="revoked_on",
                covered_id=F("organisations__pk"),
                covered_name=F("organisations__name"),
            ),
            shares_rows=json_rows(
                Share.objects.filter(network=OuterRef("network")),
                "participant",
                pk="pk",
                organisation_id="organisation_id",
                organisation__name="organisation__name",
                started_at="started_at",
                ended_at="ended_at",
            ),
            volunteers_rows=json_rows(
                VolunteerAssignment.objects.filter(network=OuterRef("network")),
                "participant",
                pk="user_id",
                first_name="user__first_name",
                last_name="user__last_name",
                username="user__username",
            ),
        )
    return columns


@functools.cache
def _compiled_columns(vendor: str, whole: bool) -> dict[str, RawSQL]:
    # `vendor` only keys the cache: the SQL differs between databases.
    with scopes_disabled():
        return compiled_columns(Participant, _columns(whole), connection)


def read_case_file(participant: Participant, *, whole: bool) -> CaseFile:
    """`whole`: with consents, shares and volunteers, which only the case owner sees."""
    columns = _compiled_columns(connection.vendor, whole)
    found = list(Participant.objects.filter(pk=participant.pk).values(**columns))
    if not found:  # deleted since the access check
        raise Http404
    read = found[0]
    documents = [
        ResidenceDocument(
            pk=d["pk"],
            participant=participant,
            document_type=d["document_type"],
            section=d["section"],
            issued_on=date_of(d["issued_on"]),
            valid_until=date_of(d["valid_until"]),
            annotation=d["annotation"],
            recorded_at=moment_of(d["recorded_at"]),
        )
        for d in read["documents_rows"] or ()
    ]
    documents.sort(key=ResidenceDocument.newness, reverse=True)
    contacts = read["contacts_rows"] or []
    for c in contacts:
        c["took_place_on"] = date_of(c["took_place_on"])
        c["created_at"] = moment_of(c["created_at"])
    contacts.sort(key=lambda c: (c["took_place_on"], c["created_at"], c["pk"]), reverse=True)
    next_steps = read["next_steps_rows"] or []
    for s in next_steps:
        s["due_on"] = date_of(s["due_on"])
        s["done_on"] = date_of(s["done_on"])
    next_steps.sort(key=lambda s: (s["due_on"] is None, s["due_on"] or datetime.date.min, s["pk"]))
    status_changes = read["status_changes_rows"] or []
    for s in status_changes:
        s["effective_on"] = date_of(s["effective_on"])
        s["recorded_at"] = moment_of(s["recorded_at"])
    status_changes.sort(key=lambda s: s["recorded_at"], reverse=True)
    return CaseFile(
        documents=documents,
        children=sorted(c["birth_year"] for c in read["children_rows"] or ()),
        contacts=contacts,
        next_steps=next_steps,
        status_changes=status_changes,
        consents=_consents(read.get("consents_rows") or [], participant),
        shares=_shares(read.get("shares_rows") or []),
        volunteers=sorted(
            (
                (v["pk"], full_name(v["first_name"], v["last_name"], v["username"]))
                for v in read.get("volunteers_rows") or ()
            ),
            key=lambda volunteer: (alphabetical(volunteer[1]), volunteer[0]),
        ),
    )


def _consents(rows: list[Row], participant: Participant) -> list[CoveringConsent]:
    consents: dict[int, CoveringConsent] = {}
    for row in rows:
        if row["pk"] not in consents:
            consent = Consent(
                pk=row["pk"],
                participant=participant,
                purpose=row["purpose"],
                given_on=date_of(row["given_on"]),
                form=row["form"],
                witness=row["witness"],
                valid_until=date_of(row["valid_until"]),
                revoked_on=date_of(row["revoked_on"]),
            )
            consents[row["pk"]] = (consent, [])
        if row["covered_id"] is not None:
            consents[row["pk"]][1].append((row["covered_id"], row["covered_name"]))
    for _consent, covered in consents.values():
        covered.sort(key=lambda organisation: (alphabetical(organisation[1]), organisation[0]))
    return sorted(consents.values(), key=lambda c: (c[0].given_on, c[0].pk), reverse=True)


def _shares(rows: list[Row]) -> list[Row]:
    for s in rows:
        s["started_at"] = moment_of(s["started_at"])
        s["ended_at"] = moment_of(s["ended_at"])
    return sorted(rows, key=lambda s: (s["started_at"], s["pk"]), reverse=True)
