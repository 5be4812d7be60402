"""The responsibility map over HTTP: `GET /api/v1/responsibilities` (the caller's network) and
`GET /api/v1/participants/{id}/responsibilities` (who is responsible for this person, step by
step). Registered by the API package: `api.add_router("", responsibilities_router)`."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.params.functions import Path

from lotse.api.auth import api_auth
from lotse.api.schemas import Message, ValidationErrors
from lotse.offers.selectors import person_of
from lotse.participants.access import case_for_display
from lotse.responsibilities import selectors
from lotse.responsibilities.models import PathStep, Responsibility

router = Router(tags=["responsibilities"], auth=api_auth)
MAX_ID = 2**63 - 1
ParticipantId: Any = Path(..., ge=1, le=MAX_ID)


def _responsibility(r: Responsibility) -> dict[str, Any]:
    return {
        "id": r.pk,
        "version": r.version,
        "group": {
            "label": r.group,
            "legal_spheres": r.legal_spheres,
            "documents": r.documents,
            "min_age": r.min_age,
            "max_age": r.max_age,
            "district": r.district,
            "postcodes": r.postcodes,
        },
        "organisation_id": r.organisation_id,
        "organisation": r.organisation_name,
        "contact": r.contact,
        "phone": r.phone,
        "email": r.email,
        "channel_note": r.channel_note,
    }


def _step(step: PathStep) -> dict[str, Any]:
    return {
        "id": step.pk,
        "version": step.version,
        "position": step.position,
        "name": step.name,
        "description": step.description,
    }


@router.get(
    "/responsibilities",
    response={200: list[dict[str, Any]], 401: Message, 403: Message},
    summary="The network's path, each step with who is responsible for which group",
)
def responsibility_map(request: HttpRequest) -> Any:
    if not request.user.has_perm("responsibilities.view_map"):
        raise HttpError(403, _("Your account belongs to no network."))
    network = selectors.network_of(request.user)
    assert network is not None
    return [
        {
            **_step(step),
            "responsibilities": [_responsibility(r) for r in step.responsibilities.all()],
        }
        for step in selectors.path_of(network.pk)
    ]


@router.get(
    "/participants/{participant_id}/responsibilities",
    response={
        200: list[dict[str, Any]],
        401: Message,
        403: Message,
        404: Message,
        422: ValidationErrors,
    },
    summary="Who is responsible for each step of the path for this participant",
)
def responsibilities_for_participant(
    request: HttpRequest, participant_id: int = ParticipantId
) -> Any:
    # Roles without case files learn nothing about any participant: 403 whatever the id.
    if not request.user.has_perm("participants.run_intake"):
        raise HttpError(403, _("Your role has no access to case files."))
    case = case_for_display(
        request.user,
        participant_id,
        require="participants.view_case",
        action="responsibilities.participant.viewed",
        channel="api",
    )
    today = timezone.localdate()
    steps = selectors.path_of(case.participant.network_id)
    answers = selectors.responsible_for(person_of(case, today), steps, today)
    return [
        {
            **_step(answer.step),
            "responsible": [_responsibility(r) for r in answer.responsible],
            "possible": [
                {
                    **_responsibility(c.responsibility),
                    "unknown": [
                        {"criterion": u.criterion, "reason": u.reason.de} for u in c.unknowns
                    ],
                }
                for c in answer.possible
            ],
        }
        for answer in answers
    ]
