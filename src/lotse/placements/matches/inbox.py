"""Matching's source in the inbox: participants who fit a vacancy recorded since the counsellor
last looked at their matching vacancies."""

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.audit.services import audit_record_many
from lotse.inbox.registry import ROWS_PER_SOURCE, InboxRow, InboxSource
from lotse.placements.matches import selectors


def _rows(user: User) -> list[InboxRow]:
    waiting = selectors.new_matches_waiting(user, ROWS_PER_SOURCE)
    audit_record_many(
        actor=user,
        action="matches.new_match.listed",
        participant_ids=[m.participant_id for m in waiting],
    )
    return [
        InboxRow(
            title=gettext("%(vacancy)s for %(participant)s")
            % {
                "vacancy": m.vacancy.title,
                "participant": f"{m.participant.first_names} {m.participant.last_name}",
            },
            url=reverse("matches:match_participant", args=[m.participant_id]),
            state=gettext("score %(score)d") % {"score": m.score},
            detail=m.vacancy.employer.name,
            since=m.found_on,
        )
        for m in waiting
    ]


def _shown(user: User) -> bool:
    return user.has_perm("matches.view_candidates")


SOURCE = InboxSource(
    key="matches.new",
    heading=_("New matching vacancies"),
    rows=_rows,
    count=selectors.new_matches_count,
    order=40,
    shown=_shown,
)
