"""Reads of the responsibility map, and who is responsible for a participant's steps."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch
from django.utils import translation

from lotse.network.access import membership_of
from lotse.network.models import Network
from lotse.offers.eligibility import Check, Criteria, LegalSphere, Person, Verdict, check
from lotse.responsibilities.models import PathStep, Responsibility, ResponsibilityMap


def network_of(user: User | AnonymousUser) -> Network | None:
    membership = membership_of(user)
    return membership.organisation.network if membership is not None else None


def path_of(network_id: int) -> list[PathStep]:
    """The steps in order, each with its responsibilities: two queries whatever the size."""
    return list(
        PathStep.objects.filter(network_id=network_id).prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation").order_by("pk"),
            )
        )
    )


@dataclass(frozen=True)
class MapRow:
    step: PathStep
    cells: list[list[Responsibility]]  # one per group of `MapTable.groups`, in that order


@dataclass(frozen=True)
class MapTable:
    """The map as a table, step × group. Groups are the distinct groups the map names, in the
    order they first appear along the path."""

    groups: list[str]
    rows: list[MapRow]

    @property
    def empty(self) -> bool:
        return not self.rows


def map_table(steps: list[PathStep]) -> MapTable:
    groups: list[str] = []
    for step in steps:
        for responsibility in step.responsibilities.all():
            if responsibility.group not in groups:
                groups.append(responsibility.group)
    rows = []
    for step in steps:
        cells: list[list[Responsibility]] = [[] for _group in groups]
        for responsibility in step.responsibilities.all():
            cells[groups.index(responsibility.group)].append(responsibility)
        rows.append(MapRow(step, cells))
    return MapTable(groups, rows)


def map_is_public(network_id: int) -> bool:
    return ResponsibilityMap.objects.filter(network_id=network_id, public=True).exists()


def public_network(network_pk: int) -> Network | None:
    return Network.objects.filter(pk=network_pk, responsibility_map__public=True).first()


def criteria_of(responsibility: Responsibility) -> Criteria:
    return Criteria(
        documents=frozenset(responsibility.documents),
        min_age=responsibility.min_age,
        max_age=responsibility.max_age,
        legal_spheres=frozenset(LegalSphere(s) for s in responsibility.legal_spheres),
        postcodes=frozenset(responsibility.postcodes),
    )


@dataclass(frozen=True)
class Candidate:
    responsibility: Responsibility
    unknowns: tuple[Check, ...]  # empty when the person's facts say it is this one

    @property
    def unknown_text(self) -> str:
        """What is not recorded, in the page's language, one line for the template."""
        german = (translation.get_language() or "de").startswith("de")
        return "; ".join(c.reason.de if german else c.reason.en for c in self.unknowns)


@dataclass(frozen=True)
class StepAnswer:
    """Who is responsible for one step for one person: `responsible` where the facts decide it,
    `possible` where they would if what is unknown of the person were known (each with what is
    unknown). Groups may overlap, so both can hold rows."""

    step: PathStep
    responsible: list[Responsibility] = field(default_factory=list)
    possible: list[Candidate] = field(default_factory=list)

    @property
    def nobody(self) -> bool:
        return not self.responsible and not self.possible


def steps_done(steps: list[PathStep], done_tasks: list[str]) -> set[int]:
    """The steps the person has behind them: a counsellor marks a step done by completing a
    task that names it ("Erstberatung", "Sprachkurs anmelden" for the step "Sprachkurs")."""
    done = [text.casefold() for text in done_tasks]
    return {step.pk for step in steps if any(step.name.casefold() in text for text in done)}


def next_step(steps: list[PathStep], done: set[int]) -> PathStep | None:
    """The first step not yet done after the last one done: a person whose vocational
    orientation is done is past the first counselling too, even when no task named it. When
    nothing after it is left, the first step not done; the first when all are."""
    last_done = max((i for i, step in enumerate(steps) if step.pk in done), default=-1)
    for step in steps[last_done + 1 :] + steps[: last_done + 1]:
        if step.pk not in done:
            return step
    return steps[0] if steps else None


def responsible_for(
    person: Person, steps: list[PathStep], today: datetime.date
) -> list[StepAnswer]:
    answers = []
    for step in steps:
        responsible, possible = [], []
        for responsibility in step.responsibilities.all():
            result = check(criteria_of(responsibility), person, today)
            if result.verdict is Verdict.ELIGIBLE:
                responsible.append(responsibility)
            elif result.verdict is Verdict.UNKNOWN:
                possible.append(Candidate(responsibility, result.unknowns))
        answers.append(StepAnswer(step, responsible, possible))
    return answers
