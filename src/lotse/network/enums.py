from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrganisationKind(models.TextChoices):
    JOBCENTRE = "jobcentre", _("Jobcentre")
    WELFARE = "welfare", _("Welfare association")
    EDUCATION = "education", _("Education provider")
    MUNICIPALITY = "municipality", _("Municipality")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor")
    TEAM_LEAD = "team_lead", _("Team lead")
    VOLUNTEER = "volunteer", _("Volunteer")
    COORDINATOR = "coordinator", _("Network coordinator")
    DATA_PROTECTION = "data_protection", _("Data-protection officer")
    FUNDER = "funder", _("Funder")


CASE_ROLES = frozenset({Role.COUNSELLOR, Role.TEAM_LEAD})


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
