"""Who may see a participant, and as what: the one place where visibility is computed.

`participant_for_user` answers a `CaseAccess`: the participant, the kind of access (owner,
shared, volunteer) and the user's membership. What the user may *do* with the case is asked
of `rules` object predicates fed by it (`participants/rules.py`, `profiles/rules.py`, …), so a
new kind of access (a referral recipient, the participant themself) is one new kind and its
rules, not edits in every template. "Missing" and "forbidden" are the same 404 (DESIGN.md §3).

`case_for_display` obtains the access to *show* the case and writes the audit event for it:
a page that shows personal data is audited because it obtained the access, not because
someone remembered to.
"""

import datetime
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypedDict, TypeVar

import rules
from django.contrib.auth import models as auth
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.services import audit_record
from lotse.core.errors import CaseUnavailable
from lotse.core.formats import short_date
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.network.models import Membership, Organisation
from lotse.participants.enums import ConsentPurpose
from lotse.participants.models import Consent, Participant, Share

# Only these purposes open the case file to another organisation (purpose limitation).
SHARING_PURPOSES = (ConsentPurpose.CASE_SHARING, ConsentPurpose.REFERRAL)

User = auth.User | AnonymousUser
T = TypeVar("T")


class AccessKind(enum.StrEnum):
    OWNER = "owner"  # the registering organisation: the whole case file
    SHARED = "shared"  # another organisation with consent and share: read, add contacts
    VOLUNTEER = "volunteer"  # assigned volunteer: contact data and appointments only
    # An organisation that accepted a referral of the person, under a valid referral consent:
    # works on the case like a sharing organisation until the referral ends.
    REFERRAL = "referral"


@dataclass(frozen=True)
class AccessGrant:
    """Access an app above the kernel grants to other organisations (registered in its
    `AppConfig.ready`): `participant_ids(organisation_id, today)` is a subquery of the
    participants (`.values("participant_id")`) the organisation may see today as `kind`, consent
    checked by the app. The kernel ORs it into the shared part; a share, if there is one, wins.

    What the grant rests on may end with a consent: `revocation_note(consent)` says, before the
    counsellor confirms a revocation, what it will end ("2 referrals will be cancelled"; empty:
    nothing), and `on_revocation(actor, consent)` ends it, inside the revocation's transaction,
    after the consent was marked revoked."""

    kind: AccessKind
    participant_ids: Callable[[int, datetime.date], QuerySet[Any, Any]]
    revocation_note: Callable[[Consent], str] | None = None
    on_revocation: Callable[[auth.User, Consent], None] | None = None


_grants: dict[AccessKind, AccessGrant] = {}


def register_access_grant(grant: AccessGrant) -> None:
    _grants[grant.kind] = grant


def revocation_notes(consent: Consent) -> list[str]:
    """What revoking `consent` ends beyond the kernel's own shares, one sentence per grant."""
    notes = [g.revocation_note(consent) for g in _grants.values() if g.revocation_note]
    return [note for note in notes if note]


def revocation_apply(actor: auth.User, consent: Consent) -> None:
    """Run the grants' revocation effects (called by `consent_revoke`, in its transaction)."""
    for grant in _grants.values():
        if grant.on_revocation is not None:
            grant.on_revocation(actor, consent)


def _granted(organisation_id: int, on: datetime.date) -> list[tuple[AccessKind, Any]]:
    return [(kind, grant.participant_ids(organisation_id, on)) for kind, grant in _grants.items()]


class _Permissions:
    """`case.can.<app>.<name>` in templates: asks `rules` for `<app>.<name>` on the case, once."""

    def __init__(self, case: "CaseAccess", app: str | None = None) -> None:
        self._case = case
        self._app = app
        self._answers: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name.startswith("_"):
            raise KeyError(name)
        if name not in self._answers:
            if self._app is None:
                self._answers[name] = _Permissions(self._case, name)
            else:
                self._answers[name] = self._case.allows(f"{self._app}.{name}")
        return self._answers[name]

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error


@dataclass(frozen=True, eq=False)
class CaseAccess:
    participant: Participant
    kind: AccessKind
    membership: Membership
    user: Any  # the user asking (`membership.user`, already loaded)

    @property
    def organisation_id(self) -> int:
        return self.membership.organisation_id

    @property
    def owned_elsewhere(self) -> bool:
        """The case belongs to another organisation (the page names it)."""
        return self.participant.organisation_id != self.membership.organisation_id

    def allows(self, permission: str) -> bool:
        return rules.has_perm(permission, self.user, self)

    def may_complete_task(self, task_organisation_id: int) -> bool:
        """The owner completes any open task; an organisation working on the case only the
        tasks given to it (the next steps of the contacts it recorded among them)."""
        if self.allows("participants.complete_any_task"):
            return True
        return (
            self.allows("participants.add_contact") and task_organisation_id == self.organisation_id
        )

    def loaded(self, key: str, load: Callable[[], T]) -> T:
        """What `load` reads for this case, read once per request: sections that show the same
        rows (a panel and the timeline) share them."""
        if key not in self._loaded:
            self._loaded[key] = load()
        return self._loaded[key]  # type: ignore[no-any-return]

    @cached_property
    def _loaded(self) -> dict[str, Any]:
        return {}

    @cached_property
    def can(self) -> _Permissions:
        return _Permissions(self)


def valid_consents(organisation: Organisation | int, on: datetime.date) -> QuerySet[Consent]:
    """Consents that allow `organisation` to see the case on day `on`."""
    return Consent.objects.filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=on),
        Q(valid_until__isnull=True) | Q(valid_until__gte=on),
        organisations=organisation,
        given_on__lte=on,
        purpose__in=SHARING_PURPOSES,
    )


class ParticipantIdRow(TypedDict):
    participant_id: int


def shared_participant_ids(
    organisation: Organisation | int, on: datetime.date
) -> "QuerySet[Share, ParticipantIdRow]":
    """Participants of other organisations that this one may see today (a subquery)."""
    consent = valid_consents(organisation, on).filter(participant=OuterRef("participant"))
    return (
        Share.objects.filter(organisation=organisation, ended_at__isnull=True)
        .filter(Exists(consent))
        .values("participant_id")
    )


def share_state(
    share: Share, consents: Iterable[Consent], today: datetime.date
) -> tuple[bool, str]:
    """Whether `share` gives its organisation access today (the rule of `shared_participant_ids`
    over consents already read, with their organisations prefetched), and if not, why not."""
    covering = [
        c
        for c in consents
        if c.purpose in SHARING_PURPOSES
        and any(o.pk == share.organisation_id for o in c.organisations.all())
    ]
    if share.ended_at:
        reason = _("Share ended on %(date)s.") % {
            "date": short_date(timezone.localdate(share.ended_at))
        }
    elif any(c.is_valid_on(today) for c in covering):
        reason = ""
    elif covering and covering[0].revoked_on:
        reason = _("No access: the consent was revoked on %(date)s.") % {
            "date": short_date(covering[0].revoked_on)
        }
    elif covering and covering[0].valid_until and covering[0].valid_until < today:
        reason = _("No access: the consent expired on %(date)s.") % {
            "date": short_date(covering[0].valid_until)
        }
    else:
        reason = _("No access: no valid consent covers this organisation.")
    return not reason, reason


def visible_participants(user: User) -> QuerySet[Participant]:
    membership = membership_of(user)
    if membership is not None and membership.role in CASE_ROLES:
        today = timezone.localdate()
        shared = shared_participant_ids(membership.organisation_id, today)
        visible = Q(organisation_id=membership.organisation_id) | Q(pk__in=shared)
        for _kind, ids in _granted(membership.organisation_id, today):
            visible |= Q(pk__in=ids)
        return Participant.objects.filter(visible)
    return visible_participant_parts(user).own


@dataclass(frozen=True)
class VisibleParts:
    """What a user may see as two disjoint parts. Lists page over `own` through its index (an
    organisation can hold 10^5 participants) and read `shared` whole: it is bounded by the shares
    counsellors made by hand, and one OR over both would sort the whole organisation."""

    own: QuerySet[Participant]
    shared: QuerySet[Participant] | None = None

    def narrowed(self, narrow: Any) -> "VisibleParts":
        return VisibleParts(
            narrow(self.own), narrow(self.shared) if self.shared is not None else None
        )


def visible_participant_parts(user: User, *, with_shared: bool = True) -> VisibleParts:
    """`with_shared=False` when the caller's filter cannot match a shared case (one of this
    organisation's counsellors): the shared part is then neither built nor read."""
    membership = membership_of(user)
    if membership is None:
        return VisibleParts(Participant.objects.none())
    if membership.role in CASE_ROLES:
        own = Participant.objects.filter(organisation_id=membership.organisation_id)
        if not with_shared:
            return VisibleParts(own)
        today = timezone.localdate()
        shared = Q(pk__in=shared_participant_ids(membership.organisation_id, today))
        for _kind, ids in _granted(membership.organisation_id, today):
            shared |= Q(pk__in=ids)
        return VisibleParts(
            own=own,
            shared=Participant.objects.filter(shared).exclude(
                organisation_id=membership.organisation_id
            ),
        )
    if membership.role == Role.VOLUNTEER:
        return VisibleParts(
            Participant.objects.filter(
                organisation_id=membership.organisation_id, volunteers=membership.user_id
            )
        )
    return VisibleParts(Participant.objects.none())


def kind_of(membership: Membership, participant: Participant) -> AccessKind:
    """The kind of access of a participant the membership can see (read through the parts)."""
    if membership.role == Role.VOLUNTEER:
        return AccessKind.VOLUNTEER
    if participant.organisation_id == membership.organisation_id:
        return AccessKind.OWNER
    return AccessKind.SHARED


def case_access_of(user: User, participant: Participant) -> CaseAccess:
    """The access to a participant read from `visible_participants(user)` (lists)."""
    membership = membership_of(user)
    assert membership is not None
    return CaseAccess(participant, kind_of(membership, participant), membership, user)


def _one(participants: QuerySet[Participant], pk: int) -> Participant | None:
    # The relations every case page shows. Not `.first()`: its ORDER BY only costs here.
    found = list(
        participants.select_related("organisation", "site", "counsellor").filter(pk=pk)[:1]
    )
    return found[0] if found else None


def participant_for_user(user: User, pk: int, *, require: str | None = None) -> CaseAccess:
    """The access to the participant if the user may see it, and, with `require`, may do that
    (a permission name such as `participants.change_case`); otherwise 404, like a missing one."""
    membership = membership_of(user)
    if membership is None:
        raise CaseUnavailable
    # Part by part: the own organisation's case is one lookup by primary key; the consent check
    # in one OR with it cost more to plan than the whole lookup, and building it ~1 ms.
    participant = _one(visible_participant_parts(user, with_shared=False).own, pk)
    kind = None
    if participant is None and membership.role in CASE_ROLES:
        # A share first, then what the apps grant (a referral): the first that opens the case
        # names the kind of access.
        today = timezone.localdate()
        shared = Participant.objects.exclude(organisation_id=membership.organisation_id)
        ids = [(AccessKind.SHARED, shared_participant_ids(membership.organisation_id, today))]
        for granted_kind, granted_ids in [*ids, *_granted(membership.organisation_id, today)]:
            participant = _one(shared.filter(pk__in=granted_ids), pk)
            if participant is not None:
                kind = granted_kind
                break
    if participant is None:
        raise CaseUnavailable
    case = CaseAccess(participant, kind or kind_of(membership, participant), membership, user)
    if require is not None and not case.allows(require):
        raise Http404  # the user sees the person: only this page is not theirs
    return case


def case_for_display(
    user: User,
    pk: int,
    *,
    require: str | None = None,
    action: str = "participants.participant.viewed",
    **detail: Any,
) -> CaseAccess:
    """`participant_for_user` for a page or answer that shows the case: writes its audit event
    (`action`, with the kind of access and `detail`)."""
    case = participant_for_user(user, pk, require=require)
    audit_record(
        actor=user,
        action=action,
        obj=case.participant,
        participant_id=case.participant.pk,
        detail={"access": case.kind.value, **detail},
    )
    return case


def case_for_request(
    request: HttpRequest,
    pk: int,
    *,
    require: str | None = None,
    action: str = "participants.participant.viewed",
    **detail: Any,
) -> CaseAccess:
    """For a view that shows the case on GET and changes it on POST: the GET is the display and
    is audited here; a POST is audited by the service that makes the change."""
    if request.method in ("GET", "HEAD"):
        return case_for_display(request.user, pk, require=require, action=action, **detail)
    return participant_for_user(request.user, pk, require=require)
