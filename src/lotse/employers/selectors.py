"""Reads of the network's employers and vacancies, and of the personal data at an employer
(contact persons, contacts, next steps), which only these functions name."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Prefetch, Q, QuerySet

from lotse.employers.enums import StepStatus
from lotse.employers.models import ContactPerson, Employer, EmployerContact, EmployerStep, Vacancy
from lotse.network.access import membership_of
from lotse.network.enums import CASE_ROLES, Role
from lotse.taxonomy.enums import LabelKind, System
from lotse.taxonomy.models import Occupation, OccupationLabel


def network_employers(user: User | AnonymousUser) -> QuerySet[Employer]:
    membership = membership_of(user)
    if membership is None:
        return Employer.objects.none()
    return Employer.objects.filter(network_id=membership.organisation.network_id).select_related(
        "lead_organisation"
    )


def employer_search(
    employers: QuerySet[Employer],
    *,
    text: str = "",
    industry: str = "",
    offer: str = "",
    lead: int | None = None,
) -> QuerySet[Employer]:
    if text:
        employers = employers.filter(name__icontains=text)
    if industry:
        employers = employers.filter(industry=industry)
    if offer:
        # The codes are whole words of a JSON list: a quoted code matches only itself (and this
        # lookup works on SQLite as on PostgreSQL, where `contains` on a list does not).
        employers = employers.filter(offers__icontains=f'"{offer}"')
    if lead:
        employers = employers.filter(lead_organisation_id=lead)
    return employers


def people_of(employer: Employer) -> QuerySet[ContactPerson]:
    return ContactPerson.objects.filter(employer=employer)


def person_of(employer: Employer, pk: int) -> ContactPerson | None:
    return ContactPerson.objects.filter(employer=employer, pk=pk).first()


def contacts_of(employer: Employer) -> QuerySet[EmployerContact]:
    """The employer's timeline, newest first, each contact with its next steps."""
    return (
        EmployerContact.objects.filter(employer=employer)
        .select_related("organisation", "person", "created_by")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=EmployerStep.objects.select_related("organisation", "assignee"),
            )
        )
    )


def step_of(employer: Employer, pk: int) -> EmployerStep | None:
    return EmployerStep.objects.filter(employer=employer, pk=pk).first()


# Who takes on next steps with employers: the case roles, on "My tasks", and the coordinator,
# who keeps employers too and finds the steps in the inbox (the coordinator has no task list).
STEP_ROLES = CASE_ROLES | {Role.COORDINATOR}


def step_colleagues(organisation_id: int) -> QuerySet[User]:
    """Whom a next step may be given to: the active accounts of the organisation that take on
    steps with employers."""
    return User.objects.filter(
        membership__organisation_id=organisation_id,
        membership__role__in=STEP_ROLES,
        is_active=True,
    ).order_by("last_name", "first_name", "username")


def open_steps_count(user: User | AnonymousUser) -> int:
    return open_steps_for(user).count()


def open_steps_for(user: User | AnonymousUser) -> QuerySet[EmployerStep]:
    """ "My tasks" at employers: open next steps given to the user, and those of the user's
    own contacts given to no one in particular, by due date (undated last)."""
    membership = membership_of(user)
    if membership is None or membership.role not in STEP_ROLES:
        return EmployerStep.objects.none()
    mine = Q(assignee=user) | Q(
        assignee__isnull=True,
        organisation_id=membership.organisation_id,
        contact__created_by=user,
    )
    return (
        EmployerStep.objects.filter(mine, status=StepStatus.OPEN)
        .select_related("employer", "organisation", "assignee")
        .order_by("due_on", "pk")
    )


def vacancies_of(employer: Employer) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(employer=employer).order_by("status", "title", "pk")


def network_vacancies(user: User | AnonymousUser) -> QuerySet[Vacancy]:
    membership = membership_of(user)
    if membership is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(network_id=membership.organisation.network_id).select_related(
        "employer"
    )


def vacancy_search(
    vacancies: QuerySet[Vacancy],
    *,
    status: str = "",
    kind: str = "",
    kldb: str = "",
    postcode: str = "",
    text: str = "",
) -> QuerySet[Vacancy]:
    if status:
        vacancies = vacancies.filter(status=status)
    if kind:
        vacancies = vacancies.filter(kind=kind)
    if kldb:
        vacancies = vacancies.filter(kldb_code__startswith=kldb)
    if postcode:
        vacancies = vacancies.filter(postcode__startswith=postcode)
    if text:
        vacancies = vacancies.filter(Q(title__icontains=text) | Q(employer__name__icontains=text))
    return vacancies


@dataclass(frozen=True)
class KnownOccupation:
    kldb_code: str
    isco_code: str


def kldb_occupation(code: str) -> KnownOccupation | None:
    """The occupation of a 5-digit KldB 2010 code, as far as the taxonomy knows it: the
    classification itself when it was imported (`lotse taxonomy import-kldb`), else Lotse's
    curated occupations, which carry their KldB and ISCO codes."""
    if len(code) != 5 or not code.isdigit():
        return None
    rows = list(
        Occupation.objects.filter(
            Q(system=System.KLDB, code=code) | Q(system=System.CURATED, kldb_code=code)
        )
        .order_by("priority", "pk")
        .values_list("isco_code", flat=True)[:10]
    )
    if not rows:
        return None
    return KnownOccupation(code, next((isco for isco in rows if isco), ""))


def kldb_group_known(group: str) -> bool:
    """Whether the taxonomy knows an occupation in the KldB 2010 group (its first digits)."""
    return Occupation.objects.filter(
        Q(system=System.KLDB, code__startswith=group)
        | Q(system=System.CURATED, kldb_code__startswith=group)
    ).exists()


def kldb_names(code: str, limit: int = 3) -> list[str]:
    """The German names the taxonomy gives a KldB 2010 code (the classification's own first),
    so that a vacancy page says which occupation "51312" is."""
    if len(code) != 5 or not code.isdigit():
        return []
    rows = (
        OccupationLabel.objects.filter(
            Q(occupation__system=System.KLDB, occupation__code=code)
            | Q(occupation__system=System.CURATED, occupation__kldb_code=code),
            language="de",
            kind=LabelKind.PREFERRED,
        )
        .order_by("occupation__system", "occupation__priority", "priority", "pk")
        .values_list("label", flat=True)
    )
    names: list[str] = []
    for label in rows:
        if label not in names:
            names.append(label)
        if len(names) == limit:
            break
    return names


def vacancy_counts(employer_ids: list[int]) -> dict[int, int]:
    """Open vacancies per employer, for the list, in one query."""
    rows = (
        Vacancy.objects.filter(employer_id__in=employer_ids, status="open")
        .values("employer_id")
        .annotate(n=Count("pk"))
    )
    return {row["employer_id"]: row["n"] for row in rows}
