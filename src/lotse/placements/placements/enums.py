from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.legal.model import Activity
from lotse.participants.enums import ExitOutcome


class PlacementKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment subject to social insurance")
    MINI_JOB = "mini_job", _("Mini job")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    EQ = "eq", _("Einstiegsqualifizierung (EQ)")
    INTERNSHIP = "internship", _("Internship")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")


class EndReason(models.TextChoices):
    COMPLETED = "completed", _("completed")
    PROBATION_FAILED = "probation_failed", _("probation not passed")
    QUIT = "quit", _("quit by the participant")
    DISMISSED = "dismissed", _("dismissed")
    TRAINING_ABANDONED = "training_abandoned", _("training abandoned")
    MOVED_AWAY = "moved_away", _("moved away")


class CheckInState(models.TextChoices):
    STABLE = "stable", _("stable")
    AT_RISK = "at_risk", _("at risk")
    ENDED = "ended", _("ended")


class Risk(models.TextChoices):
    LANGUAGE = "language", _("language")
    SCHOOL = "school", _("school part of the training")
    HOUSING = "housing", _("housing")
    RESIDENCE = "residence", _("residence status")
    CONFLICT = "conflict", _("conflict at work")


class BaConsent(models.TextChoices):
    UNKNOWN = "", _("not yet known")
    NOT_NEEDED = "not_needed", _("not needed")
    NEEDED = "needed", _("needed, not yet given")
    GIVEN = "given", _("given")
    REFUSED = "refused", _("refused")


# What the work-permission engine is asked about a placement of each kind.
ACTIVITY_OF_KIND = {
    PlacementKind.EMPLOYMENT: Activity.EMPLOYMENT,
    PlacementKind.MINI_JOB: Activity.EMPLOYMENT,
    PlacementKind.VOCATIONAL_TRAINING: Activity.VOCATIONAL_TRAINING,
    # As the employers' vacancies: for the work permission an EQ is employment.
    PlacementKind.EQ: Activity.EMPLOYMENT,
    PlacementKind.INTERNSHIP: Activity.INTERNSHIP,
    PlacementKind.SELF_EMPLOYMENT: Activity.SELF_EMPLOYMENT,
}

# Which placements an exit outcome stands for: closing a case "into employment" links the
# placement in work, "into vocational training" the one in training (EQ prepares one).
KINDS_OF_OUTCOME = {
    ExitOutcome.EMPLOYMENT: (
        PlacementKind.EMPLOYMENT,
        PlacementKind.MINI_JOB,
        PlacementKind.SELF_EMPLOYMENT,
    ),
    ExitOutcome.VOCATIONAL_TRAINING: (PlacementKind.VOCATIONAL_TRAINING, PlacementKind.EQ),
}

# The ESF situation a running placement stands for (EECR04 employed, EECR02 in education or
# training); an internship is neither.
SITUATION_OF_KIND = {
    PlacementKind.EMPLOYMENT: "employed",
    PlacementKind.MINI_JOB: "employed",
    PlacementKind.SELF_EMPLOYMENT: "employed",
    PlacementKind.VOCATIONAL_TRAINING: "education",
    PlacementKind.EQ: "education",
}

DEFAULT_CHECK_IN_MONTHS = (1, 3, 6)

# The placement a vacancy of each kind (employers' `VacancyKind` values) becomes.
KIND_OF_VACANCY = {
    "job": PlacementKind.EMPLOYMENT,
    "training_dual": PlacementKind.VOCATIONAL_TRAINING,
    "training_school": PlacementKind.VOCATIONAL_TRAINING,
    "internship": PlacementKind.INTERNSHIP,
    "eq": PlacementKind.EQ,
    "mini_job": PlacementKind.MINI_JOB,
    "self_employment": PlacementKind.SELF_EMPLOYMENT,
}
