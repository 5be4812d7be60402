from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LegalForm(models.TextChoices):
    SOLE_TRADER = "sole_trader", _("Sole trader (e. K.)")
    GBR = "gbr", "GbR"
    OHG = "ohg", "OHG"
    KG = "kg", "KG / GmbH & Co. KG"
    GMBH = "gmbh", "GmbH"
    UG = "ug", "UG (haftungsbeschränkt)"
    AG = "ag", "AG"
    EG = "eg", "eG"
    EV = "ev", "e. V."
    PUBLIC = "public", _("Public body")
    OTHER = "other", pgettext_lazy("legal form", "Other")


class WzSection(models.TextChoices):
    """Sections of the German classification of economic activities (WZ 2008)."""

    A = "A", _("A – Agriculture, forestry and fishing")
    B = "B", _("B – Mining and quarrying")
    C = "C", _("C – Manufacturing")
    D = "D", _("D – Electricity, gas, steam and air conditioning supply")
    E = "E", _("E – Water supply, sewerage, waste management")
    F = "F", _("F – Construction")
    G = "G", _("G – Wholesale and retail trade, repair of motor vehicles")
    H = "H", _("H – Transportation and storage")
    I = "I", _("I – Accommodation and food service")  # noqa: E741 (the section's letter)
    J = "J", _("J – Information and communication")
    K = "K", _("K – Financial and insurance activities")
    L = "L", _("L – Real estate activities")
    M = "M", _("M – Professional, scientific and technical activities")
    N = "N", _("N – Administrative and support service activities")
    O = "O", _("O – Public administration and defence")  # noqa: E741
    P = "P", _("P – Education")
    Q = "Q", _("Q – Human health and social work")
    R = "R", _("R – Arts, entertainment and recreation")
    S = "S", _("S – Other service activities")
    T = "T", _("T – Households as employers")
    U = "U", _("U – Extraterritorial organisations")


class SizeClass(models.TextChoices):
    MICRO = "micro", _("up to 9 employees")
    SMALL = "small", _("10 to 49 employees")
    MEDIUM = "medium", _("50 to 249 employees")
    LARGE = "large", _("250 employees or more")


class EmployerOffer(models.TextChoices):
    JOBS = "jobs", _("Jobs")
    APPRENTICESHIPS = "apprenticeships", _("Apprenticeships")
    INTERNSHIPS = "internships", _("Internships")
    EQ = "eq", _("Einstiegsqualifizierung (EQ)")


class RefugeeExperience(models.TextChoices):
    NONE = "none", _("none yet")
    SOME = "some", _("some")
    EXTENSIVE = "extensive", _("extensive")


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Call")
    JOB_FAIR = "job_fair", _("Job fair")
    INFORMATION = "information", _("Information on hiring refugees")
    EMAIL = "email", _("E-mail or letter")


class StepStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("task", "open")
    DONE = "done", pgettext_lazy("task", "done")
    CANCELLED = "cancelled", pgettext_lazy("task", "cancelled")


class VacancyKind(models.TextChoices):
    JOB = "job", _("Job")
    TRAINING_DUAL = "training_dual", _("Vocational training (dual)")
    TRAINING_SCHOOL = "training_school", _("Vocational training (school-based)")
    INTERNSHIP = "internship", _("Internship")
    EQ = "eq", _("Einstiegsqualifizierung (EQ)")
    MINI_JOB = "mini_job", _("Mini job")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")


# What the work-permission engine is asked for a vacancy of each kind (lotse.legal Activity).
ACTIVITY_OF_KIND = {
    VacancyKind.JOB: "employment",
    VacancyKind.MINI_JOB: "employment",
    VacancyKind.TRAINING_DUAL: "vocational_training",
    VacancyKind.TRAINING_SCHOOL: "vocational_training",
    VacancyKind.EQ: "employment",
    VacancyKind.INTERNSHIP: "internship",
    VacancyKind.SELF_EMPLOYMENT: "self_employment",
}


class WorkingTime(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EITHER = "either", _("Full or part time")


class VacancyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("vacancy", "open")
    FILLED = "filled", pgettext_lazy("vacancy", "filled")
    WITHDRAWN = "withdrawn", pgettext_lazy("vacancy", "withdrawn")


class VacancySource(models.TextChoices):
    MANUAL = "manual", _("recorded in Lotse")
    BA = "ba", _("Bundesagentur für Arbeit job search")
