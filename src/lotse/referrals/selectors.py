"""Reads of referrals: the one place that decides who sees a referral, and as what.

A referral is seen by its two sides only: the counsellors and team leads of the sending
organisation, and those of the receiving one. The recipient reads what the referral discloses
(copied when it was made) only while a consent for referrals covering it is valid; once it
accepts, the kernel opens the case itself (`AccessKind.REFERRAL`, registered below)."""

import datetime
import enum
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.core.reference import language_name
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES
from lotse.network.models import Membership
from lotse.participants.access import CaseAccess, valid_consents
from lotse.participants.enums import ConsentPurpose, document_title
from lotse.participants.models import Consent, Participant
from lotse.profiles.enums import CefrLevel
from lotse.referrals.enums import ACTIVE, OPEN, ReferralStatus
from lotse.referrals.models import DEFAULT_ANSWER_WITHIN_DAYS, Referral, ReferralPolicy


class Side(enum.StrEnum):
    SENDER = "sender"
    RECIPIENT = "recipient"


@dataclass(frozen=True)
class ReferralAccess:
    referral: Referral
    side: Side
    membership: Membership
    consent_valid: bool  # a referral consent covers the recipient today

    @property
    def recipient_reads_disclosed(self) -> bool:
        return self.side == Side.SENDER or self.consent_valid


def referral_consents(organisation_id: int, on: datetime.date) -> QuerySet[Consent]:
    return valid_consents(organisation_id, on).filter(purpose=ConsentPurpose.REFERRAL)


def has_referral_consent(participant_id: int, organisation_id: int, on: datetime.date) -> bool:
    return referral_consents(organisation_id, on).filter(participant_id=participant_id).exists()


def referred_participant_ids(organisation_id: int, on: datetime.date) -> QuerySet[Any, Any]:
    """The kernel's `referral` access: participants of an accepted referral to the organisation,
    under a valid referral consent covering it (a subquery)."""
    consent = referral_consents(organisation_id, on).filter(participant=OuterRef("participant"))
    return (
        Referral.objects.filter(target_organisation_id=organisation_id, status__in=ACTIVE)
        .filter(Exists(consent))
        .values("participant_id")
    )


def referrals_ended_by_revoking(consent: Consent) -> list[Referral]:
    """The open referrals of the consent's person to organisations it covers that no other
    valid consent for referrals covers today: revoking it cancels them."""
    if consent.purpose != ConsentPurpose.REFERRAL:
        return []
    today = timezone.localdate()
    covered = list(consent.organisations.values_list("pk", flat=True))
    still = Consent.objects.filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        participant_id=consent.participant_id,
        purpose=ConsentPurpose.REFERRAL,
        given_on__lte=today,
        organisations=OuterRef("target_organisation"),
    ).exclude(pk=consent.pk)
    return list(
        Referral.objects.filter(
            participant_id=consent.participant_id,
            target_organisation_id__in=covered,
            status__in=OPEN,
        )
        .exclude(Exists(still))
        .order_by("pk")
    )


def unanswered_rows(organisation_id: int | None, network_id: int, limit: int) -> list[Any]:
    """Requests to partners that wait for an answer, earliest due first (so the overdue ones
    lead): those the organisation sent, or with `organisation_id` None (the coordinator) the
    network's — then without names: the coordinator sees who waits on whom, no case files."""
    found = Referral.objects.filter(
        network_id=network_id,
        status=ReferralStatus.REQUESTED,
        target_organisation__isnull=False,
    )
    columns = [
        "pk",
        "due_on",
        "requested_at",
        "offer__title",
        "sender_organisation__name",
        "target_organisation__name",
    ]
    if organisation_id is not None:
        found = found.filter(sender_organisation_id=organisation_id)
        columns += ["participant_id", "participant__first_names", "participant__last_name"]
    return list(found.order_by("due_on", "pk").values(*columns)[:limit])


def successors_of(referral: Referral) -> list[Referral]:
    """Where a re-routed referral went (the new one links back through `rerouted_from`)."""
    return list(referral.rerouted_to.select_related("target_organisation").order_by("pk"))


def policy_of(network_id: int) -> ReferralPolicy | None:
    return ReferralPolicy.objects.filter(network_id=network_id).first()


def answer_within_days(network_id: int) -> int:
    days = (
        ReferralPolicy.objects.filter(network_id=network_id)
        .values_list("answer_within_days", flat=True)
        .first()
    )
    return days if days is not None else DEFAULT_ANSWER_WITHIN_DAYS


def _case_membership(user: User | AnonymousUser) -> Membership | None:
    membership = membership_of(user)
    if membership is None or membership.role not in CASE_ROLES:
        return None
    return membership


def referral_for_user(user: User | AnonymousUser, pk: int) -> ReferralAccess:
    """The referral if the user's organisation sends or receives it; otherwise 404, like a
    missing one."""
    membership = _case_membership(user)
    if membership is None:
        raise Http404
    org = membership.organisation_id
    found = list(
        Referral.objects.filter(Q(sender_organisation_id=org) | Q(target_organisation_id=org))
        .select_related(
            "participant", "offer", "target_organisation", "sender_organisation", "sender"
        )
        .filter(pk=pk)[:1]
    )
    if not found:
        raise Http404
    referral = found[0]
    side = Side.RECIPIENT if referral.target_organisation_id == org else Side.SENDER
    consent = side == Side.SENDER or has_referral_consent(
        referral.participant_id, org, timezone.localdate()
    )
    return ReferralAccess(referral, side, membership, consent)


def incoming(organisation_id: int) -> QuerySet[Referral]:
    return Referral.objects.filter(target_organisation_id=organisation_id)


def outgoing(organisation_id: int) -> QuerySet[Referral]:
    return Referral.objects.filter(sender_organisation_id=organisation_id)


def to_answer(organisation_id: int) -> QuerySet[Referral]:
    """Incoming referrals waiting for the organisation's answer, overdue (earliest due) first."""
    return (
        incoming(organisation_id).filter(status=ReferralStatus.REQUESTED).order_by("due_on", "pk")
    )


def incoming_rows(organisation_id: int, limit: int) -> list[Any]:
    """The inbox's incoming referrals: those to answer first (earliest due first), then those
    the organisation works on. The names are the recipient's to read (the referral discloses
    them) while a referral consent covers it, but nothing else of the case. Each part is one
    query served by the index on (recipient, status, due date) and stopped at `limit`, instead
    of one that sorts every referral; the consent is then checked for the shown rows only, in
    one query — as a subquery of the list PostgreSQL hashed every consent of the network
    (15 ms with 5,000)."""
    columns = (
        "pk",
        "participant_id",
        "status",
        "due_on",
        "requested_at",
        "disclosed",
        "offer__title",
        "sender_organisation__name",
    )
    shown = incoming(organisation_id)
    found = list(
        shown.filter(status=ReferralStatus.REQUESTED)
        .order_by("due_on", "pk")
        .values(*columns)[:limit]
    )
    if len(found) < limit:
        found += list(
            shown.filter(status__in=ACTIVE)
            .order_by("due_on", "pk")
            .values(*columns)[: limit - len(found)]
        )
    if found:
        consented = set(
            referral_consents(organisation_id, timezone.localdate())
            .filter(participant_id__in={r["participant_id"] for r in found})
            .values_list("participant_id", flat=True)
        )
        for row in found:
            row["consented"] = row["participant_id"] in consented
    return found


def outgoing_rows(organisation_id: int, limit: int) -> list[Any]:
    return list(
        outgoing(organisation_id)
        .filter(status__in=OPEN)
        .order_by("due_on", "pk")
        .values(
            "pk",
            "participant_id",
            "status",
            "due_on",
            "requested_at",
            "offer__title",
            "outside_provider",
            "target_organisation__name",
            "participant__first_names",
            "participant__last_name",
        )[:limit]
    )


def referrals_of(case: CaseAccess) -> list[Referral]:
    """The case section's referrals: all of them for the owner, those its organisation sends or
    receives for an organisation working on the case."""
    referrals = Referral.objects.filter(participant=case.participant).select_related(
        "offer", "target_organisation", "sender_organisation"
    )
    if case.participant.organisation_id != case.organisation_id:
        org = case.organisation_id
        referrals = referrals.filter(Q(sender_organisation_id=org) | Q(target_organisation_id=org))
    return list(referrals.order_by("-requested_at", "-pk"))


def open_referral_marks(participant_ids: list[int], _own_organisation_id: int) -> dict[int, str]:
    marked = (
        Referral.objects.filter(participant_id__in=participant_ids, status__in=OPEN)
        .values_list("participant_id", flat=True)
        .distinct()
    )
    label = _("open referral")
    return dict.fromkeys(marked, label)


def referrals_export(participant: Participant) -> dict[str, Any]:
    """The referrals' part of a subject-access export (GDPR Art. 15)."""
    return {
        "referrals": [
            {
                "to": r.recipient_name,
                "offer": r.offer.title if r.offer else "",
                "reason": r.reason,
                "request": r.request,
                "passed_on": r.disclosures,
                "status": r.status,
                "requested_at": r.requested_at.isoformat(),
                "outcome": r.outcome,
                "started_on": r.started_on.isoformat() if r.started_on else None,
                "completed_on": r.completed_on.isoformat() if r.completed_on else None,
            }
            for r in Referral.objects.filter(participant=participant).select_related(
                "offer", "target_organisation"
            )
        ]
    }


def disclosed_lines(referral: Referral) -> list[tuple[str, str]]:
    """What the referral passes on, as label and value for the page (the recipient's view
    before it accepts)."""
    data = referral.disclosed
    lines: list[tuple[str, str]] = [(_("Name"), data.get("name", ""))]
    if data.get("phone"):
        lines.append((_("Phone"), data["phone"]))
    if data.get("email"):
        lines.append((_("E-mail"), data["email"]))
    if data.get("preferred_language"):
        lines.append((_("Preferred language"), language_name(data["preferred_language"])))
    if data.get("birth_date"):
        born = datetime.date.fromisoformat(data["birth_date"])
        lines.append((_("Date of birth"), date_format(born, "SHORT_DATE_FORMAT")))
    if "languages" in data:
        # The level as the profile names it ("Muttersprache", not the stored "native").
        names = dict(CefrLevel.choices)
        levels = ", ".join(
            f"{language_name(entry['language'])} {names.get(entry['level'], entry['level'])}"
            for entry in data["languages"]
        )
        lines.append((_("Language levels"), levels or _("none recorded")))
    residence = data.get("residence")
    if residence:
        text = document_title(residence["document_type"], residence.get("section", ""))
        if residence.get("valid_until"):
            until = datetime.date.fromisoformat(residence["valid_until"])
            text = _("%(document)s, valid until %(date)s") % {
                "document": text,
                "date": date_format(until, "SHORT_DATE_FORMAT"),
            }
        lines.append((_("Residence document"), text))
    return lines


def incoming_open(organisation_id: int) -> QuerySet[Referral]:
    order = Case(
        When(status=ReferralStatus.REQUESTED, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        incoming(organisation_id)
        .filter(status__in=OPEN)
        .select_related("offer", "sender_organisation", "target_organisation")
        .annotate(waiting=order)
        .order_by("waiting", "due_on", "pk")
    )


def outgoing_open(organisation_id: int) -> QuerySet[Referral]:
    return (
        outgoing(organisation_id)
        .filter(status__in=OPEN)
        .select_related("offer", "sender_organisation", "target_organisation")
        .order_by("due_on", "pk")
    )


def access_of(referral: Referral, membership: Membership) -> ReferralAccess:
    """The access to a referral read from `incoming_open`/`outgoing_open` (lists)."""
    org = membership.organisation_id
    side = Side.RECIPIENT if referral.target_organisation_id == org else Side.SENDER
    consent = side == Side.SENDER or has_referral_consent(
        referral.participant_id, org, timezone.localdate()
    )
    return ReferralAccess(referral, side, membership, consent)


def referral_figure_counts(
    *, start: datetime.date, end: datetime.date, network_id: int, organisation_id: int | None
) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """For the yearly figures: referrals sent in the period by the referred person's gender,
    and referrals completed in the period by outcome and gender (one grouped query each). The
    scope is the participant's: the network, or the cases one organisation registered."""
    scoped = Referral.objects.filter(network_id=network_id)
    if organisation_id is not None:
        scoped = scoped.filter(participant__organisation_id=organisation_id)
    sent = dict(
        scoped.filter(requested_at__date__gte=start, requested_at__date__lte=end)
        .values("participant__gender")
        .annotate(n=Count("pk"))
        .values_list("participant__gender", "n")
    )
    completed = {
        (outcome, gender): n
        for outcome, gender, n in scoped.filter(
            status=ReferralStatus.COMPLETED, completed_on__gte=start, completed_on__lte=end
        )
        .values("outcome", "participant__gender")
        .annotate(n=Count("pk"))
        .values_list("outcome", "participant__gender", "n")
    }
    return sent, completed


# The ages of open referrals on the dashboard: up to a week, two weeks, four weeks, older.
AGE_BUCKET_DAYS = (7, 14, 28)


def open_referral_ages(*, scope: Q, today: datetime.date) -> tuple[dict[str, list[int]], int]:
    """Open referrals of the scope's participants (`scope` is a condition on the referral)
    by status and age in the buckets of `AGE_BUCKET_DAYS` (and older), and how many are past
    their answer date; one grouped query each."""
    now = timezone.now()
    bucket = Case(
        *(
            When(requested_at__gte=now - datetime.timedelta(days=days), then=Value(index))
            for index, days in enumerate(AGE_BUCKET_DAYS)
        ),
        default=Value(len(AGE_BUCKET_DAYS)),
        output_field=IntegerField(),
    )
    open_referrals = Referral.objects.filter(scope, status__in=OPEN)
    ages: dict[str, list[int]] = {str(status): [0] * (len(AGE_BUCKET_DAYS) + 1) for status in OPEN}
    for status, index, n in (
        open_referrals.annotate(bucket=bucket)
        .values("status", "bucket")
        .annotate(n=Count("pk"))
        .values_list("status", "bucket", "n")
    ):
        ages[status][index] = n
    overdue = open_referrals.filter(status=ReferralStatus.REQUESTED, due_on__lt=today).count()
    return ages, overdue
