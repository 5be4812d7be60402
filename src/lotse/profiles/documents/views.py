"""Downloads of the CV and the career plan agreement.

Same access as the profile section (case owner and organisations the case is shared with);
every download writes an audit event that names the format and the parts, never their
content.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lotse.audit.services import audit_record
from lotse.core.downloads import download
from lotse.participants.access import case_for_request, participant_for_user
from lotse.profiles import presentation
from lotse.profiles.documents.cv import cv_content, cv_docx, cv_pdf
from lotse.profiles.documents.forms import CvForm, PlanForm
from lotse.profiles.documents.plan import plan_pdf
from lotse.profiles.participant_texts import LANGUAGES
from lotse.profiles.selectors import goals_of, profile_of

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def cv(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: choose what goes into the CV; POST: the CV as PDF or DOCX."""
    case = case_for_request(request, pk, require="profiles.view_profile", form="cv")
    participant = case.participant
    form = CvForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        sections = form.cleaned_data["sections"]
        photo = form.cleaned_data["photo"]
        kind = form.cleaned_data["format"]
        content = cv_content(
            participant,
            profile_of(participant),
            sections=sections,
            photo=photo,
            today=timezone.localdate(),
        )
        audit_record(
            actor=request.user,
            action="profiles.cv.exported",
            obj=participant,
            participant_id=participant.pk,
            detail={
                "access": case.kind.value,
                "format": kind,
                "sections": list(content.included),
                "photo": photo is not None,
            },
        )
        if kind == "docx":
            return download(cv_docx(content), DOCX, f"Lebenslauf_{participant.file_number}.docx")
        return download(cv_pdf(content), PDF, f"Lebenslauf_{participant.file_number}.pdf")
    context = {"participant": participant, "access": case.kind.value, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "profiles/documents/cv_form.html", context, status=status)


@login_required
@never_cache
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The career plan agreement as PDF; `?language=` one of ar, fa, uk, en."""
    case = participant_for_user(request.user, pk, require="profiles.view_profile")
    participant = case.participant
    form = PlanForm(request.GET)
    if not form.is_valid():
        return HttpResponse(
            _("Choose one of these languages: %(languages)s.")
            % {"languages": ", ".join(LANGUAGES)},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    language = form.cleaned_data["language"] or presentation.default_language(participant)
    goals = goals_of(participant)
    audit_record(
        actor=request.user,
        action="profiles.plan.exported",
        obj=participant,
        participant_id=participant.pk,
        detail={
            "access": case.kind.value,
            "format": "pdf",
            "language": language,
            "sections": ["goals", "steps"],
        },
    )
    content = plan_pdf(participant, goals, language=language, today=timezone.localdate())
    return download(content, PDF, f"Vereinbarung_{participant.file_number}_{language}.pdf")
