import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.network.models import Network, Organisation, Site
from lotse.participants.enums import (
    OPEN_TASK_STATUSES,
    BirthDatePrecision,
    ConsentForm,
    ConsentPurpose,
    ContactForm,
    DocumentType,
    ExitOutcome,
    Gender,
    ParticipantStatus,
    TaskStatus,
)


class Participant(Versioned):
    """A person supported by the network. The registering organisation owns the case."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participants"
    )
    file_number = models.CharField(_("file number"), max_length=20)
    first_names = models.CharField(_("first names"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    aliases = models.TextField(
        _("other spellings and names"), blank=True, help_text=_("One per line")
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("date of birth known"),
        max_length=8,
        choices=BirthDatePrecision.choices,
        default=BirthDatePrecision.DAY,
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    nationality = models.CharField(
        _("nationality"), max_length=10, help_text=_("Country code, stateless or unclear")
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=3, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    interpreter_language = models.CharField(_("interpreter language"), max_length=3, blank=True)
    wishes = models.TextField(_("wishes in the participant's words"), blank=True)

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.REGISTERED,
    )
    entry_date = models.DateField(_("entry date"), null=True, blank=True)
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    exit_outcome = models.CharField(
        _("exit outcome"), max_length=20, choices=ExitOutcome.choices, blank=True
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.SET_NULL, null=True, blank=True
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counsellor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
    )
    volunteers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="VolunteerAssignment",
        related_name="volunteer_assignments",
        blank=True,
    )
    # Kept by the services so that the caseload needs no aggregate over documents and contacts.
    current_document = models.ForeignKey(
        "ResidenceDocument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    document_valid_until = models.DateField(null=True, blank=True, editable=False)
    # The current document's type: the dashboard groups the caseload by it without a join.
    document_type = models.CharField(
        max_length=30, choices=DocumentType.choices, blank=True, editable=False
    )
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True, editable=False)
    # The open task due first (undated last): one join instead of two subqueries per row.
    next_step = models.ForeignKey(
        "Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "file_number"], name="participant_unique_file_number"
            ),
        ]
        # Led by network because the scope adds it to every query: counts and pages then read the
        # index alone. A filter by counsellor always comes with the own organisation (the others'
        # counsellors are not in the filter), so that index holds both, in the order of the query.
        indexes = [
            models.Index(fields=["network", "organisation", "last_name", "first_names", "id"]),
            models.Index(
                fields=["network", "organisation", "counsellor", "last_name", "first_names", "id"]
            ),
            models.Index(fields=["birth_date"]),
            models.Index(fields=["birth_year"]),
            models.Index(fields=["document_valid_until"]),
        ]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_names} ({self.file_number})"

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name}"


class ParticipantNameToken(models.Model):
    """Phonetic keys of all names of a participant, for transliteration-tolerant search."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)

    objects = NetworkScopedManager()

    class Meta:
        indexes = [models.Index(fields=["network", "token"])]

    def __str__(self) -> str:
        return self.token


class Child(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="children")
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant. Not indexed: rows are always read by participant, the scope rides along.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["birth_year"]

    def __str__(self) -> str:
        return str(self.birth_year)


class ResidenceDocument(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="residence_documents"
    )
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant. Not indexed: rows are always read by participant, the scope rides along.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    document_type = models.CharField(_("document"), max_length=30, choices=DocumentType.choices)
    section = models.CharField(
        _("legal basis (paragraph)"), max_length=40, blank=True, help_text=_("e.g. § 25 Abs. 2")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    annotation = models.CharField(
        _("annotation as printed"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Beschäftigung nur mit Erlaubnis der Ausländerbehörde”"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("residence document")
        verbose_name_plural = _("residence documents")
        ordering = ["-issued_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(valid_until__gte=models.F("issued_on")),
                name="document_valid_after_issue",
            )
        ]

    def __str__(self) -> str:
        return self.get_document_type_display()

    @property
    def effective_on(self) -> datetime.date:
        """The day the document took effect, as far as known: issued on, else recorded on."""
        return self.issued_on or timezone.localdate(self.recorded_at)

    def newness(self) -> tuple[datetime.date, datetime.datetime, int]:
        """Sort key: the newest document is the current one."""
        return (self.effective_on, self.recorded_at, self.pk or 0)


class StatusChange(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="status_changes"
    )
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant. Indexed with the date: reports and dashboards read a network's entries and
    # exits of a period.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    status = models.CharField(max_length=12, choices=ParticipantStatus.choices)
    effective_on = models.DateField()
    exit_outcome = models.CharField(max_length=20, choices=ExitOutcome.choices, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = NetworkScopedManager()

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [
            models.Index(fields=["network", "effective_on"], name="statuschange_network_day")
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.effective_on}"


class CounsellingContact(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="contacts")
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant. Not indexed: rows are always read by participant, the scope rides along.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    took_place_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    form = models.CharField(_("form"), max_length=12, choices=ContactForm.choices)
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.SET_NULL, null=True, blank=True
    )
    topics = models.JSONField(_("topics"), default=list)
    interpreter_language = models.CharField(_("interpreter language"), max_length=3, blank=True)
    note = models.TextField(_("note"), blank=True)
    # A form carries a fresh key; a double click sends the same key twice and is refused.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("counselling contact")
        verbose_name_plural = _("counselling contacts")
        ordering = ["-took_place_on", "-created_at"]
        indexes = [models.Index(fields=["participant", "-took_place_on"])]

    def __str__(self) -> str:
        return f"{self.took_place_on} {self.get_form_display()}"


class Task(Versioned):
    """Something someone is to do for the participant: what, who (a person of an organisation,
    or a name for someone without an account), by when, and how far it got. A task may stem
    from a counselling contact (its next steps) or belong to a goal of the career plan (the
    plan's steps; `profiles.PlanStep` holds that link, since the kernel knows no plan), or
    neither."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="tasks")
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    description = models.CharField(_("task"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person (user)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee_name = models.CharField(
        _("responsible person (name)"),
        max_length=200,
        blank=True,
        help_text=_("e.g. the participant, or someone without an account"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    # Kept by the services: the day the task was marked done.
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)
    contact = models.ForeignKey(
        CounsellingContact,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="tasks",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        indexes = [
            models.Index(fields=["participant", "status", "due_on"]),
            # "My tasks": a person's open tasks by due date, in the network's scope.
            models.Index(fields=["network", "assignee", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TASK_STATUSES

    def overdue_on(self, day: datetime.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < day

    @property
    def overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.organisation_id and self.participant_id:
            if self.organisation.network_id != self.participant.network_id:
                errors["organisation"] = gettext("Choose an organisation of the network.")
            elif (
                self.assignee is not None
                and getattr(getattr(self.assignee, "membership", None), "organisation_id", None)
                != self.organisation_id
            ):
                errors["assignee"] = gettext(
                    "This person does not work for the responsible organisation."
                )
        if errors:
            raise ValidationError(errors)


class Consent(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant. Not indexed: rows are always read by participant, the scope rides along.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations covered"), related_name="+"
    )
    given_on = models.DateField(_("given on"))
    form = models.CharField(_("form"), max_length=20, choices=ConsentForm.choices)
    witness = models.CharField(_("witness"), max_length=150, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[organisations])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("given_on")),
                name="consent_valid_after_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    def is_valid_on(self, day: datetime.date) -> bool:
        """The same rule as `selectors.valid_consents`, for consents already loaded."""
        return (
            self.given_on <= day
            and (self.revoked_on is None or self.revoked_on > day)
            and (self.valid_until is None or self.valid_until >= day)
        )


class Share(models.Model):
    """The case owner shares a participant with another organisation of the network."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="shares")
    # Copied from the participant so that the scope filter needs no join (see bench/).
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="share_one_active_per_organisation",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "participant"],
                condition=models.Q(ended_at__isnull=True),
                name="share_active_by_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.organisation_id}"


class VolunteerAssignment(models.Model):
    """A volunteer assigned to a participant (`Participant.volunteers`): who may see the
    participant's contact data, so scoped by network like the case file's tables."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The participant's, copied so that the scope filters a column instead of joining the
    # participant. Not indexed: rows are always read by participant or volunteer.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)

    objects = NetworkScopedManager()

    class Meta:
        # The table Django made for the many-to-many field before it had a model.
        db_table = "participants_participant_volunteers"
        unique_together = [("participant", "user")]

    def __str__(self) -> str:
        return f"{self.participant_id} ← {self.user_id}"


class IntakeDraft(models.Model):
    """An intake interview in progress: the form data so far, resumable by its author. It holds
    personal data of someone not registered yet, so it is scoped by network like a case."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The organisation's, copied so that the scope filters a column. Not indexed: drafts are
    # read by their author.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_drafts"
    )
    data = models.JSONField(default=dict)
    step = models.CharField(max_length=20, default="person")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("intake draft")
        verbose_name_plural = _("intake drafts")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"draft {self.pk}"

    @staticmethod
    def kept_since() -> datetime.datetime:
        """Drafts last saved before this moment are past their retention period."""
        return timezone.now() - datetime.timedelta(days=settings.LOTSE_INTAKE_DRAFT_DAYS)

    @property
    def deleted_on(self) -> datetime.date:
        """The day the draft is deleted unless it is saved again."""
        kept = datetime.timedelta(days=settings.LOTSE_INTAKE_DRAFT_DAYS)
        return timezone.localdate(self.updated_at + kept)

    @property
    def display_name(self) -> str:
        person = self.data.get("person", {})
        # The draft keeps form input as submitted: each field a list of values.
        names = (person.get(field) or [""] for field in ("first_names", "last_name"))
        return " ".join(values[0] for values in names).strip()


class CaseCount(models.Model):
    """How often an organisation's set of cases has changed (a case registered or deleted). The
    caseload caches the number of an organisation's cases under this generation: every process
    counts afresh after a change, and none counts all of the organisation's index entries on
    each page view. Holds no personal data."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    generation = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.generation}"
