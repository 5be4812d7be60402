from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.formats import short_date
from lotse.core.reference import country_name, language_name
from lotse.core.scoping import ParticipantNetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.participants.models import Participant, Task
from lotse.profiles import enums, validation

kldb_validator = RegexValidator(
    enums.KLDB_PATTERN, _("A KldB 2010 code has exactly five digits, e.g. 82102.")
)
isco_validator = RegexValidator(
    enums.ISCO_PATTERN, _("An ISCO-08 code has exactly four digits, e.g. 5322.")
)
esco_validator = RegexValidator(
    enums.ESCO_URI_PATTERN,
    _("Enter an ESCO address, e.g. http://data.europa.eu/esco/occupation/…"),
)


def _participant() -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")


def _language() -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(_("language"), max_length=3, choices=enums.language_options)


def _country() -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(_("country"), max_length=2, choices=enums.country_options)


def _level(label: Any, *, blank: bool = True) -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(label, max_length=6, choices=enums.CefrLevel.choices, blank=blank)


class ProfileEntry(Versioned):
    """What every entry of the profile and the plan shares: its participant, who changed it,
    and the version that refuses a stale edit (`core.versioning`)."""

    participant = _participant()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ParticipantNetworkScopedManager()

    class Meta:
        abstract = True


class LanguageSkill(ProfileEntry):
    language = _language()
    level = _level(_("overall level"), blank=False)
    listening = _level(_("listening"))
    reading = _level(_("reading"))
    speaking = _level(_("speaking"))
    writing = _level(_("writing"))

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "language"], name="profiles_language_once"
            )
        ]

    def __str__(self) -> str:
        return f"{language_name(self.language)} {self.level}"


class LanguageCertificate(ProfileEntry):
    language = _language()
    kind = models.CharField(_("certificate"), max_length=8, choices=enums.CertificateKind.choices)
    name = models.CharField(_("name of the certificate"), max_length=120, blank=True)
    level = _level(_("level"), blank=False)
    issued_on = models.DateField(_("date"))

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("language certificate")
        verbose_name_plural = _("language certificates")
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.level}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        validation.check_date(errors, "issued_on", self.issued_on, self.participant)
        if self.level == enums.CefrLevel.NATIVE:
            errors["level"] = gettext("A certificate states a level from A1 to C2.")
        validation.raise_if(errors)


class LanguageCourse(ProfileEntry):
    kind = models.CharField(_("course"), max_length=12, choices=enums.CourseKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=enums.CourseStatus.choices)
    target_level = _level(_("target level"))
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    started_on = models.DateField(_("start"), null=True, blank=True)
    ended_on = models.DateField(_("end"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("language course")
        verbose_name_plural = _("language courses")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        validation.check_period(errors, "started_on", self.started_on, "ended_on", self.ended_on)
        validation.raise_if(errors)


class EducationStage(ProfileEntry):
    country = _country()
    from_year = models.PositiveSmallIntegerField(_("from (year)"))
    to_year = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    completed = models.BooleanField(_("finished"), default=True)
    isced_level = models.PositiveSmallIntegerField(
        _("ISCED level"), choices=enums.IscedLevel.choices
    )
    certificate = models.CharField(_("certificate"), max_length=200, blank=True)
    documents_exist = models.BooleanField(_("documents exist"), default=False)
    german_equivalent = models.CharField(_("German equivalent"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("school or education stage")
        verbose_name_plural = _("school and education")
        ordering = ["from_year", "pk"]

    def __str__(self) -> str:
        return f"{country_name(self.country)} {self.from_year}–{self.to_year or ''}".strip()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        validation.check_year(errors, "from_year", self.from_year, self.participant)
        if self.completed:
            if self.to_year is None:
                errors["to_year"] = gettext("Enter the year in which this stage ended.")
            validation.check_year(errors, "to_year", self.to_year, self.participant)
        validation.check_period(errors, "from_year", self.from_year, "to_year", self.to_year)
        validation.raise_if(errors)


class Recognition(ProfileEntry):
    """The recognition procedure of one foreign qualification (Anerkennungsverfahren)."""

    qualification = models.CharField(_("foreign qualification"), max_length=200)
    authority = models.CharField(_("responsible authority"), max_length=200, blank=True)
    reference_kldb_code = models.CharField(
        _("reference occupation (KldB 2010)"),
        max_length=5,
        blank=True,
        validators=[kldb_validator],
    )
    reference_label = models.CharField(_("reference occupation"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=enums.RecognitionStatus.choices,
        default=enums.RecognitionStatus.NOT_STARTED,
    )
    result = models.CharField(
        _("result"), max_length=8, choices=enums.RecognitionResult.choices, blank=True
    )
    adaptation_measures = models.TextField(_("required adaptation measures"), blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    zeugnisbewertung = models.BooleanField(_("Zeugnisbewertung (ZAB) made"), default=False)
    zeugnisbewertung_on = models.DateField(_("Zeugnisbewertung dated"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("recognition procedure")
        verbose_name_plural = _("recognition of foreign qualifications")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.qualification

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for name in ("applied_on", "decided_on", "zeugnisbewertung_on"):
            validation.check_date(errors, name, getattr(self, name), self.participant)
        validation.check_period(
            errors, "applied_on", self.applied_on, "decided_on", self.decided_on
        )
        decided = self.status == enums.RecognitionStatus.DECIDED
        if self.result and not decided:
            errors.setdefault(
                "result", gettext("A result can only be recorded once it is decided.")
            )
        if decided and not self.result:
            errors.setdefault("result", gettext("Enter the result of the decision."))
        if self.result == enums.RecognitionResult.PARTIAL and not self.adaptation_measures.strip():
            errors["adaptation_measures"] = gettext(
                "A partial equivalence names the required adaptation measures."
            )
        if self.zeugnisbewertung_on and not self.zeugnisbewertung:
            errors.setdefault(
                "zeugnisbewertung_on", gettext("A date needs the Zeugnisbewertung to be ticked.")
            )
        validation.raise_if(errors)


class Occupation(ProfileEntry):
    """An occupation coded in KldB 2010 (and ISCO-08 / ESCO where known) with its label."""

    kldb_code = models.CharField(
        _("occupation code (KldB 2010)"), max_length=5, validators=[kldb_validator]
    )
    isco_code = models.CharField(
        _("ISCO-08 code"), max_length=4, blank=True, validators=[isco_validator]
    )
    esco_uri = models.CharField(
        _("ESCO occupation"), max_length=200, blank=True, validators=[esco_validator]
    )
    label = models.CharField(_("occupation"), max_length=200)

    class Meta:
        abstract = True

    @property
    def level(self) -> enums.KldbLevel | None:
        return enums.kldb_level(self.kldb_code)

    def clean(self) -> None:
        if enums.kldb_level(self.kldb_code) is None and enums.KLDB_PATTERN.match(self.kldb_code):
            raise ValidationError(
                {
                    "kldb_code": gettext(
                        "The fifth digit of a KldB 2010 code is a level from 1 to 4."
                    )
                }
            )


class WorkExperience(Occupation):
    country = _country()
    started_on = models.DateField(_("from (month)"))
    ended_on = models.DateField(_("to (month)"), null=True, blank=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    tasks = models.TextField(_("tasks in the participant's words"), blank=True)
    informal = models.BooleanField(
        _("informal experience (family business, self-taught)"), default=False
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kldb_code} {self.label}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            super().clean()
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
        for name in ("started_on", "ended_on"):
            validation.check_date(errors, name, getattr(self, name), self.participant, month=True)
        validation.check_period(errors, "started_on", self.started_on, "ended_on", self.ended_on)
        validation.raise_if(errors)


class DesiredOccupation(Occupation):
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("desired occupation")
        verbose_name_plural = _("desired occupations")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kldb_code} {self.label}"


class Skill(ProfileEntry):
    esco_uri = models.CharField(
        _("ESCO skill"), max_length=200, blank=True, validators=[esco_validator]
    )
    label = models.CharField(_("skill"), max_length=200)
    evidence = models.CharField(_("shown by"), max_length=10, choices=enums.Evidence.choices)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.label


class Resources(Versioned):
    """Resources and constraints of the participant, one record each (health: see below)."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="profile_resources"
    )
    latin_literacy = models.CharField(
        _("reads and writes the Latin alphabet"),
        max_length=6,
        choices=enums.Literacy.choices,
        blank=True,
    )
    driving_licences = models.JSONField(_("driving licence classes"), default=list, blank=True)
    childcare_duties = models.BooleanField(_("childcare duties"), default=False)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours available per week"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
    )
    shift_work = models.BooleanField(_("shift work possible"), null=True, blank=True)
    mobility = models.JSONField(_("mobility"), default=list, blank=True)
    desired_regions = models.CharField(_("desired regions"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = ParticipantNetworkScopedManager()

    class Meta:
        verbose_name = _("resources and constraints")
        verbose_name_plural = _("resources and constraints")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @property
    def mobility_labels(self) -> list[str]:
        return [str(enums.Mobility(m).label) for m in self.mobility if m in enums.Mobility.values]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not set(self.driving_licences or []) <= set(enums.DrivingLicence.values):
            errors["driving_licences"] = gettext("Choose driving licence classes from the list.")
        if not set(self.mobility or []) <= set(enums.Mobility.values):
            errors["mobility"] = gettext("Choose means of transport from the list.")
        validation.raise_if(errors)


class HealthRestriction(ProfileEntry):
    """Special category of personal data (Art. 9 GDPR): the case owner's counsellors only."""

    description = models.TextField(_("health restriction"))
    work_impact = models.TextField(_("what it means for work"), blank=True)
    valid_until = models.DateField(_("known to last until"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("health restriction")
        verbose_name_plural = _("health restrictions")
        ordering = ["pk"]

    def __str__(self) -> str:
        # Names the entry for the counsellor confirming a deletion, no more of it.
        return Truncator(self.description).words(6)


class CareerGoal(ProfileEntry):
    kind = models.CharField(_("goal"), max_length=20, choices=enums.GoalKind.choices)
    target_kldb_code = models.CharField(
        _("target occupation code (KldB 2010)"),
        max_length=5,
        blank=True,
        validators=[kldb_validator],
    )
    target_label = models.CharField(_("target (occupation, certificate, level)"), max_length=200)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=enums.GoalStatus.choices, default=enums.GoalStatus.OPEN
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_label}"


class CareerStep(Task):
    """A step of the career plan: one of the participant's tasks (`participants.Task`: what,
    who, due date, status, note, version), belonging to a goal. Multi-table inheritance keeps
    one task table that "my tasks", the caseload and the participant page read, whatever a
    task's origin; this table adds only the goal, which the kernel does not know."""

    task_ptr = models.OneToOneField(
        Task,
        on_delete=models.CASCADE,
        parent_link=True,
        primary_key=True,
        related_name="plan_step",
    )
    goal = models.ForeignKey(
        CareerGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="steps"
    )

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.goal_id and self.goal.participant_id != self.participant_id:
            errors["goal"] = gettext("Choose a goal of this participant.")
        validation.raise_if(errors)


class CareerActivity(ProfileEntry):
    kind = models.CharField(_("activity"), max_length=24, choices=enums.ActivityKind.choices)
    took_place_on = models.DateField(_("date"))
    content = models.TextField(_("content"))

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-took_place_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {short_date(self.took_place_on)}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        # An activity is recorded once it took place: a date of the participant's past.
        validation.check_date(errors, "took_place_on", self.took_place_on, self.participant)
        validation.raise_if(errors)
