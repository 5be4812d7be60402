"""The case file of one participant as the participant page shows it: plain ORM reads in the
request's network scope, one query per table whatever the number of rows, each read once per
request (`CaseAccess.loaded`) however many sections show it."""

import datetime

from django.db.models import Prefetch

from lotse.core.formats import alphabetical
from lotse.network.models import Organisation
from lotse.participants.access import CaseAccess
from lotse.participants.models import (
    Consent,
    CounsellingContact,
    NextStep,
    ResidenceDocument,
    Share,
    StatusChange,
)


def documents_of(case: CaseAccess) -> list[ResidenceDocument]:
    """Newest first: the current one leads."""

    def load() -> list[ResidenceDocument]:
        documents = list(ResidenceDocument.objects.filter(participant=case.participant))
        documents.sort(key=ResidenceDocument.newness, reverse=True)
        return documents

    return case.loaded("participants.documents", load)


def children_of(case: CaseAccess) -> list[int]:
    """Birth years, oldest child first."""
    return case.loaded(
        "participants.children",
        lambda: list(
            case.participant.children.order_by("birth_year").values_list("birth_year", flat=True)
        ),
    )


def contacts_of(case: CaseAccess) -> list[CounsellingContact]:
    """Newest first."""
    return case.loaded(
        "participants.contacts",
        lambda: list(
            CounsellingContact.objects.filter(participant=case.participant)
            .select_related("organisation", "counsellor")
            .order_by("-took_place_on", "-created_at", "-pk")
        ),
    )


def next_steps_of(case: CaseAccess) -> list[NextStep]:
    """By due date, undated last."""

    def load() -> list[NextStep]:
        steps = list(NextStep.objects.filter(participant=case.participant))
        steps.sort(key=lambda s: (s.due_on is None, s.due_on or datetime.date.min, s.pk))
        return steps

    return case.loaded("participants.next_steps", load)


def status_changes_of(case: CaseAccess) -> list[StatusChange]:
    return case.loaded(
        "participants.status_changes",
        lambda: list(StatusChange.objects.filter(participant=case.participant)),
    )


def consents_of(case: CaseAccess) -> list[Consent]:
    """Newest first, each with the organisations it covers in name order."""

    def load() -> list[Consent]:
        consents = list(
            Consent.objects.filter(participant=case.participant)
            .order_by("-given_on", "-pk")
            .prefetch_related(
                Prefetch("organisations", queryset=Organisation.objects.only("pk", "name"))
            )
        )
        for consent in consents:
            consent.covered = sorted(  # type: ignore[attr-defined]
                consent.organisations.all(), key=lambda o: (alphabetical(o.name), o.pk)
            )
        return consents

    return case.loaded("participants.consents", load)


def shares_of(case: CaseAccess) -> list[Share]:
    return case.loaded(
        "participants.shares",
        lambda: list(
            Share.objects.filter(participant=case.participant)
            .select_related("organisation")
            .order_by("-started_at", "-pk")
        ),
    )


def volunteers_of(case: CaseAccess) -> list[tuple[int, str]]:
    """(user id, name) in name order."""

    def load() -> list[tuple[int, str]]:
        volunteers = [
            (user.pk, user.get_full_name() or user.get_username())
            for user in case.participant.volunteers.only(
                "pk", "first_name", "last_name", "username"
            )
        ]
        return sorted(volunteers, key=lambda v: (alphabetical(v[1]), v[0]))

    return case.loaded("participants.volunteers", load)
