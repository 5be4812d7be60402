"""The referrals section of the case (registered in `ReferralsConfig.ready`): the person's
referrals with their state, the way to refer them, and their steps in the case's timeline."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.participants.access import CaseAccess
from lotse.participants.sections import CaseSection, TimelineEntry
from lotse.referrals.models import Referral
from lotse.referrals.selectors import referrals_export, referrals_of
from lotse.referrals.services import referrals_erase


def _referrals(case: CaseAccess) -> list[Referral]:
    # The panel and the timeline show the same rows: read once per request.
    return case.loaded("referrals", lambda: referrals_of(case))


def _panel(case: CaseAccess, _request: HttpRequest) -> dict[str, Any] | None:
    if not case.allows("participants.view_case"):
        return None
    return {"referrals": _referrals(case), "may_refer": case.allows("referrals.refer")}


def _moment(day: datetime.date) -> datetime.datetime:
    """A day-only step (started, completed) sorts after the same day's timed steps."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _steps(referral: Referral) -> Iterable[tuple[datetime.datetime, str]]:
    """(when, what) for each step the referral went through."""
    to = referral.recipient_name
    yield referral.requested_at, _("referred to %(recipient)s") % {"recipient": to}
    if referral.answered_at is not None:
        if referral.decline_reason:
            yield (
                referral.answered_at,
                _("declined by %(recipient)s: %(reason)s")
                % {"recipient": to, "reason": referral.get_decline_reason_display()},
            )
        else:
            yield referral.answered_at, _("accepted by %(recipient)s") % {"recipient": to}
    if referral.started_on is not None:
        yield _moment(referral.started_on), _("started at %(recipient)s") % {"recipient": to}
    if referral.completed_on is not None:
        yield (
            _moment(referral.completed_on),
            _("completed at %(recipient)s: %(outcome)s")
            % {"recipient": to, "outcome": referral.get_outcome_display()},
        )
    if referral.cancelled_at is not None:
        yield (
            referral.cancelled_at,
            _("referral to %(recipient)s cancelled: %(reason)s")
            % {"recipient": to, "reason": referral.get_cancel_reason_display()},
        )


def _timeline(case: CaseAccess) -> list[TimelineEntry]:
    if not case.allows("participants.view_case"):
        return []
    label = _("Referral")
    entries = []
    for referral in _referrals(case):
        what = f" ({referral.offer.title})" if referral.offer_id and referral.offer else ""
        for when, text in _steps(referral):
            entries.append(
                TimelineEntry(
                    day=timezone.localdate(when), moment=when, label=label, text=text + what
                )
            )
    return entries


SECTION = CaseSection(
    key="referrals",
    order=36,
    label=gettext_lazy("Referrals"),
    anchor="referrals",
    lazy=True,
    panel_template="referrals/panel.html",
    panel_context=_panel,
    timeline_entries=_timeline,
    export=referrals_export,
    erase=referrals_erase,
)
