"""Choice lists of the profile and the career plan; codes are stored, labels are translated."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotse.core import reference

KLDB_PATTERN = re.compile(r"^\d{5}$")
ISCO_PATTERN = re.compile(r"^\d{4}$")
ESCO_URI_PATTERN = re.compile(r"^http://data\.europa\.eu/esco/[a-z-]+/[A-Za-z0-9-]+$")


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("native language")


class CertificateKind(models.TextChoices):
    GOETHE = "goethe", "Goethe-Institut"
    TELC = "telc", "telc"
    DTZ = "dtz", _("DTZ (Deutsch-Test für Zuwanderer)")
    OSD = "osd", "ÖSD"
    OTHER = "other", pgettext_lazy("certificate", "other")


class Literacy(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")


class CourseKind(models.TextChoices):
    INTEGRATION = "integration", _("Integration course (Integrationskurs)")
    JOB_RELATED = "job_related", _("Job-related language course (Berufssprachkurs)")


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ATTENDING = "attending", _("attending")
    COMPLETED = "completed", _("completed")
    DROPPED = "dropped", _("dropped out")


class IscedLevel(models.IntegerChoices):
    EARLY = 0, _("ISCED 0 – early childhood education")
    PRIMARY = 1, _("ISCED 1 – primary education")
    LOWER_SECONDARY = 2, _("ISCED 2 – lower secondary education")
    UPPER_SECONDARY = 3, _("ISCED 3 – upper secondary education")
    POST_SECONDARY = 4, _("ISCED 4 – post-secondary non-tertiary education")
    SHORT_TERTIARY = 5, _("ISCED 5 – short-cycle tertiary education")
    BACHELOR = 6, _("ISCED 6 – bachelor or equivalent")
    MASTER = 7, _("ISCED 7 – master or equivalent")
    DOCTORAL = 8, _("ISCED 8 – doctoral or equivalent")


class RecognitionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    APPLIED = "applied", _("applied")
    IN_PROGRESS = "in_progress", _("in progress")
    DECIDED = "decided", _("decided")


class RecognitionResult(models.TextChoices):
    FULL = "full", _("full equivalence")
    PARTIAL = "partial", _("partial equivalence")
    NONE = "none", _("no equivalence")


class KldbLevel(models.IntegerChoices):
    """The fifth digit of a KldB 2010 code: the level of requirement (Anforderungsniveau)."""

    HELPER = 1, _("helper (Helfer)")
    SKILLED = 2, _("skilled worker (Fachkraft)")
    SPECIALIST = 3, _("specialist (Spezialist)")
    EXPERT = 4, _("expert (Experte)")


def kldb_level(code: str) -> KldbLevel | None:
    if not KLDB_PATTERN.match(code or "") or code[4] not in "1234":
        return None
    return KldbLevel(int(code[4]))


class Evidence(models.TextChoices):
    STATED = "stated", _("stated by the participant")
    OBSERVED = "observed", _("observed in an internship")
    CERTIFIED = "certified", _("certified")


class DrivingLicence(models.TextChoices):
    AM = "AM", "AM"
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    A = "A", "A"
    B = "B", "B"
    BE = "BE", "BE"
    C1 = "C1", "C1"
    C1E = "C1E", "C1E"
    C = "C", "C"
    CE = "CE", "CE"
    D1 = "D1", "D1"
    D1E = "D1E", "D1E"
    D = "D", "D"
    DE = "DE", "DE"
    L = "L", "L"
    T = "T", "T"


class Mobility(models.TextChoices):
    PUBLIC_TRANSPORT = "public_transport", _("public transport")
    CAR = "car", _("own car")
    BICYCLE = "bicycle", _("bicycle")
    MOTORCYCLE = "motorcycle", _("motorcycle or moped")


class GoalKind(models.TextChoices):
    EMPLOYMENT = "employment", _("employment")
    VOCATIONAL_TRAINING = "vocational_training", _("vocational training")
    SCHOOL_CERTIFICATE = "school_certificate", _("school certificate")
    QUALIFICATION = "qualification", _("qualification")
    LANGUAGE_LEVEL = "language_level", _("language level")
    RECOGNITION = "recognition", _("recognition of a qualification")


class GoalStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("goal", "open")
    IN_PROGRESS = "in_progress", pgettext_lazy("goal", "in progress")
    ACHIEVED = "achieved", _("achieved")
    DROPPED = "dropped", pgettext_lazy("goal", "dropped")


class ActivityKind(models.TextChoices):
    CAREER_ORIENTATION = "career_orientation", _("career orientation")
    APPLICATION_TRAINING = "application_training", _("application training")


def language_options() -> list[tuple[str, str]]:
    """The languages of `lotse.core.reference`, named in the current language (callable choices)."""
    return reference.language_choices()[1:]  # without its "nothing chosen"


def country_options() -> list[tuple[str, str]]:
    return reference.country_choices()
