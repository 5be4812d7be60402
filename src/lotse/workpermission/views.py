import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record_many
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.legal import InputError, evaluate, parse_situation
from lotse.participants.access import case_for_display, case_for_request
from lotse.workpermission import forms, presentation, services
from lotse.workpermission.document_facts import COUNTING_DULDUNG
from lotse.workpermission.enums import Horizon
from lotse.workpermission.selectors import (
    facts_for,
    radar_entries,
    radar_participants,
    situation_for_participant,
)

BOX_ROWS = 5


def complete_url(participant_id: int, missing: list[str] | tuple[str, ...]) -> str:
    """The form that records the first missing input, at its field."""
    first = missing[0] if missing else ""
    if first == "nationality":
        return reverse("participants:edit", args=[participant_id]) + "#id_nationality"
    if first == "residence_permit_section":
        return reverse("participants:document_add", args=[participant_id])
    url = reverse("workpermission:facts_edit", args=[participant_id])
    return f"{url}#id_{first}" if first else url


@login_required
@require_GET
def assessment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The work-permission panel of a participant's current document, computed on each view.

    htmx (the slot on the participant page) gets the panel alone; without JavaScript the slot's
    link opens this view as a page of its own.
    """
    form = forms.ReferenceDateForm(request.GET)
    valid = form.is_valid()
    reference = form.reference() if valid else timezone.localdate()
    case = case_for_display(
        request.user,
        pk,
        require="workpermission.view_assessment",
        action="workpermission.assessment.viewed",
        reference_date=reference.isoformat(),
    )
    participant = case.participant
    facts = facts_for(participant)
    situation = situation_for_participant(participant, facts, reference)
    panel = None if situation is None else presentation.panel(evaluate(situation))
    context: dict[str, Any] = {
        "participant": participant,
        "case": case,
        "reference_form": form,
        "facts": facts,
        "panel": panel,
        "complete_url": complete_url(participant.pk, panel["missing_fields"])
        if panel and case.allows("workpermission.change_facts")
        else "",
    }
    template = "workpermission/assessment.html"
    if request.htmx:
        template = "workpermission/panel.html"
    return render(request, template, context, status=200 if valid else 400)


@login_required
@require_http_methods(["GET", "POST"])
def facts_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="workpermission.change_facts", form="facts")
    participant = case.participant
    facts = facts_for(participant)
    form = forms.ResidenceFactsForm(
        request.POST or None,
        initial=forms.ResidenceFactsForm.initial_from(facts),
        birth_date=participant.birth_date,
        version=None if facts is None else facts.version,
    )
    stays = forms.stays_formset(
        request.POST or None, facts.prior_stays if facts is not None else None
    )
    document = participant.current_document
    if (
        document is not None
        and document.issued_on is not None
        and document.document_type in COUNTING_DULDUNG
        and (facts is None or facts.duldung_since is None)
    ):
        # An offer, not a value: saving the form must not confirm a date nobody looked at.
        form.fields["duldung_since"].help_text = _(
            "The current Duldung was issued on %(date)s. If the person has held a Duldung "
            "without a gap since then, enter this date; if since earlier, the earlier one."
        ) % {"date": date_format(document.issued_on, "SHORT_DATE_FORMAT")}
    if request.method == "POST" and form.is_valid() and stays.is_valid():
        data = {**form.data_without_version(), "prior_stays": forms.stays_from(stays)}
        data["asylum_decision"] = data["asylum_decision"] or ""
        try:
            services.residence_facts_save(
                actor=request.user,
                participant=participant,
                data=data,
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The residence facts were saved."))
            # Back to the answer the facts changed. Without a fragment of its own the redirect
            # kept the form's ("#id_entry_date" from "complete now"), which the page lacks.
            return redirect(reverse("participants:detail", args=[pk]) + "#h-work-permission")
    return render(
        request,
        "workpermission/facts_form.html",
        {"participant": participant, "case": case, "form": form, "stays": stays},
    )


def radar_context(
    user: User | AnonymousUser, horizon_days: int, limit: int | None = None
) -> dict[str, Any]:
    """The deadline radar of a user's caseload, audited like a caseload listing: one row per
    person and event from recorded facts, and apart the people whose dates are missing.

    Also the context helper for the compact box on the caseload (`radar_box.html`).
    """
    today = timezone.localdate()
    result = radar_entries(radar_participants(user), today, horizon_days)
    entries, incomplete = result.entries, result.incomplete
    total = len(entries)
    shown = entries if limit is None else entries[:limit]
    shown_incomplete = incomplete if limit is None else []
    listed = list(
        dict.fromkeys(
            [e.participant_id for e in shown] + [p.participant_id for p in shown_incomplete]
        )
    )
    audit_record_many(
        actor=user,
        action="workpermission.radar.listed",
        participant_ids=listed,
        detail={"days": horizon_days},
    )
    de = presentation.language() == "de"
    rows = [
        {
            "participant_id": e.participant_id,
            "name": e.name,
            "file_number": e.file_number,
            "date": e.deadline.date,
            "kind": e.deadline.kind,
            "label": e.deadline.event_de if de else e.deadline.event_en,
            "opens": ", ".join(d.subject_de if de else d.subject_en for d in e.deadlines),
            "citation": "; ".join(dict.fromkeys(d.citation for d in e.deadlines)),
            "overdue": e.deadline.date < today,
        }
        for e in shown
    ]
    missing = [
        {
            "participant_id": p.participant_id,
            "name": p.name,
            "file_number": p.file_number,
            "fields": "; ".join(presentation.missing_label(name) for name in p.fields),
            "url": complete_url(p.participant_id, p.fields),
        }
        for p in shown_incomplete
    ]
    return {
        "radar_rows": rows,
        "radar_total": total,
        "radar_missing": missing,
        "radar_missing_total": len(incomplete),
        "radar_days": horizon_days,
        "today": today,
    }


@login_required
@require_GET
@permission_required("participants.run_intake", raise_exception=True)
def radar(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.RadarFilterForm(request.GET)
    horizon = form.horizon() if form.is_valid() else Horizon.DAYS_30
    if request.GET.get("box"):
        # The caseload loads this box in a second request, so the list itself stays fast.
        return render(
            request,
            "workpermission/radar_box.html",
            radar_context(request.user, horizon, limit=BOX_ROWS),
        )
    context = {"form": form, **radar_context(request.user, horizon)}
    return render(request, "workpermission/radar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("participants.run_intake", raise_exception=True)
def try_situation(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A situation without a participant (a question on the phone). Nothing is stored."""
    form = forms.TrySituationForm(
        request.POST or None, initial={"reference_date": timezone.localdate()}
    )
    stays = forms.stays_formset(request.POST or None)
    context: dict[str, Any] = {"form": form, "stays": stays, "panel": None}
    if request.method == "POST" and form.is_valid() and stays.is_valid():
        contract = form.contract(forms.stays_from(stays))
        try:
            situation = parse_situation(contract)
        except InputError as error:
            form.add_error(None, f"{error.field}: {error.message}")
        else:
            panel = context["panel"] = presentation.panel(evaluate(situation))
            # What is missing is completed in the form below the answer.
            first = next((n for n in panel["missing_fields"] if n in form.fields), None)
            context["complete_url"] = f"#id_{first}" if first else ""
            context["contract"] = json.dumps(contract, indent=2, ensure_ascii=False)
    return render(request, "workpermission/try.html", context)
