"""The profile section of the participant page, edited in place with htmx.

Every part (languages, education, …) is a `<div id="profile-<kind>">` that its add/edit/delete
forms replace (hx-target) and that the server renders again after a save. Without JavaScript the
same URLs answer with whole pages and redirect back to the profile page.
"""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record
from lotse.core.errors import StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.participants.access import CaseAccess, case_for_display, participant_for_user
from lotse.participants.models import Participant
from lotse.profiles import presentation
from lotse.profiles.forms import SideBySideForm
from lotse.profiles.parts import PARTS, Part, part_for
from lotse.profiles.selectors import profile_of
from lotse.profiles.services import ProfileValidationError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HEALTH_VIEWED = "profiles.health.viewed"
PROFILE_VIEWED = "profiles.profile.viewed"


def _require(part: Part, *, edit: bool = False) -> str:
    # Health data (Art. 9 GDPR) and every change belong to the case owner alone.
    if edit:
        return "profiles.change_profile"
    return "profiles.view_health" if part.health else "profiles.view_profile"


def _display(
    request: AuthenticatedHttpRequest, pk: int, part: Part, *, edit: bool = False, **detail: Any
) -> CaseAccess:
    """The case to show `part` of, with its audit event: health data has its own."""
    require = _require(part, edit=edit)
    if part.health:
        return case_for_display(request.user, pk, require=require, action=HEALTH_VIEWED, **detail)
    return case_for_display(
        request.user, pk, require=require, action=PROFILE_VIEWED, part=part.target, **detail
    )


def _audit_health(
    request: AuthenticatedHttpRequest, participant: Participant, **detail: Any
) -> None:
    audit_record(
        actor=request.user,
        action=HEALTH_VIEWED,
        obj=participant,
        participant_id=participant.pk,
        detail=detail,
    )


def _part_context(case: CaseAccess, part: Part) -> dict[str, Any]:
    return {
        "participant": case.participant,
        "case": case,
        "part": part,
        "items": part.items(case.participant),
        "parts": PARTS,
        "today": timezone.localdate(),
    }


def _profile_url(participant: Participant, part: Part | None = None) -> str:
    url = reverse("profiles:profile", args=[participant.pk])
    return f"{url}#profile-{part.target}" if part else url


@login_required
@require_GET
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The whole section: loaded by htmx into the participant page, or a page of its own."""
    case = case_for_display(
        request.user, pk, require="profiles.view_profile", action=PROFILE_VIEWED
    )
    context = {
        "participant": case.participant,
        "case": case,
        "profile": profile_of(case.participant),
        "parts": PARTS,
        "today": timezone.localdate(),
    }
    template = "profiles/section.html" if request.htmx else "profiles/profile_page.html"
    return render(request, template, context)


@login_required
@require_GET
def part(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """One part of the section (after "cancel", or to show the health restrictions)."""
    spec = part_for(kind)
    case = _display(request, pk, spec)
    spec = PARTS[spec.target]
    context = _part_context(case, spec)
    if request.htmx:
        return render(request, "profiles/part.html", context)
    return render(request, "profiles/part_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(
    request: AuthenticatedHttpRequest, pk: int, kind: str, item_pk: int | None = None
) -> HttpResponse:
    spec = part_for(kind)
    # A form shows the case's name and file number, and an entry's data: its GET is a view.
    if request.method == "GET":
        case = _display(request, pk, spec, edit=True, form=spec.kind, item=item_pk)
    else:
        case = participant_for_user(request.user, pk, require=_require(spec, edit=True))
    participant = case.participant
    item = spec.items(participant) if spec.singleton else None
    if item_pk is not None and not spec.singleton:
        item = spec.item(participant, item_pk)
    initial = {}
    if spec.kind == "steps" and request.GET.get("goal", "").isdigit():
        initial["goal"] = int(request.GET["goal"])
    form = spec.form(request.POST or None, participant=participant, instance=item, initial=initial)
    # Only forms that create carry a key (item_form.html); edits are guarded by the version.
    if request.method == "POST" and already_submitted(request):
        return _after_change(request, case, spec, ALREADY_SAVED, notice=True)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _after_change(request, case, spec, ALREADY_SAVED, notice=True)
                spec.save(
                    actor=request.user,
                    participant=participant,
                    data=form.data_for_service(),
                    item=item,
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except ProfileValidationError as error:
            for field, field_errors in error.errors.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return _after_change(request, case, spec, _("%(part)s: saved.") % {"part": spec.title})
    context = {
        "participant": participant,
        "case": case,
        "part": spec,
        "form": form,
        "item": item,
        "action": request.get_full_path(),
    }
    template = "profiles/item_form.html" if request.htmx else "profiles/item_page.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(
    request: AuthenticatedHttpRequest, pk: int, kind: str, item_pk: int
) -> HttpResponse:
    spec = part_for(kind)
    if spec.delete is None:
        # A part that is edited, never deleted (resources): no item to delete, whatever the id.
        raise Http404
    # The confirmation names the entry (a health restriction too): its GET is a view.
    if request.method == "GET":
        case = _display(request, pk, spec, edit=True, form="delete", item=item_pk)
    else:
        case = participant_for_user(request.user, pk, require="profiles.change_profile")
    participant = case.participant
    item = spec.item(participant, item_pk)
    if request.method == "POST":
        spec.delete(actor=request.user, participant=participant, item=item)
        return _after_change(request, case, spec, _("%(part)s: deleted.") % {"part": spec.title})
    context = {
        "participant": participant,
        "case": case,
        "part": spec,
        "item": item,
        "delete": True,
        "action": request.get_full_path(),
    }
    template = "profiles/item_form.html" if request.htmx else "profiles/item_page.html"
    return render(request, template, context)


def _after_change(
    request: AuthenticatedHttpRequest,
    case: CaseAccess,
    spec: Part,
    message: "StrOrPromise",
    *,
    notice: bool = False,
) -> HttpResponse:
    """The part again with the confirmation in it (htmx), or the profile page at that part;
    `notice` marks a message the counsellor must not miss (a second click that saved nothing)."""
    if request.htmx:
        target = PARTS[spec.target]
        if target.health:
            _audit_health(request, case.participant)
        context = _part_context(case, target)
        # The form is gone: the confirmation stands in its place and takes the focus.
        context["notice"] = message
        context["notice_level"] = "info" if notice else "success"
        return render(request, "profiles/part.html", context)
    (messages.info if notice else messages.success)(request, message)
    return redirect(_profile_url(case.participant, spec))


@login_required
@require_GET
def side_by_side(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The profile in German and in the participant's language, to check it together."""
    case = participant_for_user(request.user, pk, require="profiles.view_profile")
    participant = case.participant
    data = request.GET.copy()
    # The participant's language, and the select shows it, until the counsellor picks another.
    data.setdefault("language", presentation.default_language(participant))
    form = SideBySideForm(data)
    valid = form.is_valid()
    language = (
        form.cleaned_data.get("language") if valid else ""
    ) or presentation.default_language(participant)
    # Audited with the language it was shown in, known only once the form is read.
    audit_record(
        actor=request.user,
        action=PROFILE_VIEWED,
        obj=participant,
        participant_id=participant.pk,
        detail={"access": case.kind.value, "view": "side_by_side", "language": language},
    )
    profile_data = profile_of(participant)
    context = {
        "participant": participant,
        "case": case,
        "form": form,
        "columns": [
            presentation.column(participant, profile_data, "de"),
            presentation.column(participant, profile_data, language),
        ],
    }
    return render(request, "profiles/side_by_side.html", context, status=200 if valid else 400)


@login_required
@require_GET
@permission_required("participants.run_intake", raise_exception=True)
def occupation_suggest(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Options for the occupation field's datalist; reference data, nothing personal."""
    from lotse.taxonomy.selectors import occupation_search

    query = (request.GET.get("label") or request.GET.get("q") or "").strip()[:100]
    hits = occupation_search(query, limit=10) if len(query) >= 2 else []
    return render(request, "profiles/occupation_options.html", {"hits": hits})
