"""Employers (Arbeitgeber) and their vacancies: network data, shared by the partners.

Employers and vacancies hold no personal data and carry no scoped manager (like offers); the
people at an employer (contact persons) and the record of contacts with it do, and are scoped
by network, historised and audited. Placements, which name participants, live in
`lotse.placements`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.core.scoping import NetworkScopedManager
from lotse.core.versioning import Versioned
from lotse.employers.enums import (
    ACTIVITY_OF_KIND,
    ContactKind,
    LegalForm,
    RefugeeExperience,
    SizeClass,
    StepStatus,
    VacancyKind,
    VacancySource,
    VacancyStatus,
    WorkingTime,
    WzSection,
)
from lotse.profiles.enums import CefrLevel
from lotse.taxonomy.enums import RequirementLevel, requirement_level

# A minimum German level is one of A1–C2; "native language" is nothing a job asks for.
GERMAN_LEVELS = [(value, label) for value, label in CefrLevel.choices if value != CefrLevel.NATIVE]

kldb_code_validator = RegexValidator(r"^\d{5}$", _("A KldB 2010 code has five digits."))
kldb_group_validator = RegexValidator(r"^\d{1,5}$", _("A KldB 2010 group has one to five digits."))
postcode_validator = RegexValidator(r"^\d{5}$", _("A German postcode has five digits."))


class Employer(Versioned):
    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("company"), max_length=200)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    industry = models.CharField(
        _("industry (WZ 2008 section)"), max_length=1, choices=WzSection.choices, blank=True
    )
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    other_sites = models.TextField(
        _("further sites"), blank=True, help_text=_("One site a line: street, postcode, city.")
    )
    website = models.URLField(_("website"), blank=True)
    lead_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("partner leading the contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    offers = models.JSONField(_("what the employer offers"), default=list, blank=True)
    refugee_experience = models.CharField(
        _("experience with refugees"),
        max_length=10,
        choices=RefugeeExperience.choices,
        blank=True,
    )
    experience_note = models.TextField(_("experience with refugees, in words"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ("name", "pk")
        indexes = [models.Index(fields=["network", "name"])]

    def __str__(self) -> str:
        return self.name

    def offer_names(self) -> list[str]:
        from lotse.employers.enums import EmployerOffer

        labels = dict(EmployerOffer.choices)
        return [str(labels.get(code, code)) for code in self.offers]


class ContactPerson(Versioned):
    """Someone to speak to at an employer: personal data."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="people")
    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class EmployerContact(models.Model):
    """One contact with an employer (a visit, a call, …) on the employer's timeline."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ContactKind.choices)
    took_place_on = models.DateField(_("date"))
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("what was discussed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("employer contact")
        verbose_name_plural = _("employer contacts")
        ordering = ("-took_place_on", "-pk")
        indexes = [models.Index(fields=["employer", "-took_place_on"])]

    def __str__(self) -> str:
        return f"{self.took_place_on} {self.get_kind_display()}"


class EmployerStep(Versioned):
    """A next step agreed in an employer contact: what, who, by when. Tasks of the kernel belong
    to a participant; an employer's next steps belong to no one's case."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="steps")
    contact = models.ForeignKey(
        EmployerContact, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    description = models.CharField(_("next step"), max_length=300)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("employer step")
        verbose_name_plural = _("employer steps")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["network", "assignee", "status", "due_on"])]

    def __str__(self) -> str:
        return self.description


class Vacancy(Versioned):
    """A job, training place, internship, EQ or mini job at an employer."""

    network = models.ForeignKey("network.Network", on_delete=models.CASCADE, related_name="+")
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="vacancies"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=VacancyKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kldb_code = models.CharField(
        _("occupation (KldB 2010)"), max_length=5, validators=[kldb_code_validator]
    )
    # The requirement level, the fifth digit of the KldB code (kept by `save`).
    level = models.CharField(
        _("requirement level"),
        max_length=10,
        choices=RequirementLevel.choices,
        blank=True,
        editable=False,
    )
    isco_code = models.CharField(_("ISCO-08"), max_length=4, blank=True)
    places = models.PositiveSmallIntegerField(
        _("number of places"), default=1, validators=[MinValueValidator(1)]
    )
    site = models.CharField(_("site"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    working_time = models.CharField(
        _("working time"), max_length=10, choices=WorkingTime.choices, default=WorkingTime.FULL_TIME
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    shift_work = models.BooleanField(_("shift work (nights, weekends)"), default=False)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, help_text=_("Empty: open-ended.")
    )
    min_german = models.CharField(
        _("minimum German level"), max_length=2, choices=GERMAN_LEVELS, blank=True
    )
    languages = models.JSONField(_("other languages required"), default=list, blank=True)
    driving_licences = models.JSONField(_("driving licence classes"), default=list, blank=True)
    qualifications = models.JSONField(
        _("qualifications or recognised occupations"), default=list, blank=True
    )
    experience_kldb = models.CharField(
        _("experience in occupation group (KldB)"),
        max_length=5,
        blank=True,
        validators=[kldb_group_validator],
    )
    without_school_certificate = models.BooleanField(
        _("suitable for people without a school certificate"), default=False
    )
    suitable_for_refugees = models.BooleanField(_("marked suitable for refugees"), default=False)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN
    )
    opened_on = models.DateField(_("open since"), null=True, blank=True)
    closed_on = models.DateField(_("filled or withdrawn on"), null=True, blank=True)
    source = models.CharField(
        max_length=10, choices=VacancySource.choices, default=VacancySource.MANUAL, editable=False
    )
    # The Bundesagentur's reference number (refnr) of an imported vacancy.
    ba_reference = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ("title", "pk")
        indexes = [
            models.Index(fields=["network", "status", "kldb_code"]),
            models.Index(fields=["network", "status", "postcode"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "ba_reference"],
                condition=~models.Q(ba_reference=""),
                name="employers_vacancy_ba_reference",
            ),
            models.CheckConstraint(
                condition=models.Q(min_german__in=["", "A1", "A2", "B1", "B2", "C1", "C2"]),
                name="employers_vacancy_cefr",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.level = requirement_level(self.kldb_code)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def language_names(self) -> list[str]:
        """The other languages asked for, by name with their level ("Englisch B1")."""
        from lotse.core.reference import language_name

        names = []
        for entry in self.languages or []:
            code, _sep, level = str(entry).partition(":")
            names.append(f"{language_name(code)} {level}".strip())
        return names

    @property
    def activity(self) -> str:
        """What the work-permission engine is asked for this vacancy (`lotse.legal.Activity`)."""
        return ACTIVITY_OF_KIND[VacancyKind(self.kind)]
