"""The referrals in the inbox: incoming ones to answer (overdue first), outgoing ones with
their state. Registered in `ReferralsConfig.ready`."""

from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.audit.services import audit_record_many
from lotse.inbox.registry import ROWS_PER_SOURCE, InboxRow, InboxSource
from lotse.network.access import membership_of
from lotse.referrals import selectors
from lotse.referrals.enums import ReferralStatus


def _organisation(user: User) -> int | None:
    membership = membership_of(user)
    return membership.organisation_id if membership is not None else None


def _shown(user: User) -> bool:
    return user.has_perm("referrals.use_referrals")


def _audit(user: User, rows: list[Any]) -> None:
    """The rows name people: listed in the log like a caseload page (one insert)."""
    if rows:
        audit_record_many(
            actor=user,
            action="referrals.referral.listed",
            participant_ids=[r["participant_id"] for r in rows],
        )


def _prefix() -> str:
    """The referral pages' address without the id: one reverse() for the page."""
    return reverse("referrals:detail", args=[1]).removesuffix("1/")


def _what(offer_title: str | None, fallback: str) -> str:
    return offer_title or fallback


def _incoming(user: User) -> list[Any]:
    org = _organisation(user)
    if org is None:
        return []
    labels = {value: str(label) for value, label in ReferralStatus.choices}
    found = selectors.incoming_rows(org, ROWS_PER_SOURCE)
    _audit(user, found)
    # Looked up once for the page, not in each row.
    prefix, sender = _prefix(), _("from %(organisation)s")
    fallback = _("referral to your organisation")
    withdrawn = _("(no valid consent)")
    return [
        InboxRow(
            title=f"{r['disclosed'].get('name', '') if r['consented'] else withdrawn} – "
            f"{_what(r['offer__title'], fallback)}",
            url=f"{prefix}{r['pk']}/",
            state=labels[r["status"]],
            detail=sender % {"organisation": r["sender_organisation__name"]},
            due=r["due_on"] if r["status"] == ReferralStatus.REQUESTED else None,
            since=timezone.localdate(r["requested_at"]),
        )
        for r in found
    ]


def _outgoing(user: User) -> list[Any]:
    org = _organisation(user)
    if org is None:
        return []
    labels = {value: str(label) for value, label in ReferralStatus.choices}
    rows = []
    found = selectors.outgoing_rows(org, ROWS_PER_SOURCE)
    _audit(user, found)
    prefix, to = _prefix(), _("to %(organisation)s")
    # The row's second line names the recipient: the title says what was asked, not who again.
    fallback = _("referral")
    for r in found:
        recipient = r["target_organisation__name"] or r["outside_provider"]
        outside = not r["target_organisation__name"]
        rows.append(
            InboxRow(
                title=f"{r['participant__first_names']} {r['participant__last_name']} – "
                f"{_what(r['offer__title'], fallback)}",
                url=f"{prefix}{r['pk']}/",
                state=labels[r["status"]],
                detail=to % {"organisation": recipient},
                # A provider outside the network answers nobody in Lotse: no answer date.
                due=r["due_on"]
                if r["status"] == ReferralStatus.REQUESTED and not outside
                else None,
                since=timezone.localdate(r["requested_at"]),
            )
        )
    return rows


def _coordinating(user: User) -> bool:
    return user.has_perm("network.manage_network")


def _unanswered(user: User) -> list[Any]:
    """The coordinator's: requests in the network nobody answered in time, without names (the
    coordinator sees who waits on whom, no case files); each row leads to the list."""
    membership = membership_of(user)
    if membership is None:
        return []
    today = timezone.localdate()
    url = reverse("referrals:overdue")
    requested = str(ReferralStatus.REQUESTED.label)
    found = selectors.unanswered_rows(None, membership.organisation.network_id, ROWS_PER_SOURCE)
    return [
        InboxRow(
            title=f"{r['sender_organisation__name']} → {r['target_organisation__name']}",
            url=url,
            state=requested,
            detail=r["offer__title"] or "",
            due=r["due_on"],
            since=timezone.localdate(r["requested_at"]),
        )
        for r in found
        if r["due_on"] < today
    ]


def _to_answer(user: User) -> int:
    org = _organisation(user)
    return selectors.to_answer(org).count() if org is not None else 0


SOURCES = (
    InboxSource(
        key="referrals.incoming",
        heading=gettext_lazy("Incoming referrals"),
        rows=_incoming,
        count=_to_answer,
        shown=_shown,
        order=10,
    ),
    InboxSource(
        key="referrals.outgoing",
        heading=gettext_lazy("Outgoing referrals"),
        rows=_outgoing,
        shown=_shown,
        order=20,
        template="referrals/_outgoing_rows.html",
    ),
    InboxSource(
        key="referrals.unanswered",
        heading=gettext_lazy("Overdue referrals in the network"),
        rows=_unanswered,
        shown=_coordinating,
        order=25,
        template="referrals/_unanswered_rows.html",
    ),
)
