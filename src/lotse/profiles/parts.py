"""The parts of the profile section: for each kind of entry its model, form, services, list
template and the part of the page it is shown in. Views and API walk this one table, so a new
kind of entry is one line here plus its template."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.participants.models import Participant
from lotse.profiles import forms, selectors, services
from lotse.profiles.models import (
    CareerActivity,
    CareerGoal,
    CareerStep,
    DesiredOccupation,
    EducationStage,
    HealthRestriction,
    LanguageCertificate,
    LanguageCourse,
    LanguageSkill,
    Recognition,
    Resources,
    Skill,
    WorkExperience,
)


@dataclass(frozen=True)
class Part:
    kind: str
    title: Promise
    add_label: Promise
    model: type[models.Model]
    form: type[forms.EntryForm]
    save: Callable[..., Any]
    delete: Callable[..., Any] | None
    # The part of the page that shows this kind (steps are shown under their goals).
    shown_in: str = ""
    singleton: bool = False
    health: bool = False
    plan: bool = False

    @property
    def target(self) -> str:
        return self.shown_in or self.kind

    @property
    def rows_template(self) -> str:
        return f"profiles/rows/{self.kind}.html"

    def items(self, participant: Participant) -> Any:
        if self.singleton:
            return selectors.resources_of(participant)
        if self.model is CareerGoal:
            return selectors.goals_of(participant)
        return selectors.entries(self.model, participant)

    def item(self, participant: Participant, pk: int) -> Any:
        item = self.model.objects.filter(participant=participant, pk=pk).first()  # type: ignore[attr-defined]
        if item is None:
            raise Http404
        item.participant = participant
        return item


_PARTS = [
    Part(
        "languages",
        _("Languages"),
        _("Add language"),
        LanguageSkill,
        forms.LanguageSkillForm,
        services.language_skill_save,
        services.language_skill_delete,
    ),
    Part(
        "certificates",
        _("Language certificates"),
        _("Add certificate"),
        LanguageCertificate,
        forms.LanguageCertificateForm,
        services.language_certificate_save,
        services.language_certificate_delete,
    ),
    Part(
        "courses",
        _("Language courses"),
        _("Add course"),
        LanguageCourse,
        forms.LanguageCourseForm,
        services.language_course_save,
        services.language_course_delete,
    ),
    Part(
        "education",
        _("School and education"),
        _("Add stage"),
        EducationStage,
        forms.EducationStageForm,
        services.education_stage_save,
        services.education_stage_delete,
    ),
    Part(
        "recognition",
        _("Recognition of foreign qualifications"),
        _("Add recognition procedure"),
        Recognition,
        forms.RecognitionForm,
        services.recognition_save,
        services.recognition_delete,
    ),
    Part(
        "work",
        _("Work experience"),
        _("Add work experience"),
        WorkExperience,
        forms.WorkExperienceForm,
        services.work_experience_save,
        services.work_experience_delete,
    ),
    Part(
        "skills",
        _("Skills"),
        _("Add skill"),
        Skill,
        forms.SkillForm,
        services.skill_save,
        services.skill_delete,
    ),
    Part(
        "resources",
        _("Resources and constraints"),
        _("Edit resources and constraints"),
        Resources,
        forms.ResourcesForm,
        services.resources_save,
        None,
        singleton=True,
    ),
    Part(
        "desired",
        _("Desired occupations"),
        _("Add desired occupation"),
        DesiredOccupation,
        forms.DesiredOccupationForm,
        services.desired_occupation_save,
        services.desired_occupation_delete,
    ),
    Part(
        "health",
        _("Health restrictions"),
        _("Add health restriction"),
        HealthRestriction,
        forms.HealthRestrictionForm,
        services.health_restriction_save,
        services.health_restriction_delete,
        health=True,
    ),
    Part(
        "goals",
        _("Goals and steps"),
        _("Add goal"),
        CareerGoal,
        forms.CareerGoalForm,
        services.career_goal_save,
        services.career_goal_delete,
        plan=True,
    ),
    Part(
        "steps",
        _("Steps"),
        _("Add step"),
        CareerStep,
        forms.CareerStepForm,
        services.career_step_save,
        services.career_step_delete,
        shown_in="goals",
        plan=True,
    ),
    Part(
        "activities",
        _("Career orientation and application training"),
        _("Add activity"),
        CareerActivity,
        forms.CareerActivityForm,
        services.career_activity_save,
        services.career_activity_delete,
        plan=True,
    ),
]
PARTS = {part.kind: part for part in _PARTS}


def part_for(kind: str) -> Part:
    try:
        return PARTS[kind]
    except KeyError:
        raise Http404 from None
