"""The side-by-side view: the same profile as rows of (label, value) in one language.

Labels, choice values and the sentences around values come from `participant_texts` (gettext,
in that language); country and language names from the ISO data in that language. Text typed
by people (tasks, certificate names) is shown as typed in both columns. Health restrictions
are never part of it.
"""

import datetime
from typing import Any

from django.utils import translation

from lotse.core import reference
from lotse.participants.models import Participant
from lotse.profiles.enums import CertificateKind, kldb_level
from lotse.profiles.participant_texts import LANGUAGES, direction, texts
from lotse.profiles.selectors import Profile


def default_language(participant: Participant) -> str:
    preferred = participant.preferred_language
    if preferred == "prs":
        return "fa"
    return preferred if preferred in LANGUAGES else "en"


def _month(value: datetime.date | None) -> str:
    return value.strftime("%m/%Y") if value else ""


def _period(start: object, end: object, t: dict[str, str]) -> str:
    return f"{start}–{end}" if end else t["period_ongoing"] % {"start": start}


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def column(participant: Participant, profile: Profile, language: str) -> dict[str, Any]:
    t = texts(language)

    def enum(prefix: str, value: Any) -> str:
        return t.get(f"{prefix}.{value}", str(value)) if value not in (None, "") else "–"

    def yes_no(value: bool | None) -> str:
        return t["unknown"] if value is None else t["yes"] if value else t["no"]

    with translation.override(language):
        sections = [
            (
                "languages",
                [
                    [
                        (t["language"], reference.language_name(s.language)),
                        (t["level"], enum("cefr", s.level) if s.level == "native" else s.level),
                        *(
                            (t[name], getattr(s, name))
                            for name in ("listening", "reading", "speaking", "writing")
                            if getattr(s, name)
                        ),
                    ]
                    for s in profile.languages
                ],
            ),
            (
                "certificates",
                [
                    [
                        (t["certificate"], c.name or _certificate_kind(c.kind, t)),
                        (t["language"], reference.language_name(c.language)),
                        (t["level"], c.level),
                        (t["date"], _day(c.issued_on)),
                    ]
                    for c in profile.certificates
                ],
            ),
            (
                "courses",
                [
                    [
                        (t["course"], enum("course", c.kind)),
                        (t["status"], enum("course_status", c.status)),
                        *([(t["level"], c.target_level)] if c.target_level else []),
                    ]
                    for c in profile.courses
                ],
            ),
            (
                "education",
                [
                    [
                        (t["country"], reference.country_name(e.country)),
                        (t["period"], _period(e.from_year, e.to_year, t)),
                        (t["isced"], enum("isced", e.isced_level)),
                        *([(t["certificate"], e.certificate)] if e.certificate else []),
                        (t["documents"], yes_no(e.documents_exist)),
                        *(
                            [(t["german_equivalent"], e.german_equivalent)]
                            if e.german_equivalent
                            else []
                        ),
                    ]
                    for e in profile.education
                ],
            ),
            (
                "recognition",
                [
                    [
                        (t["qualification"], r.qualification),
                        *(
                            [(t["reference_occupation"], r.reference_label)]
                            if r.reference_label
                            else []
                        ),
                        (t["status"], enum("rec_status", r.status)),
                        *([(t["result"], enum("rec_result", r.result))] if r.result else []),
                        *(
                            [(t["measures"], r.adaptation_measures)]
                            if r.adaptation_measures
                            else []
                        ),
                    ]
                    for r in profile.recognition
                ],
            ),
            (
                "work",
                [
                    [
                        (t["occupation"], w.label),
                        (t["kldb_level"], enum("kldb", int(kldb_level(w.kldb_code) or 0) or "")),
                        (t["country"], reference.country_name(w.country)),
                        (t["period"], _period(_month(w.started_on), _month(w.ended_on), t)),
                        *([(t["tasks"], w.tasks)] if w.tasks else []),
                        *([(t["informal"], t["yes"])] if w.informal else []),
                    ]
                    for w in profile.work
                ],
            ),
            (
                "skills",
                [
                    [(t["skill"], s.label), (t["evidence"], enum("evidence", s.evidence))]
                    for s in profile.skills
                ],
            ),
            ("desired", [[(t["occupation"], d.label)] for d in profile.desired]),
            ("resources", _resources(profile, t, enum, yes_no)),
            (
                "goals",
                [
                    [
                        (
                            t["goal"],
                            t["goal_line"]
                            % {"goal": enum("goal", g.kind), "target": g.target_label},
                        ),
                        (t["target_date"], _day(g.target_date)),
                        (t["status"], enum("goal_status", g.status)),
                        *(
                            (
                                t["step"],
                                t["step_line"]
                                % {
                                    "step": s.description,
                                    "responsible": _responsible(s),
                                    "due": _day(s.due_on),
                                    "status": enum("step_status", s.status),
                                },
                            )
                            for s in g.steps.all()
                        ),
                    ]
                    for g in profile.goals
                ],
            ),
            (
                "activities",
                [
                    [
                        (t["date"], _day(a.took_place_on)),
                        (
                            t["content"],
                            t["activity_line"]
                            % {"activity": enum("activity", a.kind), "content": a.content},
                        ),
                    ]
                    for a in profile.activities
                ],
            ),
        ]
    return {
        "lang": language,
        "dir": direction(language),
        "title": t["profile"],
        "nothing": t["nothing"],
        "sections": [{"key": key, "title": t[key], "entries": rows} for key, rows in sections],
    }


def _certificate_kind(kind: str, t: dict[str, str]) -> str:
    return t["cert.other"] if kind == "other" else str(CertificateKind(kind).label)


def _responsible(step: Any) -> str:
    person = step.assignee_name
    if step.assignee is not None:
        person = step.assignee.get_full_name() or step.assignee.get_username()
    organisation = step.organisation.name
    return f"{person} ({organisation})" if person else organisation


def _resources(profile: Profile, t: dict[str, str], enum: Any, yes_no: Any) -> list[Any]:
    r = profile.resources
    if r is None:
        return []
    rows = [
        (t["literacy"], enum("literacy", r.latin_literacy)),
        (t["driving_licences"], ", ".join(r.driving_licences) or "–"),
        (t["childcare"], yes_no(r.childcare_duties)),
        (t["hours"], str(r.hours_per_week) if r.hours_per_week is not None else "–"),
        (t["shift_work"], yes_no(r.shift_work)),
        (t["mobility"], ", ".join(enum("mobility", m) for m in r.mobility) or "–"),
    ]
    if r.desired_regions:
        rows.append((t["regions"], r.desired_regions))
    return [rows]
