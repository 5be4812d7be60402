"""Writes of the reporting app: the ESF data of a case (one function per change, audited)."""

import datetime
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from lotse.audit.services import MASK, audit_record
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_current, lock_existing
from lotse.network.access import membership_of
from lotse.network.models import Network, Organisation
from lotse.participants import services as participant_services
from lotse.participants.enums import OPEN_TASK_STATUSES
from lotse.participants.models import Participant, Task
from lotse.participants.sections import ErasureReport, erase_rows
from lotse.reporting import figures, selectors, sources
from lotse.reporting import indicators as ind
from lotse.reporting.enums import EsfSituation, ReportStatus
from lotse.reporting.models import (
    RECORD_FIELDS,
    EsfFact,
    EsfFollowUp,
    EsfRecord,
    EsfSituationEvent,
    Report,
)

# The log says which of these changed, never to what: they describe the person.
FOLLOW_UP_AFTER = datetime.timedelta(days=183)


@transaction.atomic
def esf_record_save(
    *,
    actor: User,
    participant: Participant,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> EsfRecord:
    """Create or change the participant's entry items. `data` may leave fields out (a sharing
    organisation's form has no disability); a field left out keeps its value."""
    unknown = set(data) - set(RECORD_FIELDS)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    record = lock_current(
        EsfRecord.objects.filter(participant=participant), expected_version=expected_version
    ) or EsfRecord(participant=participant, network_id=participant.network_id)
    changed = sorted(name for name, value in data.items() if getattr(record, name) != value)
    for name, value in data.items():
        setattr(record, name, value)
    record.updated_by = actor
    record._history_user = actor  # type: ignore[attr-defined]
    record.save()
    audit_record(
        actor=actor,
        action="reporting.esf_record.changed",
        obj=record,
        participant_id=participant.pk,
        detail={"changes": dict.fromkeys(changed, MASK)},
    )
    return record


def _check_after_exit(participant: Participant, day: datetime.date) -> None:
    if participant.exit_date is None:
        raise DomainError(_("The situation after leaving is recorded once the person has left."))
    if day < participant.exit_date:
        raise DomainError(
            _("The date cannot be before the exit on %(date)s.")
            % {"date": participant.exit_date.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def esf_situation_record(
    *,
    actor: User,
    participant: Participant,
    day: datetime.date,
    situation: EsfSituation | str,
) -> EsfSituationEvent:
    """One labour-market event after leaving. Events later than 28 days after the exit are
    kept (they belong to the case) but the indicators do not count them."""
    _check_after_exit(participant, day)
    event = EsfSituationEvent(
        participant=participant,
        network_id=participant.network_id,
        day=day,
        situation=situation,
        recorded_by=actor,
    )
    event._history_user = actor  # type: ignore[attr-defined]
    event.save()
    audit_record(
        actor=actor,
        action="reporting.situation.recorded",
        obj=event,
        participant_id=participant.pk,
        detail={"day": day.isoformat(), "situation": MASK},
    )
    return event


@transaction.atomic
def esf_situation_delete(*, actor: User, event: EsfSituationEvent) -> None:
    participant_id = event.participant_id
    deleted, _per_model = EsfSituationEvent.objects.filter(pk=event.pk).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="reporting.situation.deleted",
            obj=event,
            participant_id=participant_id,
        )


@transaction.atomic
@transaction.atomic
def esf_no_situation_confirm(
    *, actor: User, participant: Participant, expected_version: int | None = None
) -> EsfRecord:
    """The counsellor asked and there was nothing to record within 28 days after leaving: the
    exit is then complete and counts in none of the result indicators. `expected_version` is
    the record's version the confirmation page showed (None: there was no record)."""
    if participant.exit_date is None:
        raise DomainError(_("The situation after leaving is recorded once the person has left."))
    record = lock_current(
        EsfRecord.objects.filter(participant=participant), expected_version=expected_version
    ) or EsfRecord(participant=participant, network_id=participant.network_id)
    record.no_situation_after_exit_on = participant.exit_date
    record.updated_by = actor
    record._history_user = actor  # type: ignore[attr-defined]
    record.save()
    audit_record(
        actor=actor,
        action="reporting.situation.none_confirmed",
        obj=record,
        participant_id=participant.pk,
        detail={"exit_date": participant.exit_date.isoformat()},
    )
    return record


@transaction.atomic
def esf_no_situation_undo(
    *, actor: User, participant: Participant, expected_version: int | None
) -> EsfRecord:
    """Take back "nothing to record within four weeks": the exit is incomplete again until the
    situation is recorded (or confirmed as nothing once more)."""
    record = lock_existing(
        EsfRecord.objects.filter(participant=participant), expected_version=expected_version
    )
    if record.no_situation_after_exit_on is None:
        raise DomainError(_("Nothing was confirmed for this exit; there is nothing to undo."))
    undone = record.no_situation_after_exit_on
    record.no_situation_after_exit_on = None
    record.updated_by = actor
    record._history_user = actor  # type: ignore[attr-defined]
    record.save()
    audit_record(
        actor=actor,
        action="reporting.situation.none_undone",
        obj=record,
        participant_id=participant.pk,
        detail={"exit_date": undone.isoformat()},
    )
    return record


def follow_up_schedule(actor: User, participant: Participant, exit_date: datetime.date) -> None:
    """At exit (a hook of `participant_exit`, inside its transaction): the question six months
    later, as a task of the case owner's counsellor, or of the organisation."""
    if EsfFollowUp.objects.filter(participant=participant, exit_on=exit_date).exists():
        return
    counsellor = participant.counsellor
    membership = membership_of(counsellor) if counsellor is not None else None
    if membership is None or membership.organisation_id != participant.organisation_id:
        counsellor = None
    task = participant_services.task_create(
        actor=actor,
        participant=participant,
        description=_("ESF follow-up: ask about the situation six months after leaving"),
        organisation=participant.organisation,
        assignee=counsellor,
        due_on=exit_date + FOLLOW_UP_AFTER,
    )
    follow_up = EsfFollowUp.objects.create(
        participant=participant,
        network_id=participant.network_id,
        exit_on=exit_date,
        task=task,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        action="reporting.follow_up.scheduled",
        obj=follow_up,
        participant_id=participant.pk,
        detail={"exit_date": exit_date.isoformat()},
    )


@transaction.atomic
def follow_up_answer(
    *,
    actor: User,
    follow_up: EsfFollowUp,
    answered_on: datetime.date,
    employed: bool,
    improved: bool,
    expected_version: int | None,
) -> EsfFollowUp:
    """Record the answer; the follow-up's task is done with it."""
    if answered_on < follow_up.exit_on:
        raise DomainError(_("The answer cannot be dated before the exit."))
    locked = lock_existing(
        EsfFollowUp.objects.filter(pk=follow_up.pk), expected_version=expected_version
    )
    locked.answered_on = answered_on
    locked.employed = employed
    locked.improved = improved
    locked.updated_by = actor
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save()
    audit_record(
        actor=actor,
        action="reporting.follow_up.answered",
        obj=locked,
        participant_id=locked.participant_id,
        detail={"answered_on": answered_on.isoformat(), "employed": MASK, "improved": MASK},
    )
    task = (
        Task.objects.filter(pk=locked.task_id, status__in=OPEN_TASK_STATUSES).first()
        if locked.task_id is not None
        else None
    )
    if task is not None:
        participant_services.task_complete(
            actor=actor, task=task, expected_version=task.version, done_on=answered_on
        )
    return locked


def esf_erase(participant: Participant) -> ErasureReport:
    """The section's eraser; runs inside `participant_erase`."""
    report: ErasureReport = {}
    for model in (EsfSituationEvent, EsfFollowUp, EsfRecord, EsfFact):
        report.update(erase_rows(model, participant=participant))
    return report


# --- the fact table ------------------------------------------------------------------------------
#
# `EsfFact` holds each participation's facts (`indicators.facts`) so that a report is one query.
# Whatever changes an input marks the participant dirty (`esf_facts_mark_dirty`; reporting's
# `signals` do it for the kernel's, the profile's, its own and the contributors' rows); the
# facts are computed again after the commit, and a report first refreshes what is still
# pending in its own thread. `esf_facts_rebuild` (`manage.py esf_facts_rebuild`) recomputes
# everything, after bulk loads that bypass the models.

_pending = threading.local()
# A refresh reads the participants' rows by id range: ids far apart go in separate reads.
_REFRESH_SPAN = 20_000


def _pending_ids() -> set[int]:
    ids: set[int] | None = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = set()
    return ids


def esf_facts_mark_dirty(participant_ids: Iterable[int]) -> None:
    """The facts of these participants are to be computed again once the change commits."""
    _pending_ids().update(participant_ids)
    # Each time: a transaction rolled back drops its callbacks, not the ids. Robust: a refresh
    # that fails is logged and does not fail the request whose change committed already; its
    # ids stay pending for the next flush (or the nightly rebuild).
    transaction.on_commit(esf_facts_flush, robust=True)


def esf_facts_flush() -> None:
    """Refresh what is marked dirty (after the commit, and before a report)."""
    pending = _pending_ids()
    if not pending:
        return
    ids = sorted(pending)
    pending.clear()
    try:
        esf_facts_refresh(ids)
    except Exception:
        pending.update(ids)
        raise


def _fact(person: dict[str, Any], row: ind.PersonRow) -> EsfFact | None:
    item = ind.participation(row)
    if item is None:
        return None
    return EsfFact(
        participant_id=row.person,
        network_id=person["network_id"],
        organisation_id=person["organisation_id"],
        **ind.facts(item),
    )


def _facts_of(chunk: list[dict[str, Any]]) -> list[EsfFact]:
    rows = sources.rows_of(chunk)
    return [fact for person, row in zip(chunk, rows, strict=True) if (fact := _fact(person, row))]


def esf_facts_refresh(participant_ids: Iterable[int]) -> None:
    """Compute the facts of these participants again (none for who was never enrolled)."""
    ids = sorted(set(participant_ids))
    groups: list[list[int]] = []
    for pk in ids:
        if not groups or len(groups[-1]) >= sources.CHUNK or pk - groups[-1][0] > _REFRESH_SPAN:
            groups.append([])
        groups[-1].append(pk)
    with scopes_disabled(), transaction.atomic():
        for group in groups:
            people = Participant.objects.filter(pk__in=group)
            EsfFact.objects.filter(participant_id__in=group).delete()
            for chunk in sources.participant_chunks(people):
                EsfFact.objects.bulk_create(_facts_of(chunk))


def esf_facts_rebuild(*, network_id: int | None = None, chunk_size: int = sources.CHUNK) -> int:
    """Every participation's facts computed anew (of one network, or all); the rows written."""
    written = 0
    with scopes_disabled():
        people = Participant.objects.all()
        facts = EsfFact.objects.all()
        if network_id is not None:
            people = people.filter(network_id=network_id)
            facts = facts.filter(network_id=network_id)
        with transaction.atomic():
            facts.delete()
            for chunk in sources.participant_chunks(people, chunk_size=chunk_size):
                built = _facts_of(chunk)
                EsfFact.objects.bulk_create(built, batch_size=chunk_size)
                written += len(built)
    return written


# --- reports -------------------------------------------------------------------------------------


def report_request(
    *,
    actor: User,
    network: Network,
    organisation: Organisation | None,
    key: str,
    start: datetime.date,
    end: datetime.date,
) -> Report:
    """A report for the period and scope: computed at once while the scope is small, else by
    the worker (`report_run_task`) while the page shows its progress. The same
    report requested again while one runs is that one: one runs."""
    try:
        period = ind.Period(start, end)
    except ValueError:
        raise DomainError(_("The period ends before it starts.")) from None
    try:
        chosen = ind.indicator_set(key)
    except ValueError:
        raise DomainError(_("There is no such indicator set.")) from None
    scope: Network | Organisation = organisation if organisation is not None else network
    if not actor.has_perm("reporting.report_on", scope):
        raise PermissionDenied
    organisation_id = organisation.pk if organisation is not None else None
    with transaction.atomic():
        running = selectors.active_report(
            network_id=network.pk, organisation_id=organisation_id, key=key, period=period
        )
        if running is not None:
            return running
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    network=network,
                    organisation=organisation,
                    indicator_set=key,
                    period_start=start,
                    period_end=end,
                    definitions_version=chosen.version,
                    requested_by=actor,
                )
        except IntegrityError:
            # A second request in the same moment: the first one's report.
            found = selectors.active_report(
                network_id=network.pk, organisation_id=organisation_id, key=key, period=period
            )
            if found is None:
                raise
            return found
        audit_record(
            actor=actor,
            action="reporting.report.requested",
            obj=report,
            detail={
                # The set's name, as the officer reads the log (the key is for machines).
                "indicator_set": chosen.title_de,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "organisation": organisation_id,
            },
        )
    size = selectors.scope_participants(network.pk, organisation_id).count()
    if size <= settings.LOTSE_REPORT_INLINE_LIMIT:
        report_run(report_id=report.pk)
        report.refresh_from_db()
    else:
        transaction.on_commit(lambda: report_run_task.enqueue(report.pk))
    return report


def report_run(*, report_id: int) -> None:
    """Compute a requested report and store its numbers (the worker's job, or inline)."""
    claimed = Report.objects.filter(pk=report_id, status=ReportStatus.PENDING).update(
        status=ReportStatus.RUNNING, progress=0
    )
    if not claimed:
        return  # run already, or running elsewhere
    report = Report.objects.get(pk=report_id)

    def progress(percent: int) -> None:
        Report.objects.filter(pk=report_id).update(progress=percent)

    # Two phases the page can show: pending facts refreshed, then the counting query.
    progress(1)
    esf_facts_flush()
    progress(50)

    try:
        computed = selectors.compute_report(
            network_id=report.network_id,
            organisation_id=report.organisation_id,
            indicator_set=ind.indicator_set(report.indicator_set),
            period=ind.Period(report.period_start, report.period_end),
            progress=progress,
        )
    except Exception:
        Report.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, finished_at=timezone.now()
        )
        raise
    result = selectors.report_result(computed)
    if report.indicator_set in figures.FIGURE_SETS:
        # The second table: what referrals, events (and later placements) count.
        result["figures"] = figures.compute_figures(
            report.period_start,
            report.period_end,
            figures.FigureScope(report.network_id, report.organisation_id),
        )
    Report.objects.filter(pk=report_id).update(
        status=ReportStatus.DONE, progress=100, result=result, finished_at=timezone.now()
    )


@task()
def report_run_task(report_id: int) -> None:
    """The worker's job (Django's tasks framework, `lotse db_worker`). It has no request and so
    no scope: the report's own network is the scope."""
    with scopes_disabled():
        network_id = (
            Report.objects.filter(pk=report_id).values_list("network_id", flat=True).first()
        )
    if network_id is None:
        return
    with scope(network=network_id):
        report_run(report_id=report_id)
