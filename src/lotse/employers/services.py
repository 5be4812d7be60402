"""Writes to the network's employers and vacancies: keyword-only, atomic, audited; every
object a form edits is versioned, so two people editing one employer lose nothing."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError
from lotse.core.versioning import lock_existing
from lotse.employers.enums import (
    ContactKind,
    EmployerOffer,
    StepStatus,
    VacancyStatus,
)
from lotse.employers.models import (
    GERMAN_LEVELS,
    ContactPerson,
    Employer,
    EmployerContact,
    EmployerStep,
    Vacancy,
)
from lotse.employers.selectors import kldb_group_known, kldb_occupation
from lotse.network.models import Network, Organisation

CEFR = frozenset(value for value, _label in GERMAN_LEVELS)


def _check_employer(employer: Employer, network: Network) -> None:
    if employer.lead_organisation is not None and (
        employer.lead_organisation.network_id != network.pk
    ):
        raise DomainError(_("Only a partner of the network can lead the contact."))
    unknown = [code for code in employer.offers if code not in EmployerOffer.values]
    if unknown:
        raise DomainError(
            _("Unknown kind of offer: %(codes)s") % {"codes": ", ".join(map(str, unknown))}
        )


@transaction.atomic
def employer_save(
    *, actor: User, network: Network, employer: Employer, expected_version: int | None
) -> Employer:
    """Creates or changes an employer; a change someone else saved since the form was opened
    is refused (StaleEditError) and nothing is written."""
    _check_employer(employer, network)
    created = employer.pk is None
    if not created:
        employer.version = lock_existing(
            Employer.objects.filter(pk=employer.pk, network=network),
            expected_version=expected_version,
        ).version
    employer.network = network
    employer.save()
    audit_record(
        actor=actor,
        action="employers.employer.created" if created else "employers.employer.changed",
        obj=employer,
        detail={"name": employer.name},
    )
    return employer


@transaction.atomic
def contact_person_save(
    *, actor: User, employer: Employer, person: ContactPerson, expected_version: int | None
) -> ContactPerson:
    created = person.pk is None
    if not created:
        person.version = lock_existing(
            ContactPerson.objects.filter(pk=person.pk, employer=employer),
            expected_version=expected_version,
        ).version
    person.employer = employer
    person.network_id = employer.network_id
    person.save()
    audit_record(
        actor=actor,
        action=(
            "employers.contact_person.created" if created else "employers.contact_person.changed"
        ),
        obj=person,
        detail={"employer": employer.pk},
    )
    return person


@transaction.atomic
def contact_person_remove(
    *, actor: User, person: ContactPerson, expected_version: int | None
) -> None:
    """Removes a contact person; the history keeps what was recorded, the contacts with them
    stay on the timeline without the name."""
    locked = lock_existing(
        ContactPerson.objects.filter(pk=person.pk), expected_version=expected_version
    )
    audit_record(
        actor=actor,
        action="employers.contact_person.removed",
        obj=locked,
        detail={"employer": locked.employer_id},
    )
    locked.delete()


@transaction.atomic
def employer_contact_record(
    *,
    actor: User,
    employer: Employer,
    organisation: Organisation,
    kind: str,
    took_place_on: datetime.date,
    person: ContactPerson | None = None,
    note: str = "",
    next_step: str = "",
    next_step_due: datetime.date | None = None,
    assignee: User | None = None,
) -> EmployerContact:
    """One contact on the employer's timeline, with its next step (it lands in "My tasks" of
    the person responsible, or of whoever recorded it)."""
    if kind not in ContactKind.values:
        raise DomainError(_("Choose what kind of contact it was."))
    if took_place_on > timezone.localdate():
        raise DomainError(_("A contact cannot lie in the future."))
    if person is not None and person.employer_id != employer.pk:
        raise DomainError(_("The contact person works for another employer."))
    if organisation.network_id != employer.network_id:
        raise DomainError(_("Only a partner of the network can record a contact."))
    if next_step_due is not None and not next_step.strip():
        raise DomainError(_("Say what the next step is, or leave its date empty."))
    contact = EmployerContact.objects.create(
        employer=employer,
        network_id=employer.network_id,
        organisation=organisation,
        kind=kind,
        took_place_on=took_place_on,
        person=person,
        note=note,
        created_by=actor,
    )
    if next_step.strip():
        EmployerStep.objects.create(
            employer=employer,
            contact=contact,
            network_id=employer.network_id,
            description=next_step.strip(),
            organisation=organisation,
            # "Empty: you yourself", as the form says: the step names who will do it.
            assignee=assignee or actor,
            due_on=next_step_due,
        )
    audit_record(
        actor=actor,
        action="employers.contact.recorded",
        obj=contact,
        detail={"employer": employer.pk, "kind": kind, "next_step": bool(next_step.strip())},
    )
    return contact


@transaction.atomic
def employer_step_complete(
    *, actor: User, step: EmployerStep, expected_version: int | None
) -> EmployerStep:
    locked = lock_existing(
        EmployerStep.objects.filter(pk=step.pk), expected_version=expected_version
    )
    if locked.status != StepStatus.OPEN:
        raise DomainError(_("This step is done already."))
    locked.status = StepStatus.DONE
    locked.done_on = timezone.localdate()
    locked.save()
    audit_record(
        actor=actor,
        action="employers.step.completed",
        obj=locked,
        detail={"employer": locked.employer_id},
    )
    return locked


def vacancy_problems(vacancy: Vacancy) -> dict[str, str]:
    """The vacancy's rules, for the form, the import and any other caller: field → message."""
    problems: dict[str, str] = {}
    if not kldb_occupation(vacancy.kldb_code):
        problems["kldb_code"] = _("%(code)s is not an occupation of the KldB 2010.") % {
            "code": vacancy.kldb_code or "–"
        }
    if vacancy.experience_kldb and not (
        vacancy.experience_kldb.isdigit() and 1 <= len(vacancy.experience_kldb) <= 5
    ):
        problems["experience_kldb"] = _("A KldB 2010 group has one to five digits.")
    elif vacancy.experience_kldb and not kldb_group_known(vacancy.experience_kldb):
        problems["experience_kldb"] = _("%(code)s is no group of the KldB 2010.") % {
            "code": vacancy.experience_kldb
        }
    unknown = [str(q) for q in vacancy.qualifications or [] if not kldb_occupation(str(q))]
    if unknown:
        problems["qualifications"] = _("Not an occupation of the KldB 2010: %(codes)s") % {
            "codes": ", ".join(unknown)
        }
    if vacancy.isco_code and not (len(vacancy.isco_code) == 4 and vacancy.isco_code.isdigit()):
        problems["isco_code"] = _("An ISCO-08 code has four digits.")
    if vacancy.min_german and vacancy.min_german not in CEFR:
        problems["min_german"] = _(
            "%(level)s is no level of the Common European Framework: choose A1, A2, B1, B2, C1 "
            "or C2."
        ) % {"level": vacancy.min_german}
    for entry in vacancy.languages:
        level = str(entry).partition(":")[2]
        if level and level not in CEFR:
            problems["languages"] = _(
                "%(level)s is no level of the Common European Framework: choose A1, A2, B1, "
                "B2, C1 or C2."
            ) % {"level": level}
    if vacancy.status == VacancyStatus.OPEN and vacancy.closed_on:
        problems["closed_on"] = _("An open vacancy has no date it was filled or withdrawn.")
    if vacancy.opened_on and vacancy.closed_on and vacancy.closed_on < vacancy.opened_on:
        problems["closed_on"] = _("The vacancy cannot close before it opened.")
    return problems


def _vacancy_defaults(vacancy: Vacancy, today: datetime.date) -> None:
    if vacancy.opened_on is None and vacancy.status == VacancyStatus.OPEN:
        vacancy.opened_on = today
    if vacancy.status != VacancyStatus.OPEN and vacancy.closed_on is None:
        vacancy.closed_on = today
    if not vacancy.isco_code:
        known = kldb_occupation(vacancy.kldb_code)
        vacancy.isco_code = known.isco_code if known else ""


@transaction.atomic
def vacancy_save(
    *,
    actor: User,
    employer: Employer,
    vacancy: Vacancy,
    expected_version: int | None,
    audit_detail: Mapping[str, Any] | None = None,
) -> Vacancy:
    """Creates or changes a vacancy of `employer`: its KldB code must be a KldB 2010
    occupation (its level follows from the fifth digit), its ISCO code comes from the taxonomy
    unless given, and its dates follow its status."""
    _vacancy_defaults(vacancy, timezone.localdate())
    problems = vacancy_problems(vacancy)
    if problems:
        raise DomainError(" ".join(problems.values()))
    created = vacancy.pk is None
    if not created:
        vacancy.version = lock_existing(
            Vacancy.objects.filter(pk=vacancy.pk, network_id=employer.network_id),
            expected_version=expected_version,
        ).version
    vacancy.employer = employer
    vacancy.network_id = employer.network_id
    vacancy.save()
    audit_record(
        actor=actor,
        action="employers.vacancy.created" if created else "employers.vacancy.changed",
        obj=vacancy,
        detail={"employer": employer.pk, "title": vacancy.title, **(audit_detail or {})},
    )
    return vacancy
