from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record_many
from lotse.core.http import AuthenticatedHttpRequest
from lotse.participants.access import case_for_display
from lotse.placements.matches import selectors, services


@login_required
@require_GET
def participant_matches(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The open vacancies of the network that fit the participant, best first, with what speaks
    for and against each, and the vacancies the hard filters exclude, with why."""
    case = case_for_display(
        request.user, pk, require="participants.view_case", action="matches.vacancies.viewed"
    )
    today = timezone.localdate()
    found = selectors.vacancy_matches(case, today)
    services.new_matches_seen(case=case, today=today)
    return render(
        request,
        "matches/participant.html",
        {
            "case": case,
            "matches": found.matches,
            "excluded": found.excluded,
            "can_place": case.allows("participants.change_case"),
            "preparing": selectors.offers_to_prepare(case, found, today),
        },
    )


@login_required
@require_GET
@permission_required("matches.view_candidates", raise_exception=True)
def vacancy_candidates(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The participants the user may see, ranked for the vacancy; other organisations'
    candidates as anonymous profiles with their counsellor's contact."""
    vacancy = get_object_or_404(
        selectors.network_vacancies(request.user).select_related("employer"), pk=pk
    )
    found = selectors.candidates_for(request.user, vacancy, timezone.localdate())
    audit_record_many(
        actor=request.user,
        action="matches.candidate.listed",
        participant_ids=[c.participant.pk for c in found.visible]
        + [c.participant.pk for c in found.excluded],
        detail={"vacancy": vacancy.pk},
    )
    audit_record_many(
        actor=request.user,
        action="matches.candidate.anonymous_listed",
        participant_ids=[a.participant_id for a in found.anonymous],
        detail={"vacancy": vacancy.pk},
    )
    return render(
        request,
        "matches/vacancy.html",
        {
            "vacancy": vacancy,
            "candidates": found.visible,
            "excluded": found.excluded,
            "anonymous": found.anonymous,
        },
    )
