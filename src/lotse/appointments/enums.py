from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppointmentKind(models.TextChoices):
    COUNSELLING = "counselling", _("Counselling")
    IMMIGRATION_OFFICE = "immigration_office", _("Immigration office (Ausländerbehörde)")
    JOBCENTRE = "jobcentre", _("Jobcentre")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency (Agentur für Arbeit)")
    BAMF = "bamf", _("BAMF")
    COURSE_START = "course_start", _("Course start")
    JOB_INTERVIEW = "job_interview", _("Job interview")
    MEDICAL = "medical", _("Medical")
    OTHER = "other", pgettext_lazy("appointment kind", "Other")


# The same kinds as the participant reads them, in their language (reminders, card, .ics).
PARTICIPANT_KIND = {
    AppointmentKind.COUNSELLING: pgettext_lazy("participant appointment", "Counselling"),
    AppointmentKind.IMMIGRATION_OFFICE: pgettext_lazy(
        "participant appointment", "Immigration office"
    ),
    AppointmentKind.JOBCENTRE: pgettext_lazy("participant appointment", "Jobcentre"),
    AppointmentKind.EMPLOYMENT_AGENCY: pgettext_lazy(
        "participant appointment", "Employment agency"
    ),
    AppointmentKind.BAMF: pgettext_lazy("participant appointment", "Federal Office for Migration"),
    AppointmentKind.COURSE_START: pgettext_lazy("participant appointment", "Course start"),
    AppointmentKind.JOB_INTERVIEW: pgettext_lazy("participant appointment", "Job interview"),
    AppointmentKind.MEDICAL: pgettext_lazy("participant appointment", "Doctor's appointment"),
    AppointmentKind.OTHER: pgettext_lazy("participant appointment", "Appointment"),
}


class AppointmentStatus(models.TextChoices):
    # A context of their own: "done" and "cancelled" read otherwise for tasks and referrals
    # ("wahrgenommen", "nicht erschienen", "abgesagt" are what a front desk says).
    PLANNED = "planned", pgettext_lazy("appointment status", "planned")
    CONFIRMED = "confirmed", pgettext_lazy("appointment status", "confirmed")
    DONE = "done", pgettext_lazy("appointment status", "attended")
    MISSED = "missed", pgettext_lazy("appointment status", "did not attend")
    CANCELLED = "cancelled", pgettext_lazy("appointment status", "cancelled")
    RESCHEDULED = "rescheduled", pgettext_lazy("appointment status", "rescheduled")


# What the front desk records once an appointment has begun.
OUTCOME_STATUSES = (AppointmentStatus.DONE, AppointmentStatus.MISSED)
# An appointment in one of these still takes its time: it blocks the counsellor and interpreter.
ACTIVE_STATUSES = (AppointmentStatus.PLANNED, AppointmentStatus.CONFIRMED)
# …and these are still to come: only they are planned in the future.
UPCOMING_STATUSES = ACTIVE_STATUSES


class Place(models.TextChoices):
    SITE = "site", _("at a site of the network")
    ADDRESS = "address", _("at an address")
    ONLINE = "online", _("online")


class ReminderStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed, will be retried")
    CARD = "card", _("no e-mail address: print the appointment card")
