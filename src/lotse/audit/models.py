from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core import scoping


class AppendOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AppendOnlyModel(models.Model):
    """A row of the audit log: written once, never changed or removed (triggers in the
    database refuse it too: migrations 0002, 0006 and 0007)."""

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


if TYPE_CHECKING:
    _ScopedByNetworkId = scoping.ScopedManagerBase
else:
    _ScopedByNetworkId = scoping.scoped_manager_class(
        models.Manager.from_queryset(AppendOnlyQuerySet), network="network_id"
    )


class AuditEventManager(_ScopedByNetworkId["AuditEvent"]):
    """The events of the active scope's network, over the append-only queryset."""


if TYPE_CHECKING:
    _ScopedByEventNetwork = scoping.ScopedManagerBase
else:
    _ScopedByEventNetwork = scoping.scoped_manager_class(
        models.Manager.from_queryset(AppendOnlyQuerySet), network="event__network_id"
    )


class ListedParticipantManager(_ScopedByEventNetwork["ListedParticipant"]):
    """The listed participants of the active scope's network's events."""


class AuditEvent(AppendOnlyModel):
    """One read or write of personal data."""

    # Indexed with the network below: every read of the log is in a network's scope.
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,  # the (actor, occurred_at) index serves every lookup by actor
    )
    # Copied, not only linked, so the log still reads correctly after accounts are removed.
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    organisation_id = models.BigIntegerField(_("organisation"), null=True, db_index=True)
    # The scope of the event: the actor's network, or for events without an actor the network
    # of what they concern. A plain id like the organisation and the participant, so that the
    # log outlives what it names and the audit app needs nothing above it. Empty only for
    # events outside every network (an account without a membership).
    network_id = models.BigIntegerField(_("network"), null=True)
    # Not indexed: every page writes events, and an action's two indexes (plain and LIKE)
    # cost each of them; the log's searches by action come with a period or a person, whose
    # indexes find the rows.
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object"), max_length=40, blank=True)
    participant_id = models.BigIntegerField(_("participant"), null=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventManager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["actor", "occurred_at"]),
            models.Index(fields=["network_id", "occurred_at"], name="audit_event_network_time"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"


class ListedParticipant(AppendOnlyModel):
    """A participant shown by a list (a caseload, the front desk's day, search hits): the list
    writes one event (`audit_record_many`) and one of these narrow rows per person shown. Four
    hundred full events cost a busy desk's page about 15 ms of its 50 (bench_appointments.py);
    these rows cost a quarter of that and are found by participant like the events' own."""

    # The key (event, participant) finds a list's people and keeps each once; no key of its
    # own, no foreign-key check per row: the event is written right before them and never
    # removed (append-only).
    pk = models.CompositePrimaryKey("event", "participant_id")
    event = models.ForeignKey(
        AuditEvent,
        verbose_name=_("audit event"),
        on_delete=models.DO_NOTHING,
        related_name="listed",
        db_constraint=False,
        db_index=False,
    )
    participant_id = models.BigIntegerField(_("participant"), db_index=True)

    objects = ListedParticipantManager()

    class Meta:
        verbose_name = _("listed participant")
        verbose_name_plural = _("listed participants")

    def __str__(self) -> str:
        return f"{self.event_id}: {self.participant_id}"
