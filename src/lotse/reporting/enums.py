from django.db import models
from django.utils.translation import gettext_lazy as _


class EsfLabourStatus(models.TextChoices):
    """The labour-market status at entry (Annex I 1.1). Self-employed people are counted with the
    employed (EECO05) but recorded as what they are."""

    UNEMPLOYED = "unemployed", _("unemployed (less than 12 months)")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("long-term unemployed (12 months or more)")
    INACTIVE = "inactive", _("inactive (neither employed nor unemployed)")
    EMPLOYED = "employed", _("employed")
    SELF_EMPLOYED = "self_employed", _("self-employed")


class EsfSituation(models.TextChoices):
    """A labour-market event within 28 days after leaving."""

    JOB_SEARCHING = "job_searching", _("job searching")
    EMPLOYED = "employed", _("in employment, including self-employment")
    EDUCATION = "education", _("in education or training")
    QUALIFICATION = "qualification", _("gained a qualification")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


ACTIVE_REPORT_STATUSES = (ReportStatus.PENDING, ReportStatus.RUNNING)
