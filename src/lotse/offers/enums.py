from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OfferKind(models.TextChoices):
    INTEGRATION_COURSE = "integration_course", _("Integration course")
    JOB_LANGUAGE_COURSE = "job_language_course", _("Job-related language course")
    LANGUAGE_COURSE = "language_course", _("Other language course")
    QUALIFICATION = "qualification", _("Qualification")
    VOCATIONAL_PREPARATION = "vocational_preparation", _("Vocational preparation")
    COUNSELLING = "counselling", _("Counselling")
    SCHOOL_COURSE = "school_course", _("School course")
    INTERNSHIP_PROGRAMME = "internship_programme", _("Internship programme")
    OTHER = "other", pgettext_lazy("offer kind", "Other")


class Schedule(models.TextChoices):
    WEEKLY = "weekly", _("On fixed weekdays")
    DATES = "dates", _("From a start to an end date")
    BY_APPOINTMENT = "by_appointment", _("By appointment")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Funding(models.TextChoices):
    FREE = "free", _("Free of charge")
    VOUCHER = "voucher", _("Bildungsgutschein (AZAV)")
    OTHER = "other", pgettext_lazy("funding", "Other")


class OfferStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class LegalSphere(models.TextChoices):
    SGB_II = "sgb_ii", "SGB II"
    SGB_III = "sgb_iii", "SGB III"
    ASYLBLG = "asylblg", "AsylbLG"
    NONE = "none", _("No benefits")


# The CEFR levels with their names, "A1 – Anfänger" in German, wherever the offers show a level
# to someone choosing or reading it (the form, the offer page); the code alone is kept in the
# eligibility reasons ("Deutsch B1 nötig, vorhanden A2"), which compare two levels.
CEFR_LEVEL_NAMES = {
    "A1": _("A1 – beginner"),
    "A2": _("A2 – elementary"),
    "B1": _("B1 – intermediate"),
    "B2": _("B2 – upper intermediate"),
    "C1": _("C1 – advanced"),
    "C2": _("C2 – proficient"),
}
