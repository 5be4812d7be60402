from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from lotse.audit.services import audit_record_many
from lotse.core.downloads import download
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, already_submitted, first_submission
from lotse.events import documents, forms, selectors, services
from lotse.events.enums import EventKind, RegistrationStatus
from lotse.events.models import CountedGroup, Evaluation, Event, Registration, Session
from lotse.network.access import membership_of
from lotse.network.enums import Role
from lotse.participants.access import case_for_display, participant_for_user, visible_participants


def _year(request: AuthenticatedHttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 1900 < int(value) < 2200 else timezone.localdate().year


def _event(request: AuthenticatedHttpRequest, pk: int) -> Event:
    return get_object_or_404(selectors.network_events(request.user), pk=pk)


def _kept_event(request: AuthenticatedHttpRequest, pk: int) -> Event:
    event = _event(request, pk)
    if not request.user.has_perm("events.change_event", event):
        raise Http404
    return event


@login_required
@permission_required("events.view_events", raise_exception=True)
@require_GET
def event_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's events of one year."""
    year = _year(request)
    events = selectors.with_counts(selectors.network_events(request.user, year))
    years = sorted({*selectors.event_years(request.user), year}, reverse=True)
    return render(
        request,
        "events/list.html",
        {
            "events": events,
            "year": year,
            "years": years,
            "can_add": request.user.has_perm("events.add_event"),
            "can_overview": request.user.has_perm("events.view_overview"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    network = membership.organisation.network
    if pk is None:
        if not request.user.has_perm("events.add_event"):
            raise Http404
        event = Event(network=network)
    else:
        event = _kept_event(request, pk)
    creating = event.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("events:list")
    own = None if membership.role == Role.COORDINATOR else membership.organisation
    form = forms.EventForm(
        request.POST or None, instance=event, network_id=network.pk, own_organisation=own
    )
    if request.method == "POST" and form.is_valid():
        sessions = []
        if creating:
            sessions = services.weekly_sessions(
                form.cleaned_data["first_date"],
                form.cleaned_data["starts_at"],
                form.cleaned_data["ends_at"],
                form.cleaned_data["session_count"],
            )
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("events:list")
                saved = services.event_save(
                    actor=request.user,
                    network=network,
                    event=form.save(commit=False),
                    organisers=form.cleaned_data["organisers"],
                    expected_version=form.expected_version,
                    sessions=sessions,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:detail", saved.pk)
    return render(request, "events/form.html", {"form": form, "event": event})


@login_required
@permission_required("events.view_events", raise_exception=True)
@require_GET
def detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registrations = selectors.registrations_for(request.user, event)
    if registrations.shown:
        audit_record_many(
            actor=request.user,
            action="events.registration.listed",
            participant_ids=[r.participant_id for r in registrations.shown],
            detail={"event": event.pk},
        )
    for r in registrations.shown:
        # The certificate link says which languages it has (German and the participant's).
        second = documents.certificate_language(r.participant)
        r.certificate_languages = (  # type: ignore[attr-defined]
            documents.language_name("de")
            if second == "de"
            else _("%(first)s and %(second)s")
            % {"first": documents.language_name("de"), "second": documents.language_name(second)}
        )
    sessions = list(event.sessions.all())
    now = timezone.localtime()
    groups = list(event.groups.all())
    evaluation = Evaluation.objects.filter(event=event).first()
    can_change = request.user.has_perm("events.change_event", event)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "sessions": [(s, services.session_has_happened(s, now)) for s in sessions],
            "begun": not sessions or any(services.session_has_happened(s, now) for s in sessions),
            "registrations": registrations,
            "rows": selectors.attendance_rows(registrations.shown, sessions),
            "waiting": [r for r in registrations.shown if r.status == RegistrationStatus.WAITING],
            "groups": groups,
            "counted": sum(g.count for g in groups),
            "taken": selectors.taken_places(event),
            "evaluation": evaluation,
            "can_change": can_change,
            "can_register": request.user.has_perm("events.register_participants"),
            "can_record": request.user.has_perm("events.record_attendance", event),
            "register_form": forms.RegisterForm(),
            "session_form": forms.SessionForm(),
        },
    )


@login_required
@require_POST
def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Registers a participant by file number (one the user may see and work on)."""
    if not request.user.has_perm("events.register_participants"):
        raise Http404
    event = _event(request, pk)
    if already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("events:detail", event.pk)
    form = forms.RegisterForm(request.POST)
    if form.is_valid():
        found = (
            visible_participants(request.user)
            .filter(file_number=form.cleaned_data["file_number"].strip().upper())
            .values_list("pk", flat=True)
            .first()
        )
        if found is None:
            form.add_error("file_number", _("No participant you work with has this file number."))
        else:
            try:
                case = participant_for_user(request.user, found, require="participants.add_contact")
                with transaction.atomic():
                    if not first_submission(request):
                        messages.info(request, ALREADY_SAVED)
                        return redirect("events:detail", event.pk)
                    registration = services.registration_add(
                        actor=request.user, event=event, case=case
                    )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if registration.status == RegistrationStatus.WAITING:
                    messages.warning(
                        request,
                        _("The event is full: %(name)s is on the waiting list.")
                        % {"name": f"{case.participant.first_names} {case.participant.last_name}"},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s is registered for the event.")
                        % {"name": f"{case.participant.first_names} {case.participant.last_name}"},
                    )
                return redirect("events:detail", event.pk)
    return render(request, "events/register.html", {"event": event, "form": form})


def _shown_registration(request: AuthenticatedHttpRequest, event: Event, rpk: int) -> Registration:
    shown = selectors.registrations_for(request.user, event).shown
    for registration in shown:
        if registration.pk == rpk:
            return registration
    raise Http404


@login_required
@require_POST
def cancel_registration(request: AuthenticatedHttpRequest, pk: int, rpk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _shown_registration(request, event, rpk)
    participant_for_user(
        request.user, registration.participant_id, require="participants.add_contact"
    )
    moved_up = services.registration_cancel(actor=request.user, registration=registration)
    messages.success(request, _("The registration was cancelled."))
    if moved_up is not None:
        messages.info(request, _("The first person on the waiting list moved up."))
    return redirect("events:detail", event.pk)


@login_required
@require_POST
def session_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _kept_event(request, pk)
    if already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("events:detail", event.pk)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("events:detail", event.pk)
                services.session_add(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session was added."))
            return redirect("events:detail", event.pk)
    return render(request, "events/session_form.html", {"event": event, "form": form})


@login_required
@require_POST
def session_remove(request: AuthenticatedHttpRequest, pk: int, spk: int) -> HttpResponse:
    event = _kept_event(request, pk)
    session = get_object_or_404(Session, pk=spk, event=event)
    try:
        services.session_remove(actor=request.user, session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The session was removed."))
    return redirect("events:detail", event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: AuthenticatedHttpRequest, pk: int, gpk: int | None = None) -> HttpResponse:
    event = _kept_event(request, pk)
    group = (
        CountedGroup(event=event)
        if gpk is None
        else get_object_or_404(CountedGroup, pk=gpk, event=event)
    )
    creating = group.pk is None
    if request.method == "POST" and creating and already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return redirect("events:detail", event.pk)
    form = forms.GroupForm(request.POST or None, instance=group, for_school=event.for_school)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating and not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("events:detail", event.pk)
                services.group_save(
                    actor=request.user,
                    event=event,
                    group=form.save(commit=False),
                    expected_version=form.expected_version,
                )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The counted persons were saved."))
            return redirect("events:detail", event.pk)
    return render(request, "events/group_form.html", {"event": event, "form": form, "group": group})


@login_required
@require_POST
def group_remove(request: AuthenticatedHttpRequest, pk: int, gpk: int) -> HttpResponse:
    event = _kept_event(request, pk)
    group = get_object_or_404(CountedGroup, pk=gpk, event=event)
    services.group_remove(actor=request.user, group=group)
    messages.success(request, _("The counted persons were removed."))
    return redirect("events:detail", event.pk)


def _attendance_event(
    request: AuthenticatedHttpRequest, pk: int, spk: int
) -> tuple[Event, Session]:
    event = _event(request, pk)
    if not request.user.has_perm("events.record_attendance", event):
        raise Http404
    return event, get_object_or_404(Session, pk=spk, event=event)


def _registered(registrations: selectors.Registrations) -> list[Registration]:
    return [r for r in registrations.shown if r.status == RegistrationStatus.REGISTERED]


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, pk: int, spk: int) -> HttpResponse:
    """Who was there at one session: the participants the user may see."""
    event, session = _attendance_event(request, pk, spk)
    registrations = selectors.registrations_for(request.user, event)
    shown = _registered(registrations)
    marks = selectors.session_marks(shown, session)
    form = forms.AttendanceForm(request.POST or None, registrations=shown, marks=marks)
    happened = services.session_has_happened(session)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                actor=request.user, session=session, present=form.present(), registrations=shown
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Attendance saved for %(count)s participants.") % {"count": count}
            )
            return redirect("events:detail", event.pk)
    elif request.method == "GET" and shown:
        audit_record_many(
            actor=request.user,
            action="events.registration.listed",
            participant_ids=[r.participant_id for r in shown],
            detail={"event": event.pk, "session": session.pk},
        )
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "session": session,
            "form": form,
            "happened": happened,
            "hidden": registrations.hidden_registered,
        },
    )


@login_required
@require_GET
def attendance_sheet(request: AuthenticatedHttpRequest, pk: int, spk: int) -> HttpResponse:
    """The printable list to tick at the session (PDF)."""
    event, session = _attendance_event(request, pk, spk)
    registrations = selectors.registrations_for(request.user, event)
    shown = _registered(registrations)
    if shown:
        audit_record_many(
            actor=request.user,
            action="events.attendance_sheet.printed",
            participant_ids=[r.participant_id for r in shown],
            detail={"event": event.pk, "session": session.pk},
        )
    pdf = documents.attendance_sheet_pdf(
        event, session, shown, list(event.groups.all()), registrations.hidden_registered
    )
    return download(pdf, "application/pdf", f"anwesenheit-{event.pk}-{session.date:%Y-%m-%d}.pdf")


@login_required
@require_GET
def certificate(request: AuthenticatedHttpRequest, pk: int, rpk: int) -> HttpResponse:
    """The certificate of attendance in German and the participant's language (`?lang=`)."""
    event = _event(request, pk)
    registration = _shown_registration(request, event, rpk)
    case = case_for_display(
        request.user,
        registration.participant_id,
        require="participants.view_case",
        action="events.certificate.printed",
        event=event.pk,
    )
    language = request.GET.get("lang") or documents.certificate_language(case.participant)
    if language not in (*documents.LANGUAGES, "de"):
        raise Http404
    attended = selectors.sessions_attended(registration)
    if not attended:
        messages.error(
            request,
            _("No attendance is recorded for this person: there is nothing to certify yet."),
        )
        return redirect("events:detail", event.pk)
    pdf = documents.certificate_pdf(
        event, case.participant, attended, language=language, today=timezone.localdate()
    )
    return download(
        pdf,
        "application/pdf",
        f"teilnahmebescheinigung-{case.participant.file_number}-{event.pk}-{language}.pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    event = _kept_event(request, pk)
    saved = Evaluation.objects.filter(event=event).first()
    initial: dict[str, Any] = {}
    if saved is not None:
        initial = {f"useful_{n}": count for n, count in enumerate(saved.counts, start=1)}
    form = forms.EvaluationForm(
        request.POST or None, initial=initial, version=saved.version if saved else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_save(
                actor=request.user,
                event=event,
                counts=form.counts(),
                expected_version=form.expected_version,
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The evaluation was saved."))
            return redirect("events:detail", event.pk)
    return render(request, "events/evaluation_form.html", {"event": event, "form": form})


@login_required
@permission_required("events.view_overview", raise_exception=True)
@require_GET
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The year's events and people reached, by kind and organiser."""
    membership = membership_of(request.user)
    assert membership is not None
    year = _year(request)
    rows = selectors.reach_by_kind_and_organisation(membership.organisation.network_id, year)
    kinds = dict(EventKind.choices)
    return render(
        request,
        "events/overview.html",
        {
            "year": year,
            "years": sorted({*selectors.event_years(request.user), year}, reverse=True),
            "rows": [(row, kinds.get(row.kind, row.kind)) for row in rows],
            "totals": selectors.reach_totals(membership.organisation.network_id, year),
        },
    )


@login_required
@require_POST
def register_case(request: AuthenticatedHttpRequest, participant_pk: int) -> HttpResponse:
    """Registers the participant of a case for one of the network's coming events."""
    case = participant_for_user(request.user, participant_pk, require="participants.add_contact")
    if not request.user.has_perm("events.register_participants"):
        raise Http404
    back = redirect(f"{reverse('participants:detail', args=[participant_pk])}#events")
    if already_submitted(request):
        messages.info(request, ALREADY_SAVED)
        return back
    coming = selectors.coming_events(request.user, timezone.localdate())
    form = forms.RegisterCaseForm(request.POST, events=coming)
    if not form.is_valid():
        messages.error(request, _("Choose one of the coming events."))
        return back
    event = next(e for e in coming if e.pk == form.cleaned_data["event"])
    try:
        with transaction.atomic():
            if not first_submission(request):
                messages.info(request, ALREADY_SAVED)
                return back
            registration = services.registration_add(actor=request.user, event=event, case=case)
    except DomainError as error:
        messages.error(request, error.message)
        return back
    if registration.status == RegistrationStatus.WAITING:
        messages.warning(
            request,
            _("The event is full: %(name)s is on the waiting list.")
            % {"name": f"{case.participant.first_names} {case.participant.last_name}"},
        )
    else:
        messages.success(
            request,
            _("%(name)s is registered for the event.")
            % {"name": f"{case.participant.first_names} {case.participant.last_name}"},
        )
    return back
