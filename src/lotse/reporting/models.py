"""The ESF data of a case (entry items, the situation after leaving, the six-month follow-up)
and the stored reports.

The Annex I items live here, not on the participant: the kernel knows nothing of a funder, and
a network without ESF funding never sees them. Tri-state booleans (null = not asked or not
answered) keep "no" apart from "not known", as the optional items allow "keine Angabe".
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.network.models import Network, Organisation
from lotse.participants.models import Participant, Task
from lotse.profiles.enums import IscedLevel
from lotse.reporting.enums import (
    ACTIVE_REPORT_STATUSES,
    EsfLabourStatus,
    EsfSituation,
    ReportStatus,
)

# The entry items a form changes (the rest of the record is kept by the services).
RECORD_FIELDS = (
    "labour_status",
    "isced_level",
    "disability",
    "foreign_background",
    "homeless",
    "rural",
)


class EsfRecord(Versioned):
    """The participant's situation at entry as Annex I point 1.1 asks for it."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="esf_record"
    )
    # The participant's, copied so that the scope filters a column instead of a join.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    labour_status = models.CharField(
        _("labour-market status at entry"),
        max_length=24,
        choices=EsfLabourStatus.choices,
        blank=True,
    )
    isced_level = models.PositiveSmallIntegerField(
        _("highest education (ISCED)"),
        choices=IscedLevel.choices,
        null=True,
        blank=True,
        help_text=_("Only needed while the profile records no school or education stage."),
    )
    # GDPR Art. 9: a special category, seen and changed only by the case owner.
    disability = models.BooleanField(_("disability"), null=True, blank=True)
    foreign_background = models.BooleanField(_("foreign background"), null=True, blank=True)
    homeless = models.BooleanField(
        _("homeless or affected by housing exclusion"), null=True, blank=True
    )
    rural = models.BooleanField(_("lives in a rural area"), null=True, blank=True)
    # The exit after which the counsellor confirmed that nothing happened within 28 days.
    no_situation_after_exit_on = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("ESF data")
        verbose_name_plural = _("ESF data")

    def __str__(self) -> str:
        return f"ESF {self.participant_id}"


class EsfSituationEvent(models.Model):
    """One labour-market event after leaving, with its date: the indicators take the last one
    within 28 days."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    day = models.DateField(_("date"))
    situation = models.CharField(_("situation"), max_length=20, choices=EsfSituation.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("situation after leaving")
        verbose_name_plural = _("situations after leaving")
        ordering = ["day", "pk"]
        indexes = [models.Index(fields=["participant", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.situation}"


class EsfFollowUp(Versioned):
    """The question six months after an exit, and its answer (the longer-term indicators)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    exit_on = models.DateField(_("exit"))
    task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    employed = models.BooleanField(
        _("in employment, including self-employment"), null=True, blank=True
    )
    improved = models.BooleanField(
        _("labour-market situation improved"),
        null=True,
        blank=True,
        help_text=_(
            "From precarious to stable work, from part-time to full-time, a job needing higher "
            "skills, or a promotion."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("six-month follow-up")
        verbose_name_plural = _("six-month follow-ups")
        ordering = ["-exit_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "exit_on"], name="esf_follow_up_one_per_exit"
            )
        ]

    def __str__(self) -> str:
        return f"follow-up {self.exit_on}"


class EsfFact(models.Model):
    """One participation's facts as the indicators read them (`indicators.facts`): a maintained
    copy, so that a report is one aggregating query over the period's rows instead of reading
    every case table into Python. Written only by `reporting.facts` (refreshed when an input
    changes, rebuilt by `manage.py esf_facts_rebuild`); never edited, never shown."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    # The case owner's organisation: the scope of an organisation's report.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    entry = models.DateField()
    exit = models.DateField(null=True)
    gender = models.CharField(max_length=10)  # "": not known
    age = models.SmallIntegerField(null=True)
    labour_status = models.CharField(max_length=24)
    isced = models.SmallIntegerField(null=True)
    third_country = models.BooleanField()
    disability = models.BooleanField(null=True)
    foreign_background = models.BooleanField(null=True)
    homeless = models.BooleanField(null=True)
    rural = models.BooleanField(null=True)
    residence = models.CharField(max_length=40)
    exit_outcome = models.CharField(max_length=30)
    situation = models.CharField(max_length=20)
    education = models.BooleanField()
    qualification = models.BooleanField()
    result_known = models.BooleanField()
    follow_up = models.BooleanField()
    follow_up_employed = models.BooleanField()
    follow_up_improved = models.BooleanField()
    missing = models.CharField(max_length=60)

    objects = NetworkScopedManager()

    class Meta:
        indexes = [
            # A period's report reads the rows entered or left in it (and, for the
            # not-reportable count, those active in it).
            models.Index(fields=["network", "entry"], name="esf_fact_entry"),
            models.Index(fields=["network", "exit"], name="esf_fact_exit"),
            # The few not reportable (Art. 17(5)), counted on every ESF report.
            models.Index(
                fields=["network", "entry"],
                condition=~Q(missing=""),
                name="esf_fact_not_reportable",
            ),
        ]

    def __str__(self) -> str:
        return f"facts {self.participant_id}"


class Report(models.Model):
    """A report requested for a period and scope, stored with its parameters and the version of
    the indicator definitions, so that it can be computed again the same way. Aggregates only:
    the people behind a number are computed again when someone allowed asks for them."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    # None: the whole network.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    indicator_set = models.CharField(_("indicator set"), max_length=40)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    definitions_version = models.CharField(max_length=20)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(default=0)  # per cent
    # {"values": [{"code", "by_gender": {...}, "total"}], "not_reportable": n, "incomplete": n}
    result = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # Requested twice while the first runs: one runs (the second request finds it).
            models.UniqueConstraint(
                fields=["network", "organisation", "indicator_set", "period_start", "period_end"],
                condition=Q(status__in=ACTIVE_REPORT_STATUSES) & Q(organisation__isnull=False),
                name="report_one_running_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["network", "indicator_set", "period_start", "period_end"],
                condition=Q(status__in=ACTIVE_REPORT_STATUSES) & Q(organisation__isnull=True),
                name="report_one_running_per_network",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_set} {self.period_start}–{self.period_end}"


from lotse.reporting.statistics_models import StatisticsPublication  # noqa: F401, E402
