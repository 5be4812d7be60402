from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    MULTIPLIER_TRAINING = (
        "multiplier_training",
        _("Training for multipliers (Jobcenter or agency staff, chambers, schools)"),
    )
    SCHOOL_INFORMATION = "school_information", _("Information event in a school class")
    SCHOOL_COURSE = "school_course", _("School course with sessions")
    APPLICATION_TRAINING = "application_training", _("Application training")
    JOB_FAIR = "job_fair", _("Job fair")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    OTHER = "other", pgettext_lazy("event kind", "Other")


# Kinds whose counted attendees are pupils of a school class, not staff of an organisation.
SCHOOL_KINDS = frozenset({EventKind.SCHOOL_INFORMATION, EventKind.SCHOOL_COURSE})


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")
