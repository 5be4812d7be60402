"""Import of vacancies from the Bundesagentur für Arbeit's job search (`lotse employers
import-ba-jobs FILE`, and the coordinator's upload page).

The file is JSON as saved from the job search API: the answer of `/pc/v4/jobs` (an object
whose `stellenangebote` lists the jobs), enriched with each job's details, or simply a list of
such jobs. Per job: `refnr` (the BA's reference number), `titel`, `beruf`, `hauptDkz`,
`arbeitgeber`, `arbeitsort` {`plz`, `ort`, `strasse`, …}, `angebotsart` (1 job,
2 self-employment, 4 vocational training, 34 internship), `arbeitszeitmodelle`,
`eintrittsdatum`, `fuerFluechtlingeGeeignet`, `sprachkenntnisse`, `fertigkeiten`. Nothing is
fetched: Lotse reads only the file it is given.

All or nothing: every job is checked first and problems are reported per job (its position
and reference number); only a file without problems is saved, in one transaction, each
vacancy through `services.vacancy_save` (audited). A job imported before (same `refnr` in the
network) is updated, so importing the same file twice changes nothing. The occupation is the
KldB 2010 code the taxonomy finds for `beruf` (else `titel`): the BA's `hauptDkz` is its own
documentation key, which the KldB does not know. Employers are found by name, else created.
"""

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.audit.services import audit_record
from lotse.core.errors import DomainError
from lotse.employers import services
from lotse.employers.batch import vacancies_imported, vacancy_batch
from lotse.employers.enums import VacancyKind, VacancySource, VacancyStatus, WorkingTime
from lotse.employers.models import Employer, Vacancy
from lotse.network.models import Network
from lotse.taxonomy.enums import System
from lotse.taxonomy.selectors import occupation_search

MAX_BYTES = 20 * 1024 * 1024
MAX_JOBS = 10_000

KINDS = {
    "1": VacancyKind.JOB,
    "2": VacancyKind.SELF_EMPLOYMENT,
    "4": VacancyKind.TRAINING_DUAL,
    "34": VacancyKind.INTERNSHIP,
}
# The BA's words for a level of German, and the CEFR level Lotse reads them as.
GERMAN_LEVELS = {
    "grundkenntnisse": "A2",
    "erweiterte kenntnisse": "B1",
    "gute kenntnisse": "B2",
    "verhandlungssicher": "C1",
    "expertenkenntnisse": "C1",
    "muttersprache": "C2",
}
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
TEXT_LIMITS = {"title": 200, "city": 100, "site": 200}


@dataclass(frozen=True)
class Problem:
    position: int | None  # the job's number in the file, from 1; None: the file as a whole
    reference: str
    message: str

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        if self.reference:
            return _("Job %(position)s (reference number %(refnr)s): %(message)s") % {
                "position": self.position,
                "refnr": self.reference,
                "message": self.message,
            }
        return _("Job %(position)s: %(message)s") % {
            "position": self.position,
            "message": self.message,
        }


class ImportRefusedError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    employers_created: int = 0


@dataclass
class Job:
    reference: str
    employer: str
    values: dict[str, Any] = field(default_factory=dict)
    employer_values: dict[str, Any] = field(default_factory=dict)


def _jobs_of(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("stellenangebote"), list):
        return list(data["stellenangebote"])
    if isinstance(data, list):
        return data
    raise ImportRefusedError(
        [
            Problem(
                None,
                "",
                _(
                    "The file is not a job search result of the Bundesagentur für Arbeit: it "
                    "has no list “stellenangebote”."
                ),
            )
        ]
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _kldb_for(*names: str) -> tuple[str, str] | None:
    """The KldB 2010 code (and ISCO) of the first name the taxonomy knows well: its label as
    written, starting so, or its words starting so ("Fachkraft - Lagerlogistik"); a guess by
    similarity is not good enough for an import."""
    for name in names:
        if not name:
            continue
        for hit in occupation_search(name, ["de"], limit=5):
            if hit.tier > 2:  # exact, label prefix or word prefixes; no typo guesses
                continue
            occupation = hit.occupation
            code = occupation.code if occupation.system == System.KLDB else occupation.kldb_code
            if len(code) == 5 and code.isdigit():
                return code, occupation.isco_code
    return None


def _german_level(languages: Any) -> tuple[str, str]:
    """(the CEFR level of German asked for, "") or ("", the problem)."""
    if not isinstance(languages, list):
        return "", ""
    for entry in languages:
        if isinstance(entry, str):
            name, level = entry, ""
        elif isinstance(entry, dict):
            name = _text(entry.get("hierarchieName") or entry.get("sprache") or entry.get("name"))
            level = _text(entry.get("auspraegung") or entry.get("niveau") or entry.get("level"))
        else:
            continue
        if not name.casefold().startswith("deutsch"):
            continue
        if not level:
            return "A2", ""
        if level.upper() in CEFR:
            return level.upper(), ""
        if level.casefold() in GERMAN_LEVELS:
            return GERMAN_LEVELS[level.casefold()], ""
        return "", _(
            "“%(level)s” is no level of German Lotse knows: a level of the Common European "
            "Framework (A1 to C2) or the Bundesagentur's words (Grundkenntnisse, Erweiterte "
            "Kenntnisse, Verhandlungssicher, Muttersprache)."
        ) % {"level": level}
    return "", ""


def _skills(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    names = []
    for entry in value:
        if isinstance(entry, str):
            names.append(entry.strip())
        elif isinstance(entry, dict):
            names.append(_text(entry.get("hierarchieName") or entry.get("name")))
    return [n for n in names if n]


def _check(position: int, raw: Any, seen: set[str]) -> tuple[Job | None, list[Problem]]:
    if not isinstance(raw, dict):
        return None, [Problem(position, "", _("A job is an object with named fields."))]
    reference = _text(raw.get("refnr"))
    problems: list[str] = []

    def problem(message: str) -> None:
        problems.append(message)

    if not reference:
        problem(_("The reference number (refnr) is missing."))
    elif len(reference) > 40:
        problem(_("The reference number (refnr) is longer than 40 characters."))
    elif reference in seen:
        problem(_("The reference number appears twice in the file."))
    seen.add(reference)
    title = _text(raw.get("titel"))
    if not title:
        problem(_("The title (titel) is missing."))
    employer = _text(raw.get("arbeitgeber"))
    if not employer:
        problem(_("The employer (arbeitgeber) is missing."))
    kind_code = str(raw.get("angebotsart", "")).strip()
    models_ = [str(m).upper() for m in raw.get("arbeitszeitmodelle") or [] if isinstance(m, str)]
    kind = KINDS.get(kind_code)
    if kind is None:
        problem(
            _(
                "Unknown kind of offer (angebotsart) “%(value)s”: 1 job, 2 self-employment, "
                "4 vocational training, 34 internship."
            )
            % {"value": kind_code}
        )
    elif kind == VacancyKind.JOB and "MINIJOB" in models_:
        kind = VacancyKind.MINI_JOB
    place = raw.get("arbeitsort") or {}
    if not isinstance(place, dict):
        problem(_("The place of work (arbeitsort) is not an object with plz and ort."))
        place = {}
    postcode = _text(place.get("plz"))
    if postcode and not (len(postcode) == 5 and postcode.isdigit()):
        problem(_("“%(value)s” is no German postcode.") % {"value": postcode})
        postcode = ""
    start = None
    start_text = _text(raw.get("eintrittsdatum"))
    if start_text:
        try:
            start = datetime.date.fromisoformat(start_text[:10])
        except ValueError:
            problem(
                _("The start date (eintrittsdatum) “%(value)s” is no date.") % {"value": start_text}
            )
    suitable = raw.get("fuerFluechtlingeGeeignet", False)
    if not isinstance(suitable, bool):
        problem(_("fuerFluechtlingeGeeignet is neither true nor false."))
    german, german_problem = _german_level(raw.get("sprachkenntnisse"))
    if german_problem:
        problem(german_problem)
    occupation = _kldb_for(_text(raw.get("beruf")), title)
    if occupation is None and title:
        problem(
            _("No KldB 2010 occupation is known for “%(name)s”.")
            % {"name": _text(raw.get("beruf")) or title}
        )
    if problems:
        return None, [Problem(position, reference, message) for message in problems]
    assert kind is not None
    assert occupation is not None
    has_full, has_part = "VOLLZEIT" in models_, any(m.startswith("TEILZEIT") for m in models_)
    working_time = (
        WorkingTime.EITHER
        if has_full and has_part
        else WorkingTime.PART_TIME
        if has_part or kind == VacancyKind.MINI_JOB
        else WorkingTime.FULL_TIME
    )
    skills = _skills(raw.get("fertigkeiten"))
    description = _text(raw.get("stellenbeschreibung"))
    if skills:
        description = "\n\n".join(
            d for d in (description, _("Skills: %(skills)s") % {"skills": ", ".join(skills)}) if d
        )
    city = _text(place.get("ort"))[: TEXT_LIMITS["city"]]
    site = ", ".join(p for p in (_text(place.get("strasse")), city) if p)[: TEXT_LIMITS["site"]]
    job = Job(
        reference=reference,
        employer=employer[:200],
        values={
            "kind": kind,
            "title": title[: TEXT_LIMITS["title"]],
            "description": description,
            "kldb_code": occupation[0],
            "isco_code": occupation[1],
            "postcode": postcode,
            "city": city,
            "site": site,
            "working_time": working_time,
            "shift_work": any("SCHICHT" in m for m in models_),
            "start_date": start,
            "min_german": german,
            "suitable_for_refugees": bool(suitable),
        },
        employer_values={"postcode": postcode, "city": city},
    )
    return job, []


def _not_json(error: UnicodeDecodeError | json.JSONDecodeError) -> str:
    """Where the file stops being JSON, in the reader's language (the parser's own words are
    English)."""
    if isinstance(error, json.JSONDecodeError):
        return _(
            "The file is not JSON (line %(line)s, column %(column)s), so it cannot be a job "
            "search result."
        ) % {"line": error.lineno, "column": error.colno}
    return _("The file is not text in UTF-8, so it cannot be a job search result.")


def parse(content: bytes) -> list[Job]:
    """The jobs of the file, each checked; ImportRefusedError lists every problem."""
    if len(content) > MAX_BYTES:
        raise ImportRefusedError(
            [Problem(None, "", _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES >> 20})]
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefusedError(
            [
                Problem(
                    None,
                    "",
                    _not_json(error),
                )
            ]
        ) from error
    raw_jobs = _jobs_of(data)
    if not raw_jobs:
        raise ImportRefusedError([Problem(None, "", _("The file lists no jobs."))])
    if len(raw_jobs) > MAX_JOBS:
        raise ImportRefusedError(
            [Problem(None, "", _("More than %(n)s jobs in one file.") % {"n": MAX_JOBS})]
        )
    jobs: list[Job] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_jobs, start=1):
        job, found = _check(position, raw, seen)
        problems.extend(found)
        if job is not None:
            jobs.append(job)
    if problems:
        raise ImportRefusedError(problems)
    return jobs


def _employers_by_name(network: Network, names: Iterable[str]) -> dict[str, Employer]:
    wanted = {name.casefold() for name in names}
    found: dict[str, Employer] = {}
    for employer in Employer.objects.filter(network=network).order_by("pk"):
        key = employer.name.casefold()
        if key in wanted:
            found.setdefault(key, employer)
    return found


def ba_jobs_import(*, actor: User, network: Network, content: bytes) -> ImportResult:
    """All or nothing (see the module's text)."""
    jobs = parse(content)
    result = ImportResult()
    new_open: list[int] = []
    with transaction.atomic(), vacancy_batch():
        employers = _employers_by_name(network, (job.employer for job in jobs))
        existing = {
            v.ba_reference: v
            for v in Vacancy.objects.filter(
                network=network, ba_reference__in=[job.reference for job in jobs]
            )
        }
        for position, job in enumerate(jobs, start=1):
            employer = employers.get(job.employer.casefold())
            if employer is None:
                employer = services.employer_save(
                    actor=actor,
                    network=network,
                    employer=Employer(name=job.employer, **job.employer_values),
                    expected_version=None,
                )
                employers[job.employer.casefold()] = employer
                result.employers_created += 1
            vacancy = existing.get(job.reference)
            if vacancy is None:
                vacancy = Vacancy(
                    ba_reference=job.reference,
                    source=VacancySource.BA,
                    status=VacancyStatus.OPEN,
                )
                result.created += 1
            elif all(getattr(vacancy, k) == v for k, v in job.values.items()):
                result.unchanged += 1
                continue
            else:
                result.updated += 1
            for name, value in job.values.items():
                setattr(vacancy, name, value)
            created = vacancy.pk is None
            try:
                services.vacancy_save(
                    actor=actor,
                    employer=employer,
                    vacancy=vacancy,
                    expected_version=vacancy.version if vacancy.pk else None,
                    audit_detail={"ba_reference": job.reference},
                )
            except DomainError as error:
                raise ImportRefusedError(
                    [Problem(position, job.reference, error.message)]
                ) from error
            if created and vacancy.status == VacancyStatus.OPEN:
                new_open.append(vacancy.pk)
        audit_record(
            actor=actor,
            action="employers.vacancies.imported",
            obj=None,
            network_id=network.pk,
            detail={"created": result.created, "updated": result.updated},
        )
        vacancies_imported.send(sender=Vacancy, network_id=network.pk, vacancy_ids=new_open)
    return result
