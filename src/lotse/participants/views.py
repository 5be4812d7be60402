import datetime
import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record, audit_record_many
from lotse.core.access import membership_of
from lotse.core.errors import DomainError
from lotse.core.formats import alphabetical, short_date
from lotse.core.submissions import first_submission
from lotse.network.enums import Role
from lotse.network.models import Membership
from lotse.participants import forms, services
from lotse.participants.case_file import CaseFile, CoveringConsent, read_case_file
from lotse.participants.caseload import EXPIRY_WARNING_DAYS, caseload_rows
from lotse.participants.enums import document_title
from lotse.participants.models import (
    Consent,
    IntakeDraft,
    NextStep,
    Participant,
    ResidenceDocument,
    Share,
)
from lotse.participants.selectors import (
    SHARING_PURPOSES,
    Access,
    MergedIds,
    participant_for_user,
    search_participants,
    valid_consents,
    visible_participant_parts,
)
from lotse.participants.timeline import participant_timeline

PAGE_SIZE = 50
OWNER_ONLY = frozenset({Access.OWNER})
CASE_ACCESS = frozenset({Access.OWNER, Access.SHARED})


@login_required
@permission_required("participants.list_participants", raise_exception=True)
def caseload(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    assert membership is not None
    is_volunteer = membership.role == Role.VOLUNTEER
    data = request.GET.copy()
    # A counsellor starts with their own participants, a team lead with the organisation's;
    # cases other organisations share with it are a choice of the filter.
    starting_view = (
        "" if is_volunteer else "me" if membership.role == Role.COUNSELLOR else "organisation"
    )
    data.setdefault("counsellor", starting_view)
    form = forms.CaseloadFilterForm(data, organisation=membership.organisation)
    form.is_valid()
    # A field in error is left out, its message shown: the list stays the usual one and never
    # widens because of a typo (the other fields still apply).
    filters = {
        "q": "",
        "status": "",
        "site": None,
        "counsellor": starting_view,
        "expiring": False,
        **form.cleaned_data,
    }
    query = filters["q"]
    # Cases shared into this organisation have their counsellor in the owning one.
    own_only = filters["counsellor"] not in ("", "shared")
    visible = visible_participant_parts(request.user, with_shared=not own_only)
    if is_volunteer:
        # Volunteers see contact data only: filters on case data would reveal it by their hits.
        parts = visible.narrowed(lambda part: search_participants(part, query, names_only=True))
    else:
        parts = visible.narrowed(lambda part: _filtered(part, filters, membership))
    # Page over ids first: the database reads narrow index entries, and only the 50 rows shown
    # are joined and annotated.
    ordering = ("last_name", "first_names", "pk")
    page = Paginator(MergedIds(parts, ordering), PAGE_SIZE).get_page(request.GET.get("page"))
    # The rows are read from what the user may see, limited to the page's ids.
    shown = visible.own if visible.shared is None else visible.own | visible.shared
    rows = caseload_rows(
        shown.filter(pk__in=page.object_list),
        ordering=ordering,
        own_organisation_id=membership.organisation_id,
        today=timezone.localdate(),
        contact_data_only=is_volunteer,
    )
    audit_record_many(
        actor=request.user,
        action=(
            "participants.participant.search_hit" if query else "participants.participant.listed"
        ),
        participant_ids=rows.participant_ids,
        detail={"query_length": len(query)} if query else None,
    )
    context = {
        # A team lead's whole organisation, or shared cases, are not "my participants".
        "heading": _("My participants")
        if is_volunteer or filters["counsellor"] in ("me", str(membership.user_id))
        else _("Participants"),
        "form": form,
        "page": page,
        "rows": rows,
        "is_volunteer": is_volunteer,
        "querystring": _without_page(request),
    }
    template = "participants/caseload.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _filtered(
    participants: QuerySet[Participant], filters: dict[str, Any], membership: Membership
) -> QuerySet[Participant]:
    participants = search_participants(participants, filters["q"])
    if filters["status"]:
        participants = participants.filter(status=filters["status"])
    if filters["site"]:
        participants = participants.filter(site_id=filters["site"])
    # "organisation" and "" need no filter here: the own part is the organisation's, and only
    # "" keeps the shared part (see caseload).
    counsellor = filters["counsellor"]
    if counsellor == "me":
        participants = participants.filter(counsellor_id=membership.user_id)
    elif counsellor == "shared":
        # Cases other organisations share with this one: they have no counsellor here.
        participants = participants.exclude(organisation_id=membership.organisation_id)
    elif counsellor not in ("", "organisation"):
        participants = participants.filter(counsellor_id=counsellor)
    if filters["expiring"]:
        # Expired documents too: they need action sooner than those about to expire.
        participants = participants.filter(
            document_valid_until__lte=timezone.localdate()
            + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        )
    return participants


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant, access = participant_for_user(request.user, pk)
    audit_record(
        actor=request.user,
        action="participants.participant.viewed",
        obj=participant,
        participant_id=participant.pk,
        detail={"access": access.value},
    )
    context: dict[str, Any] = {"participant": participant, "access": access.value}
    if access is Access.VOLUNTEER:
        return render(request, "participants/detail_volunteer.html", context)
    today = timezone.localdate()
    membership = membership_of(request.user)
    case_file = read_case_file(participant, whole=access is Access.OWNER)
    timeline = participant_timeline(participant, case_file)
    context.update(
        detail_url=reverse("participants:detail", args=[participant.pk]),
        documents=_document_cards(case_file.documents, today),
        children=", ".join(str(year) for year in case_file.children),
        timeline=timeline.entries,
        open_steps=[
            (step, _may_complete(step.contact_organisation_id, access, membership))
            for step in timeline.open_steps
        ],
        today=today,
    )
    if access is Access.OWNER:
        context.update(
            consents=_consent_rows(case_file.consents, today),
            shares=_share_states(case_file, today),
            volunteers=case_file.volunteers,
        )
    return render(request, "participants/detail.html", context)


def _document_cards(
    documents: list[ResidenceDocument], today: datetime.date
) -> list[dict[str, Any]]:
    """The documents as display text, newest first; `state` ("", "expiring" or "expired", a CSS
    modifier) only for the current one."""
    warning_until = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    cards = []
    for index, d in enumerate(documents):
        state = ""
        if index == 0 and d.valid_until:
            if d.valid_until < today:
                state = "expired"
            elif d.valid_until <= warning_until:
                state = "expiring"
        cards.append(
            {
                "label": document_title(d.document_type, d.section),
                "issued_on": short_date(d.issued_on),
                "valid_until": short_date(d.valid_until),
                "annotation": d.annotation,
                "state": state,
            }
        )
    return cards


def _may_complete(
    contact_organisation_id: int | None, access: Access, membership: Membership | None
) -> bool:
    """The owner completes any step; a sharing organisation only the steps of its own contacts
    (`contact_organisation_id`: the organisation that recorded the step's contact, if any)."""
    if access is Access.OWNER:
        return True
    return (
        contact_organisation_id is not None
        and membership is not None
        and contact_organisation_id == membership.organisation_id
    )


def _consent_rows(consents: list[CoveringConsent], today: datetime.date) -> list[dict[str, Any]]:
    """The case file's consents as display text."""
    return [
        {
            "pk": c.pk,
            "purpose": c.get_purpose_display(),
            "organisations": ", ".join(name for _pk, name in covered),
            "given_on": short_date(c.given_on),
            "form": c.get_form_display(),
            "witness": c.witness,
            "valid_until": short_date(c.valid_until),
            "revoked_on": short_date(c.revoked_on),
            "valid": c.is_valid_on(today),
        }
        for c, covered in consents
    ]


def _share_states(case_file: CaseFile, today: datetime.date) -> list[dict[str, Any]]:
    """Each share with whether it gives access now, and if not, why not."""
    states = []
    for share in case_file.shares:
        covering = [
            c
            for c, covered in case_file.consents
            if c.purpose in SHARING_PURPOSES
            and any(pk == share["organisation_id"] for pk, _name in covered)
        ]
        if share["ended_at"]:
            reason = _("Share ended on %(date)s.") % {
                "date": short_date(timezone.localdate(share["ended_at"]))
            }
        elif any(c.is_valid_on(today) for c in covering):
            reason = ""
        elif covering and covering[0].revoked_on:
            reason = _("No access: the consent was revoked on %(date)s.") % {
                "date": short_date(covering[0].revoked_on)
            }
        elif covering and covering[0].valid_until and covering[0].valid_until < today:
            reason = _("No access: the consent expired on %(date)s.") % {
                "date": short_date(covering[0].valid_until)
            }
        else:
            reason = _("No access: no valid consent covers this organisation.")
        states.append(
            {
                "pk": share["pk"],
                "organisation": share["organisation__name"],
                "active": not reason,
                "reason": reason,
            }
        )
    return states


def _already_saved(request: HttpRequest, pk: int) -> HttpResponse:
    messages.info(request, _("This was saved already; it was not saved a second time."))
    return redirect("participants:detail", pk=pk)


def _participant_form_page(
    request: HttpRequest,
    participant: Participant,
    form: Any,
    title: str,
    submit_label: str,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "participants/form_page.html",
        {
            "participant": participant,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "intro": intro,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="participants.participant.viewed",
            obj=participant,
            participant_id=participant.pk,
            detail={"form": "edit"},
        )
    form = forms.ParticipantForm(
        request.POST or None,
        instance=participant,
        organisation=participant.organisation,
        initial={"version": participant.version},
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.participant_update(
                actor=request.user,
                participant=Participant.objects.get(pk=participant.pk),
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, participant, form, _("Edit personal data"), _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def participant_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    form = forms.EnrolForm(request.POST or None, initial={"entry_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_enrol(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The participant is enrolled."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, participant, form, _("Enrol"), _("Enrol"))


@login_required
@require_http_methods(["GET", "POST"])
def participant_exit(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    form = forms.ExitForm(request.POST or None, initial={"exit_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_exit(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The case is closed."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, participant, form, _("Close the case"), _("Close case"))


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=CASE_ACCESS)
    membership = membership_of(request.user)
    assert membership is not None
    form = forms.ContactRecordForm(
        request.POST or None,
        organisation=membership.organisation,
        initial={
            "submission_key": uuid.uuid4(),
            "took_place_on": timezone.localdate(),
            "duration_minutes": 45,
            "form": "in_person",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        next_steps = form.next_steps()
        for key in ("next_step_1", "next_step_1_due", "next_step_2", "next_step_2_due"):
            data.pop(key)
        try:
            services.contact_record(
                actor=request.user, participant=participant, next_steps=next_steps, **data
            )
        except DomainError as error:
            messages.warning(request, error.message)
            return redirect("participants:detail", pk=pk)
        messages.success(request, _("The contact was saved."))
        return redirect("participants:detail", pk=pk)
    return _participant_form_page(
        request, participant, form, _("Record a counselling contact"), _("Save contact")
    )


@login_required
@require_POST
def next_step_done(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    participant, access = participant_for_user(request.user, pk, require=CASE_ACCESS)
    step = get_object_or_404(
        NextStep.objects.select_related("contact"), pk=step_pk, participant=participant
    )
    contact_organisation_id = step.contact.organisation_id if step.contact else None
    if not _may_complete(contact_organisation_id, access, membership_of(request.user)):
        raise Http404
    if step.done_on is None:
        services.next_step_complete(actor=request.user, step=step, done_on=timezone.localdate())
        messages.success(request, _("“%(step)s” is marked as done.") % {"step": step.description})
    return redirect("participants:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    form = forms.ResidenceDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _already_saved(request, pk)
                services.residence_document_record(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The residence document was added."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(
        request, participant, form, _("Add a residence document"), _("Add document")
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    form = forms.ConsentRecordForm(
        request.POST or None,
        network_id=participant.network_id,
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    return _already_saved(request, pk)
                services.consent_record(
                    actor=request.user, participant=participant, **form.cleaned_data
                )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, participant, form, _("Record a consent"), _("Save"))


@login_required
@require_http_methods(["GET", "POST"])
def consent_revoke(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    consent = get_object_or_404(Consent, pk=consent_pk, participant=participant)
    form = forms.RevokeConsentForm(
        request.POST or None, initial={"revoked_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_revoke(actor=request.user, consent=consent, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The consent was revoked. Organisations it covered no longer see the case."),
            )
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(
        request,
        participant,
        form,
        _("Revoke consent"),
        _("Revoke"),
        intro=_revocation_effect(participant, consent),
    )


def _revocation_effect(participant: Participant, consent: Consent) -> str:
    """What revoking `consent` does to the organisations the case is shared with, before the
    counsellor confirms it."""
    today = timezone.localdate()
    losing = []
    if consent.purpose in SHARING_PURPOSES and consent.is_valid_on(today):
        covered = set(consent.organisations.values_list("pk", flat=True))
        shares = participant.shares.filter(ended_at__isnull=True, organisation_id__in=covered)
        losing = [
            share.organisation.name
            for share in shares.select_related("organisation")
            if not valid_consents(share.organisation_id, today)
            .filter(participant=participant)
            .exclude(pk=consent.pk)
            .exists()
        ]
    if not losing:
        return _("No organisation loses access to the case through this revocation.")
    return _("These organisations lose access to the case at once: %(names)s.") % {
        "names": ", ".join(sorted(losing, key=alphabetical))
    }


@login_required
@require_http_methods(["GET", "POST"])
def share_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    form = forms.ShareForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.share_start(
                actor=request.user,
                participant=participant,
                organisation=form.cleaned_data["organisation"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The case is now shared."))
            return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, participant, form, _("Share the case"), _("Share"))


@login_required
@require_POST
def share_end(request: HttpRequest, pk: int, share_pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    share = get_object_or_404(Share, pk=share_pk, participant=participant)
    try:
        services.share_end(actor=request.user, share=share)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The share has ended."))
    return redirect("participants:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    form = forms.VolunteerAssignForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        services.volunteer_assign(
            actor=request.user, participant=participant, volunteer=form.cleaned_data["volunteer"]
        )
        messages.success(request, _("The volunteer now sees this person's contact details."))
        return redirect("participants:detail", pk=pk)
    return _participant_form_page(request, participant, form, _("Assign a volunteer"), _("Assign"))


@login_required
@require_POST
def volunteer_remove(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    participant, _access = participant_for_user(request.user, pk, require=OWNER_ONLY)
    volunteer = get_object_or_404(participant.volunteers.all(), pk=user_pk)
    services.volunteer_unassign(actor=request.user, participant=participant, volunteer=volunteer)
    messages.success(request, _("The volunteer no longer sees this person."))
    return redirect("participants:detail", pk=pk)


# The intake interview (Erstgespräch): steps saved in a draft until the participant is created.
INTAKE_STEPS: list[tuple[str, Any, str]] = [
    ("person", forms.PersonForm, "Person"),
    ("contact", forms.ContactDetailsForm, "Contact"),
    ("residence", forms.ResidenceDocumentForm, "Residence"),
    ("household", forms.HouseholdForm, "Household and wishes"),
    ("consent", forms.IntakeConsentForm, "Consent"),
]
STEP_NAMES = [name for name, _form, _label in INTAKE_STEPS]


def _step_labels() -> list[tuple[str, str]]:
    labels = {
        "person": _("Person"),
        "contact": _("Contact"),
        "residence": _("Residence"),
        "household": _("Household and wishes"),
        "consent": _("Consent"),
        "review": _("Check and create"),
    }
    return [(name, labels[name]) for name in [*STEP_NAMES, "review"]]


def _own_draft(request: HttpRequest, draft_pk: int) -> IntakeDraft:
    draft = IntakeDraft.objects.filter(
        pk=draft_pk,
        created_by=request.user,
        participant__isnull=True,
        updated_at__gte=IntakeDraft.kept_since(),
    ).first()
    if draft is None:
        raise Http404
    return draft


def _step_form(step: str, data: Any, draft: IntakeDraft, network_id: int) -> Any:
    form_class = {n: f for n, f, _label in INTAKE_STEPS}[step]
    kwargs: dict[str, Any] = {}
    if step == "consent":
        kwargs["network_id"] = network_id
    elif step == "contact":
        kwargs["organisation_id"] = draft.organisation_id
    if data is not None:
        return form_class(data, **kwargs)
    stored = draft.data.get(step, {})
    initial = {k: v if k == "organisations" else (v[0] if v else "") for k, v in stored.items()}
    return form_class(initial=initial, **kwargs)


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        draft = services.intake_draft_save(actor=request.user, draft=None, step="person", data={})
        return redirect("participants:intake_step", draft_pk=draft.pk, step="person")
    drafts = IntakeDraft.objects.filter(
        created_by=request.user, participant__isnull=True, updated_at__gte=IntakeDraft.kept_since()
    )
    return render(
        request,
        "participants/intake_start.html",
        {"drafts": drafts, "draft_days": settings.LOTSE_INTAKE_DRAFT_DAYS},
    )


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_discard(request: HttpRequest, draft_pk: int) -> HttpResponse:
    draft = _own_draft(request, draft_pk)
    if request.method == "POST":
        services.intake_draft_discard(actor=request.user, draft=draft)
        messages.success(request, _("The draft was deleted."))
        return redirect("participants:intake_start")
    return render(request, "participants/intake_discard.html", {"draft": draft})


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, draft_pk: int, step: str) -> HttpResponse:
    if step not in STEP_NAMES:
        raise Http404
    draft = _own_draft(request, draft_pk)
    network_id = draft.organisation.network_id
    if request.method == "POST":
        raw = {k: v for k, v in request.POST.lists() if k not in ("csrfmiddlewaretoken", "action")}
        # Whatever was typed is kept, even when it does not validate yet: nothing is lost.
        draft = services.intake_draft_save(actor=request.user, draft=draft, step=step, data=raw)
        action = request.POST.get("action", "next")
        if action == "draft":
            messages.success(request, _("The draft was saved. You can resume it at any time."))
            return redirect("participants:intake_start")
        index = STEP_NAMES.index(step)
        if action == "back" and index > 0:
            return redirect(
                "participants:intake_step", draft_pk=draft.pk, step=STEP_NAMES[index - 1]
            )
        form = _step_form(step, MultiValueDict(raw), draft, network_id)
        if form.is_valid():
            if index + 1 < len(STEP_NAMES):
                return redirect(
                    "participants:intake_step", draft_pk=draft.pk, step=STEP_NAMES[index + 1]
                )
            return redirect("participants:intake_review", draft_pk=draft.pk)
    else:
        form = _step_form(step, None, draft, network_id)
    return render(
        request,
        "participants/intake_step.html",
        {
            "draft": draft,
            "form": form,
            "step": step,
            "steps": _step_labels(),
            "is_first": step == STEP_NAMES[0],
        },
    )


def _validated_intake(draft: IntakeDraft) -> tuple[dict[str, Any], str | None]:
    """All steps' cleaned data, or the first step that is not complete."""
    network_id = draft.organisation.network_id
    cleaned: dict[str, Any] = {}
    for step in STEP_NAMES:
        if step not in draft.data:
            return cleaned, step
        form = _step_form(step, MultiValueDict(draft.data[step]), draft, network_id)
        if not form.is_valid():
            return cleaned, step
        cleaned[step] = form.cleaned_data
    return cleaned, None


@login_required
@permission_required("participants.run_intake", raise_exception=True)
@require_http_methods(["GET", "POST"])
def intake_review(request: HttpRequest, draft_pk: int) -> HttpResponse:
    completed = IntakeDraft.objects.filter(
        pk=draft_pk, created_by=request.user, participant__isnull=False
    ).first()
    if completed is not None:
        # A second click on "create" after the first went through.
        messages.info(request, _("This intake has already been completed."))
        return redirect("participants:detail", pk=completed.participant_id)
    draft = _own_draft(request, draft_pk)
    cleaned, incomplete = _validated_intake(draft)
    if incomplete:
        messages.error(request, _("Please complete this step first."))
        return redirect("participants:intake_step", draft_pk=draft.pk, step=incomplete)
    person = cleaned["person"]
    if request.method == "POST":
        participant = services.intake_complete(actor=request.user, draft=draft, cleaned=cleaned)
        messages.success(request, _("%(name)s was registered.") % {"name": participant.full_name})
        return redirect("participants:detail", pk=participant.pk)
    duplicates = services.possible_duplicates(actor=request.user, person=person)
    return render(
        request,
        "participants/intake_review.html",
        {
            "draft": draft,
            "cleaned": cleaned,
            "steps": _step_labels(),
            "step": "review",
            "own_matches": duplicates.own,
            "other_matches": duplicates.elsewhere,
            "document_label": document_title(
                cleaned["residence"].get("document_type", ""), cleaned["residence"]["section"]
            ),
            "detail_url": reverse("participants:detail", args=[0])[:-2],
        },
    )
