"""Writes of matching: the "new matches" that wait in counsellors' inboxes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django_scopes import scope

from lotse.audit.services import audit_record
from lotse.employers.enums import VacancyStatus
from lotse.employers.models import Vacancy
from lotse.inbox.services import notify
from lotse.participants.access import CaseAccess
from lotse.participants.enums import ParticipantStatus
from lotse.participants.models import Participant
from lotse.placements import matching
from lotse.placements.matches.models import NewMatch
from lotse.placements.matches.selectors import person_rows, vacancy_rows

INBOX_KIND = "matches.new"


@transaction.atomic
def new_matches_record(
    *, network_id: int, today: datetime.date, vacancy_ids: list[int] | None = None
) -> int:
    """Record, for each open vacancy (the given ones, else all of the network), the active
    participants who fit it, in an occupational group (KldB 3 digits) of their wishes,
    experience or qualifications, and were not recorded for it before, as a `NewMatch` for their
    counsellor; tell the counsellors that something waits. Returns how many were recorded."""
    with scope(network=network_id):
        vacancies: QuerySet[Vacancy] = Vacancy.objects.filter(
            network_id=network_id, status=VacancyStatus.OPEN
        )
        if vacancy_ids is not None:
            vacancies = vacancies.filter(pk__in=vacancy_ids)
        rows = vacancy_rows(vacancies, today)
        if not rows:
            return 0
        participants = Participant.objects.filter(
            network_id=network_id, counsellor__isnull=False
        ).exclude(status=ParticipantStatus.EXITED)
        people = person_rows(participants, today)
        counsellor_of = dict(participants.values_list("pk", "counsellor_id").order_by())
        known = set(
            NewMatch.objects.filter(vacancy_id__in=[v.id for v in rows]).values_list(
                "participant_id", "vacancy_id"
            )
        )
        index = matching.VacancyIndex(rows)
        found = []
        for person in people.values():
            for points, vacancy_id in index.linked_ids(person, today=today):
                if (person.id, vacancy_id) in known:
                    continue
                score = max(0, round(100 * points / matching.MAX_POINTS))
                found.append(
                    NewMatch(
                        network_id=network_id,
                        participant_id=person.id,
                        vacancy_id=vacancy_id,
                        counsellor_id=counsellor_of[person.id],
                        score=score,
                        found_on=today,
                    )
                )
        NewMatch.objects.bulk_create(found, batch_size=1_000, ignore_conflicts=True)
        audit_record(
            actor=None,
            action="matches.new_matches.found",
            network_id=network_id,
            detail={"vacancies": len(rows), "matches": len(found)},
        )
        notify(recipients={m.counsellor_id for m in found}, kind=INBOX_KIND)
        return len(found)


def new_matches_seen(*, case: CaseAccess, today: datetime.date) -> int:
    """The counsellor opened the participant's matching vacancies: what waited is seen."""
    return NewMatch.objects.filter(
        participant=case.participant, counsellor=case.user, seen_on__isnull=True
    ).update(seen_on=today)
