"""`GET /api/v1/participants/{id}/vacancy-matches` and `GET /api/v1/vacancies/{id}/candidates`:
the pages' rankings as JSON, each item with `score`, `reasons_for`, `reasons_against`, and an
`excluded` list with the reasons. Registered in `lotse/api_urls.py`."""

from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.params import functions as param

from lotse.api.schemas import Message, ValidationErrors
from lotse.audit.services import audit_record_many
from lotse.participants.access import case_for_display
from lotse.placements.matches import selectors
from lotse.placements.matching import Reason

router = Router(tags=["matching"])

MAX_ID = 2**63 - 1
ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message, 422: ValidationErrors}
ParticipantId: Any = param.Path(..., ge=1, le=MAX_ID)
VacancyId: Any = param.Path(..., ge=1, le=MAX_ID)


class ReasonOut(Schema):
    code: str
    de: str
    en: str


class VacancyRef(Schema):
    id: int
    title: str
    employer: str
    kind: str
    kldb_code: str
    start_date: str | None
    city: str


class VacancyMatchOut(Schema):
    vacancy: VacancyRef
    score: int
    reasons_for: list[ReasonOut]
    reasons_against: list[ReasonOut]


class ExcludedVacancyOut(Schema):
    vacancy: VacancyRef
    reasons: list[ReasonOut]


class VacancyMatches(Schema):
    items: list[VacancyMatchOut]
    excluded: list[ExcludedVacancyOut]


class ParticipantRef(Schema):
    id: int
    name: str
    file_number: str


class CandidateOut(Schema):
    participant: ParticipantRef
    score: int
    reasons_for: list[ReasonOut]
    reasons_against: list[ReasonOut]


class ExcludedCandidateOut(Schema):
    participant: ParticipantRef
    reasons: list[ReasonOut]


class LanguageOut(Schema):
    language: str
    level: str


class ExperienceOut(Schema):
    label: str
    kldb_code: str
    months: int


class AnonymousOut(Schema):
    """Another organisation's candidate: no name, no file number, no id; ask the counsellor."""

    score: int
    german: str
    languages: list[LanguageOut]
    experience: list[ExperienceOut]
    hours_per_week: int | None
    organisation: str
    counsellor: str
    contact_email: str
    contact_phone: str


class Candidates(Schema):
    items: list[CandidateOut]
    anonymous: list[AnonymousOut]
    excluded: list[ExcludedCandidateOut]


def _reasons(reasons: tuple[Reason, ...]) -> list[dict[str, str]]:
    return [r.to_json() for r in reasons]


def _vacancy(vacancy: Any) -> dict[str, Any]:
    return {
        "id": vacancy.pk,
        "title": vacancy.title,
        "employer": vacancy.employer.name,
        "kind": vacancy.kind,
        "kldb_code": vacancy.kldb_code,
        "start_date": vacancy.start_date.isoformat() if vacancy.start_date else None,
        "city": vacancy.city,
    }


def _participant(participant: Any) -> dict[str, Any]:
    return {
        "id": participant.pk,
        "name": f"{participant.first_names} {participant.last_name}",
        "file_number": participant.file_number,
    }


def _case_role(request: HttpRequest, permission: str) -> None:
    # Roles without case files learn nothing about any participant: 403 whatever the id.
    if not request.user.has_perm(permission):
        raise HttpError(403, _("Your role has no access to case files."))


@router.get(
    "/participants/{participant_id}/vacancy-matches",
    response={200: VacancyMatches, **ERRORS},
    summary="Open vacancies that fit a participant, ranked and explained",
    description="The network's open vacancies the participant may take (the work-permission "
    "answer for the vacancy's activity on its start date, German level, driving licences, "
    "hours, region), best first, at most 20, each with `score` (0–100) and the reasons for and "
    "against in German and English; `excluded`: vacancies ruled out, with every reason.",
)
def vacancy_matches(request: HttpRequest, participant_id: int = ParticipantId) -> Any:
    _case_role(request, "participants.list_participants")
    case = case_for_display(
        request.user,
        participant_id,
        require="participants.view_case",
        action="matches.vacancies.viewed",
        channel="api",
    )
    found = selectors.vacancy_matches(case, timezone.localdate())
    return {
        "items": [
            {
                "vacancy": _vacancy(vacancy),
                "score": match.score,
                "reasons_for": _reasons(match.reasons_for),
                "reasons_against": _reasons(match.reasons_against),
            }
            for match, vacancy in found.matches
        ],
        "excluded": [
            {"vacancy": _vacancy(vacancy), "reasons": _reasons(exclusion.reasons)}
            for exclusion, vacancy in found.excluded
        ],
    }


@router.get(
    "/vacancies/{vacancy_id}/candidates",
    response={200: Candidates, **ERRORS},
    summary="Participants who fit a vacancy, ranked and explained",
    description="The participants you may see, ranked for the vacancy with `score` and reasons "
    "for and against; `anonymous`: candidates of other partner organisations whose consent to "
    "contact with employers covers yours, without name, with their counsellor's contact; "
    "`excluded`: visible participants ruled out, with every reason.",
)
def vacancy_candidates(request: HttpRequest, vacancy_id: int = VacancyId) -> Any:
    _case_role(request, "matches.view_candidates")
    user = request.user
    assert isinstance(user, User)  # the API's authentication let no anonymous caller through
    vacancy = (
        selectors.network_vacancies(user).select_related("employer").filter(pk=vacancy_id).first()
    )
    if vacancy is None:
        raise Http404
    found = selectors.candidates_for(user, vacancy, timezone.localdate())
    audit_record_many(
        actor=request.user,
        action="matches.candidate.listed",
        participant_ids=[c.participant.pk for c in found.visible]
        + [c.participant.pk for c in found.excluded],
        detail={"vacancy": vacancy.pk, "channel": "api"},
    )
    audit_record_many(
        actor=request.user,
        action="matches.candidate.anonymous_listed",
        participant_ids=[a.participant_id for a in found.anonymous],
        detail={"vacancy": vacancy.pk, "channel": "api"},
    )
    return {
        "items": [
            {
                "participant": _participant(c.participant),
                "score": c.match.score,
                "reasons_for": _reasons(c.match.reasons_for),
                "reasons_against": _reasons(c.match.reasons_against),
            }
            for c in found.visible
        ],
        "anonymous": [
            {
                "score": a.match.score,
                "german": a.german,
                "languages": [{"language": code, "level": lv} for code, lv in a.languages],
                "experience": [
                    {"label": label, "kldb_code": code, "months": months}
                    for label, code, months in a.experience
                ],
                "hours_per_week": a.hours,
                "organisation": a.organisation,
                "counsellor": a.counsellor_name,
                "contact_email": a.counsellor_email,
                "contact_phone": a.organisation_phone,
            }
            for a in found.anonymous
        ],
        "excluded": [
            {"participant": _participant(c.participant), "reasons": _reasons(c.exclusion.reasons)}
            for c in found.excluded
        ],
    }
