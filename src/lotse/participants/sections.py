"""What the apps add to a case: the registry of case sections.

`participants` is the kernel and imports no app above it. An app contributes to a case by
registering a `CaseSection` in its `AppConfig.ready`: its panel on the participant page (a
template and the selector that feeds it), its entries in the timeline, its part of the
subject-access export, its eraser for a GDPR deletion (after pretix's data shredder: the
eraser removes the section's personal data and reports what it removed) and what it says
about the tasks linked to it. The participant page,
the timeline, `participant_export` and `participant_erase` iterate the registry.

`DocumentFacts` is the second hook: facts an app asks for together with a residence document.

The participant page's navigation lists the shown sections that have a `label`, each linking to
its `anchor`. A `lazy` section's panel is loaded on demand: the page shows a slot (its heading
and a link that works without JavaScript) and htmx loads the panel from `participants:section`
when the slot scrolls into view. A section's `header_line` is one short line among the
essentials at the top of the page, loaded by htmx after the page from
`participants:section_line`, so that what it costs is not the page's.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django import forms
    from django.contrib.auth.models import User

    from lotse.participants.access import CaseAccess
    from lotse.participants.models import Participant


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of the case's timeline. `moment` orders entries of the same day."""

    day: datetime.date
    moment: Any
    label: str  # what kind of entry, as the reader sees it ("Status", "Residence document")
    text: str
    template: str = ""  # a template of its own; otherwise "label: text"
    details: str = ""
    note: str = ""
    steps: list[Any] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.day, self.moment)


@dataclass(frozen=True, slots=True)
class TaskOrigin:
    """Where a task comes from, with the page where it is done when a section has one (a
    placement's check-in is recorded on its form: ticking the task alone would record nothing)."""

    text: str
    url: str = ""


# What an eraser removed, e.g. {"profiles.language_skill": 3}: model label → rows.
ErasureReport = dict[str, int]


@dataclass(frozen=True)
class CaseSection:
    """`panel_context` answers the panel template's `panel` variable, or None to leave the
    panel out for this access (a section the user may not see). `region` "summary" places the
    panel beside the personal data at the top; "main" below, in `order`.

    `label` and `anchor` (the id of the panel's outermost element) put the panel in the page's
    navigation. A `lazy` panel's `panel_context` runs only when the panel is loaded; the page
    asks `requires` (a permission on the case; reading the case file if empty) whether to show
    its slot. `header_line` answers the line shown under `label` in the page's header; it too is
    asked only with that permission."""

    key: str
    order: int
    panel_template: str = ""
    panel_context: Callable[["CaseAccess", HttpRequest], dict[str, Any] | None] | None = None
    region: str = "main"
    timeline_entries: Callable[["CaseAccess"], Iterable[TimelineEntry]] | None = None
    export: Callable[["Participant"], dict[str, Any]] | None = None
    erase: Callable[["Participant"], ErasureReport] | None = None
    # What a section says about where tasks come from ({task id: "Goal: …"}), for task lists:
    # the kernel knows contacts, not the sections' links to its tasks.
    task_origins: Callable[[list[int]], Mapping[int, "str | TaskOrigin"]] | None = None
    label: str | Promise = ""
    anchor: str = ""
    lazy: bool = False
    requires: str = ""
    header_line: Callable[["CaseAccess"], str] | None = None
    # The section's panel on the assigned volunteer's page too (which shows contact data and
    # appointments only): `panel_context` is asked with the volunteer's access.
    for_volunteers: bool = False

    @property
    def permission(self) -> str:
        """What a lazy panel and a header line ask: `requires`, else reading the case file (the
        page that shows them is the case workers')."""
        return self.requires or "participants.view_case"

    def allowed(self, case: "CaseAccess") -> bool:
        return case.allows(self.permission)


_sections: dict[str, CaseSection] = {}


def register(section: CaseSection) -> None:
    if section.key in _sections and _sections[section.key] != section:
        raise ValueError(f"A case section {section.key!r} is registered already.")
    _sections[section.key] = section


def unregister(key: str) -> None:
    _sections.pop(key, None)


def case_sections() -> list[CaseSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))


def case_section(key: str) -> CaseSection | None:
    return _sections.get(key)


LAZY_SLOT = "participants/panels/lazy_slot.html"


@dataclass(frozen=True, slots=True)
class Panel:
    key: str
    template: str
    region: str
    context: dict[str, Any]
    label: str | Promise = ""
    anchor: str = ""


def case_panels(case: "CaseAccess", request: HttpRequest) -> list[Panel]:
    """The page's panels, summary first, in the order the page shows them (and its navigation
    lists them). A lazy panel is its slot."""
    panels = []
    for section in case_sections():
        if section.panel_context is None:
            continue
        if section.lazy:
            if not section.allowed(case):
                continue
            template = LAZY_SLOT
            context: dict[str, Any] | None = {
                "url": reverse("participants:section", args=[case.participant.pk, section.key]),
                "label": section.label,
                "anchor": section.anchor,
            }
        else:
            template = section.panel_template
            context = section.panel_context(case, request)
        if context is not None:
            panels.append(
                Panel(section.key, template, section.region, context, section.label, section.anchor)
            )
    panels.sort(key=lambda panel: panel.region != "summary")
    return panels


def volunteer_panels(case: "CaseAccess", request: HttpRequest) -> list[Panel]:
    """The panels of the assigned volunteer's page (sections `for_volunteers`)."""
    panels = []
    for section in case_sections():
        if section.for_volunteers and section.panel_context is not None:
            context = section.panel_context(case, request)
            if context is not None:
                panels.append(Panel(section.key, section.panel_template, section.region, context))
    return panels


@dataclass(frozen=True, slots=True)
class HeaderLine:
    label: str | Promise
    url: str  # the line, loaded by htmx
    anchor: str  # where the section stands on the page: the link without JavaScript


def case_header_lines(case: "CaseAccess") -> list[HeaderLine]:
    return [
        HeaderLine(
            section.label,
            reverse("participants:section_line", args=[case.participant.pk, section.key]),
            section.anchor,
        )
        for section in case_sections()
        if section.header_line is not None and section.allowed(case)
    ]


def case_timeline(case: "CaseAccess") -> list[TimelineEntry]:
    """Newest first. Stable: entries of the same moment keep the order of the sections."""
    entries: list[TimelineEntry] = []
    for section in case_sections():
        if section.timeline_entries is not None:
            entries.extend(section.timeline_entries(case))
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    return entries


def erase_rows(model: Any, **lookup: Any) -> ErasureReport:
    """Delete the rows of `model` matching `lookup` and, where the model keeps a history
    (django-simple-history), every past version of them too: an eraser that left the history
    would erase nothing."""
    _total, per_model = model.objects.filter(**lookup).delete()
    history = getattr(model, "history", None)
    if history is not None:
        history.filter(**lookup).delete()
    # Rows the database removed with them (links of a many-to-many field) are not counted.
    deleted = per_model.get(model._meta.label, 0)
    return {model._meta.label_lower: deleted} if deleted else {}


@dataclass(frozen=True)
class DocumentFacts:
    """Facts an app asks for together with a residence document, and stores itself.

    The work-permission assessment needs dates no document shows (entry, asylum request and
    application, decision, Duldung since). Registered in the app's `AppConfig.ready`, the
    group's fields appear in the residence-document form (the intake's step and "add a
    document") under `legend`; `clean(form, cleaned)` may check them against the document's
    fields (and offer a value for confirmation); after the document is recorded, `save` receives
    the group's cleaned values. `initial(participant)` fills them for a known participant.
    """

    key: str
    legend: Any  # a (lazily translated) text
    hint: Any
    fields: Callable[[], dict[str, "forms.Field"]]
    save: Callable[["User", "Participant", dict[str, Any]], None]
    clean: Callable[["forms.Form", dict[str, Any]], None] | None = None
    initial: Callable[["Participant"], dict[str, Any]] | None = None


_document_facts: dict[str, DocumentFacts] = {}


def register_document_facts(group: DocumentFacts) -> None:
    if group.key in _document_facts and _document_facts[group.key] != group:
        raise ValueError(f"Document facts {group.key!r} are registered already.")
    _document_facts[group.key] = group


def document_facts() -> list[DocumentFacts]:
    return sorted(_document_facts.values(), key=lambda g: g.key)


# What an app does when a participant leaves (e.g. reporting's follow-up six months later):
# called inside `participant_exit`'s transaction with the actor, the participant and the exit.
ExitHook = Callable[["User", "Participant", datetime.date], None]
_exit_hooks: dict[str, ExitHook] = {}


def register_exit_hook(key: str, hook: ExitHook) -> None:
    if key in _exit_hooks and _exit_hooks[key] != hook:
        raise ValueError(f"An exit hook {key!r} is registered already.")
    _exit_hooks[key] = hook


def exit_hooks() -> list[ExitHook]:
    return [_exit_hooks[key] for key in sorted(_exit_hooks)]


@dataclass(frozen=True, slots=True)
class ExitAsk:
    """What the exit form says and asks for an app: `notice` explains, `choices` are the
    answers (value, label), one of which the counsellor picks before the case is closed."""

    notice: str
    label: str
    choices: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class ExitQuestion:
    """A question an app asks on the exit form when the exit as entered would leave something
    of its own unsettled (a placement running that does not match the outcome).
    `ask(participant, exit_date, outcome)` gives the notice and the choices, or None when there
    is nothing to ask; `settle(actor, participant, exit_date, answer)` carries out the answer
    inside `participant_exit`'s transaction, after the exit is recorded and before the exit
    hooks. Nothing is asked of a caller that gives no answer (the exit stays as it was)."""

    key: str
    ask: Callable[["Participant", datetime.date, str], ExitAsk | None]
    settle: Callable[["User", "Participant", datetime.date, str], None]


_exit_questions: dict[str, ExitQuestion] = {}


def register_exit_question(question: ExitQuestion) -> None:
    if question.key in _exit_questions and _exit_questions[question.key] != question:
        raise ValueError(f"An exit question {question.key!r} is registered already.")
    _exit_questions[question.key] = question


def exit_questions() -> list[ExitQuestion]:
    return [_exit_questions[key] for key in sorted(_exit_questions)]


def exit_asks(
    participant: "Participant", exit_date: datetime.date, outcome: str
) -> dict[str, ExitAsk]:
    """What the apps ask before this exit, by question key (empty: nothing to ask)."""
    found = {}
    for question in exit_questions():
        asked = question.ask(participant, exit_date, outcome)
        if asked is not None:
            found[question.key] = asked
    return found


@dataclass(frozen=True, slots=True)
class IntakeStep:
    """A step an app adds to the intake interview (e.g. reporting's ESF items at entry): its
    form is shown after the kernel's household step and before the consent; what it
    collects is kept in the draft like the kernel's steps, shown on the review page
    (`summary`), and saved by `complete` inside `intake_complete`'s transaction, once the
    participant exists."""

    key: str  # a slug: the step's URL and its part of the draft
    label: str | Promise
    form: "type[forms.Form]"
    complete: Callable[["User", "Participant", dict[str, Any]], None]
    # The review page's lines: (label, value) from the step's cleaned data.
    summary: Callable[[dict[str, Any]], list[tuple[str, str]]] = lambda _data: []
    order: int = 100


_intake_steps: dict[str, IntakeStep] = {}
# The kernel's own steps; an app's step may not take one of their names.
KERNEL_INTAKE_STEPS = frozenset(
    {"person", "contact", "residence", "household", "consent", "review"}
)


def register_intake_step(step: IntakeStep) -> None:
    if step.key in KERNEL_INTAKE_STEPS:
        raise ValueError(f"{step.key!r} is a step of the kernel's intake.")
    if step.key in _intake_steps and _intake_steps[step.key] != step:
        raise ValueError(f"An intake step {step.key!r} is registered already.")
    _intake_steps[step.key] = step


def unregister_intake_step(key: str) -> None:
    _intake_steps.pop(key, None)


def intake_steps() -> list[IntakeStep]:
    return sorted(_intake_steps.values(), key=lambda step: (step.order, step.key))
