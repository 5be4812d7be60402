"""Appointments of participants, the counsellors' consultation hours and the reminders.

An appointment is personal data (network column, scoped manager); consultation hours and the
calendar feeds are the network's own data.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.appointments.enums import AppointmentKind, AppointmentStatus, Place, ReminderStatus
from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.network.enums import Weekday


class Appointment(Versioned):
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="appointments"
    )
    # The organisation that booked it: a sharing organisation books for a shared participant.
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AppointmentKind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("where"), max_length=10, choices=Place.choices, default=Place.SITE)
    site = models.ForeignKey(
        "network.Site",
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    online_link = models.URLField(_("link for the online meeting"), blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counsellor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # An interpreter of the network (an account, so that double booking can be refused) or a
    # name from outside.
    interpreter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interpreter in the network"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    interpreter_name = models.CharField(_("interpreter from outside"), max_length=150, blank=True)
    interpreter_language = models.CharField(_("interpreter language"), max_length=3, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["site", "starts_at"], name="appointment_site_time"),
            models.Index(fields=["counsellor", "starts_at"], name="appointment_counsellor_time"),
            models.Index(fields=["interpreter", "starts_at"], name="appointment_interpr_time"),
            models.Index(fields=["participant", "starts_at"], name="appointment_participant"),
            models.Index(fields=["network", "starts_at"], name="appointment_network_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        # Read aloud beside "Change", ".ics" and "card" links: the local time the row shows,
        # not the stored UTC.
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def needs_interpreter(self) -> bool:
        return bool(self.interpreter_id or self.interpreter_name or self.interpreter_language)


class CounsellorHours(models.Model):
    """Where and when a counsellor sees people: at a site on a weekday from–until, cut into
    slots, or at a site "by appointment" (no weekday, no slots: a time is agreed each time).
    A counsellor without entries of their own offers the consultation hours of their
    organisation's sites. Kept on the page `/appointments/hours/`."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_hours"
    )
    site = models.ForeignKey(
        "network.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="counsellor_hours",
    )
    by_appointment = models.BooleanField(_("by appointment"), default=False)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("consultation hour of a counsellor")
        verbose_name_plural = _("consultation hours of counsellors")
        ordering = ["by_appointment", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    by_appointment=True,
                    weekday__isnull=True,
                    starts_at__isnull=True,
                    ends_at__isnull=True,
                )
                | models.Q(
                    by_appointment=False,
                    weekday__isnull=False,
                    starts_at__isnull=False,
                    ends_at__gt=models.F("starts_at"),
                ),
                name="counsellor_hours_times_or_by_appointment",
            )
        ]

    def __str__(self) -> str:
        if self.by_appointment:
            return f"{self.site_id}: by appointment"
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class AppointmentSettings(models.Model):
    """What the network sets for appointments."""

    network = models.OneToOneField(
        "network.Network", on_delete=models.CASCADE, related_name="appointment_settings"
    )
    reminder_lead_hours = models.PositiveSmallIntegerField(
        _("reminder this many hours before"), default=24
    )
    slot_minutes = models.PositiveSmallIntegerField(_("length of a slot in minutes"), default=30)

    def __str__(self) -> str:
        return f"Appointment settings of network {self.network_id}"


class Reminder(models.Model):
    """A reminder of one appointment to its participant: queued, sent, failed (retried) or
    replaced by the printable card when there is no e-mail address. Never dropped silently."""

    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, related_name="reminder"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = NetworkScopedManager()

    class Meta:
        indexes = [models.Index(fields=["status"], name="reminder_status")]

    def __str__(self) -> str:
        return f"Reminder {self.pk} ({self.status})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private calendar feed: whoever knows the token reads it, so it names no one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    renewed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"
