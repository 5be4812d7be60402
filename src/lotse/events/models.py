"""Events of the network's structural work: trainings for multipliers, information events in
school classes, school courses with sessions, application trainings, job fairs, meetings.

An event is network data, kept by its organisers (partner organisations) and the coordinator.
Who attends is of two kinds: participants of the case database (`Registration`, personal data:
scoped by network, their attendance is an entry of the case's timeline) and people counted
by organisation and function or by school class (`CountedGroup`), never registered by name.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.events.enums import SCHOOL_KINDS, EventKind, RegistrationStatus


class Event(Versioned):
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organisers = models.ManyToManyField(
        "network.Organisation", related_name="events", verbose_name=_("organisers")
    )
    site = models.ForeignKey(
        "network.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("site"),
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Where the event takes place when it is not at a site of the network."),
    )
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    topics = models.CharField(_("topics"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("Participants beyond the capacity go to the waiting list."),
    )
    # The year the event counts for: the year of its first session, kept by the services.
    year = models.PositiveSmallIntegerField(editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("year", "title", "pk")
        indexes = [models.Index(fields=["network", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def for_school(self) -> bool:
        return self.kind in SCHOOL_KINDS

    @property
    def place(self) -> str:
        if self.site_id and self.site:
            return f"{self.site.name}, {self.site.street}, {self.site.postcode} {self.site.city}"
        return self.address


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))

    class Meta:
        ordering = ("date", "starts_at", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_session_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Registration(models.Model):
    """A participant of the case database registered for an event (or on its waiting list)."""

    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="event_registrations"
    )
    # The organisation that registered the person: it answers for the registration.
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    registered_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkScopedManager()

    class Meta:
        ordering = ("registered_at", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant"], name="event_registration_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Registration {self.pk} for event {self.event_id}"


class Attendance(models.Model):
    """Whether a registered participant was there at one session."""

    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"))
    recorded_at = models.DateTimeField(auto_now=True)

    objects = NetworkScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"], name="event_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Attendance {self.registration_id} at session {self.session_id}"


class CountedGroup(Versioned):
    """People counted, not registered: "Jobcenter Musterkreis, Arbeitsvermittlung: 12 persons",
    or for a school event the school, the class and the number of pupils."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="groups")
    organisation_name = models.CharField(_("organisation or school"), max_length=200)
    function = models.CharField(
        _("function or class"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Arbeitsvermittlung, or the class: VBK-DaZ 2b"),
    )
    count = models.PositiveIntegerField(_("number of persons"))

    class Meta:
        ordering = ("organisation_name", "function", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(count__gte=1), name="event_group_counts_someone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name}, {self.function}: {self.count}"


class Evaluation(Versioned):
    """The short evaluation: how many answered, and how useful they found it (1–5)."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="evaluation")
    useful_1 = models.PositiveIntegerField(_("1 – not useful"), default=0)
    useful_2 = models.PositiveIntegerField(_("2"), default=0)
    useful_3 = models.PositiveIntegerField(_("3"), default=0)
    useful_4 = models.PositiveIntegerField(_("4"), default=0)
    useful_5 = models.PositiveIntegerField(_("5 – very useful"), default=0)

    def __str__(self) -> str:
        return f"Evaluation of event {self.event_id}"

    @property
    def counts(self) -> list[int]:
        return [self.useful_1, self.useful_2, self.useful_3, self.useful_4, self.useful_5]

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def average(self) -> float | None:
        answered = self.answered
        if not answered:
            return None
        return sum(score * n for score, n in enumerate(self.counts, start=1)) / answered
