import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_scopes import scope
from rules.contrib.views import permission_required

from lotse.appointments import forms, ical, presentation, selectors, services, slots
from lotse.appointments.enums import AppointmentKind, Place
from lotse.appointments.participant_texts import appointment_text, participant_language
from lotse.audit.services import audit_record_many
from lotse.core.downloads import download
from lotse.core.errors import DomainError, StaleEditError
from lotse.core.http import AuthenticatedHttpRequest
from lotse.core.submissions import ALREADY_SAVED, first_submission
from lotse.network.access import membership_of
from lotse.network.models import Site
from lotse.participants.access import case_for_display, case_for_request
from lotse.profiles.documents.pdf import render_pdf


def _date(text: str) -> datetime.date | None:
    """A date from the query string; none for a malformed or impossible one (2026-02-30)."""
    try:
        return parse_date(text)
    except ValueError:
        return None


def _day(request: HttpRequest) -> datetime.date:
    return _date(request.GET.get("date", "")) or timezone.localdate()


@login_required
@require_GET
@permission_required("appointments.my_appointments", raise_exception=True)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Meine Termine: a day or a week (from its Monday)."""
    day = _day(request)
    week = request.GET.get("view") == "week"
    first = day - datetime.timedelta(days=day.weekday()) if week else day
    days = 7 if week else 1
    rows = list(selectors.appointments_of_user(request.user, first, days))
    audit_record_many(
        actor=request.user,
        action="appointments.appointment.listed",
        participant_ids=list(dict.fromkeys(a.participant_id for a in rows)),
    )
    by_day: dict[datetime.date, list[Any]] = {}
    for offset in range(days):
        by_day[first + datetime.timedelta(days=offset)] = []
    for a in rows:
        by_day.setdefault(timezone.localtime(a.starts_at).date(), []).append(a)
    step = datetime.timedelta(days=days)
    feed = services.calendar_feed_of(request.user)
    return render(
        request,
        "appointments/mine.html",
        {
            "week": week,
            "mode": "week" if week else "day",
            "first": first,
            "days": list(by_day.items()),
            "count": len(rows),
            "previous": first - step,
            "next": first + step,
            "day": day,
            "today": timezone.localdate(),
            "today_iso": timezone.localdate().isoformat(),
            "feed_url": request.build_absolute_uri(reverse("appointments:feed", args=[feed.token])),
        },
    )


@login_required
@require_POST
@permission_required("appointments.my_appointments", raise_exception=True)
def feed_renew(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.calendar_feed_renew(actor=request.user)
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("appointments:mine")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: no log-in, the secret address is the key; it names no one."""
    user = selectors.feed_owner(token)
    membership = membership_of(user) if user is not None else None
    if membership is None:
        raise Http404
    # No session: the feed enters its owner's network itself.
    with scope(network=membership.organisation.network_id):
        body = ical.cached_feed(user, name="Lotse")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _desk_url(
    site: Site, first: datetime.date, *, view: str, focus: datetime.date | None = None
) -> str:
    """A desk page; with `focus`, the week with that day open and scrolled to."""
    url = f"{reverse('appointments:desk')}?site={site.pk}&view={view}&date={first:%Y-%m-%d}"
    return f"{url}&open={focus:%Y-%m-%d}#day-{focus:%Y-%m-%d}" if focus else url


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _day_table(
    request: AuthenticatedHttpRequest, site: Site, day: datetime.date, back: str
) -> dict[str, Any]:
    """One day's rows at the site as the desk's table shows them; only these rows are sent,
    so only their participants are audited as listed."""
    rows = selectors.site_rows(request.user, site, day)
    audit_record_many(
        actor=request.user,
        action="appointments.appointment.listed",
        participant_ids=list(dict.fromkeys(row["participant_id"] for row in rows)),
    )
    shown = presentation.desk_rows(rows, now=timezone.now(), yes=_("yes"))
    return {
        "site": site,
        "table_day": day,
        "rows": shown,
        "interpreters": sum(1 for row in shown if row["needs_interpreter"]),
        "back": back,
    }


@login_required
@require_GET
@permission_required("appointments.site_day", raise_exception=True)
def desk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The front desk's list of a site, today or this week: who comes when, who needs an
    interpreter; the desk records whether they came. The week shows each day's counts from
    one aggregate query and the rows of one day (the day asked for by `open`, else today, else
    the first with appointments); the other days' rows load when opened (`desk_day`), since a
    busy site's week is thousands of rows nobody at a desk reads at once
    (bench/bench_appointments.py)."""
    membership = membership_of(request.user)
    assert membership is not None
    sites = list(selectors.sites_of(membership.organisation_id))
    site_id = request.GET.get("site", "")
    site = next((s for s in sites if str(s.pk) == site_id), sites[0] if sites else None)
    day = _day(request)
    week = request.GET.get("view") == "week"
    first = _monday(day) if week else day
    days = 7 if week else 1
    step = datetime.timedelta(days=days)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "sites": sites,
        "site": site,
        "day": day,
        "week": week,
        "mode": "week" if week else "day",
        "first": first,
        "last": first + step - datetime.timedelta(days=1),
        "today": today,
        "today_iso": today.isoformat(),
        "site_pk": str(site.pk) if site else "",
        "tab": ("week" if first == _monday(today) else "")
        if week
        else ("today" if day == today else ""),
        "previous": first - step,
        "next": first + step,
    }
    if site is not None and week:
        counts = selectors.site_day_counts(request.user, site, first, days)
        dates = [first + datetime.timedelta(days=offset) for offset in range(days)]
        asked = _date(request.GET.get("open", ""))
        # The day asked for (marking from a day returns to it), else today's or the next
        # day's appointments, else the week's first.
        candidates = [asked, *(d for d in dates if d >= today and d in counts)]
        focus = next((d for d in candidates if d in dates), None) or next(
            (d for d in dates if d in counts), None
        )
        if focus is not None and focus in counts:
            back = _desk_url(site, first, view="week", focus=focus)
            context.update(_day_table(request, site, focus, back))
        context.update(
            {
                "focus": focus,
                "week_days": [(d, counts.get(d, selectors.DayCount(0, 0))) for d in dates],
                "total": selectors.DayCount(
                    sum(c.appointments for c in counts.values()),
                    sum(c.interpreters for c in counts.values()),
                ),
            }
        )
    elif site is not None:
        context.update(_day_table(request, site, day, request.get_full_path()))
    return render(request, "appointments/desk.html", context)


@login_required
@require_GET
@permission_required("appointments.site_day", raise_exception=True)
def desk_day(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One day's table of the desk's week, loaded when the day is opened: the same site check
    (a site of the own organisation, else 404) and the same rows and audit as the page."""
    membership = membership_of(request.user)
    assert membership is not None
    day = _date(request.GET.get("date", ""))
    site_id = request.GET.get("site", "")
    site = (
        selectors.sites_of(membership.organisation_id).filter(pk=int(site_id)).first()
        if site_id.isdigit()
        else None
    )
    if site is None or day is None:
        raise Http404
    back = _desk_url(site, _monday(day), view="week", focus=day)
    return render(request, "appointments/_desk_table.html", _day_table(request, site, day, back))


@login_required
@require_POST
def mark(request: AuthenticatedHttpRequest, pk: int, appointment_pk: int) -> HttpResponse:
    """Attended or did not attend, from the front desk (or wherever `next` leads back)."""
    case = case_for_request(request, pk, require="appointments.change_appointment")
    appointment = selectors.appointment_of(case, appointment_pk)
    if appointment is None:
        raise Http404
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("appointments:desk")
    form = forms.MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Record the appointment as attended or missed."))
        return redirect(back)
    try:
        marked = services.appointment_mark(
            actor=request.user,
            case=case,
            appointment=appointment,
            status=form.cleaned_data["status"],
            expected_version=form.expected_version,
        )
    except StaleEditError:
        messages.error(
            request,
            _(
                "Someone else changed this appointment in the meantime; nothing was recorded. "
                "The list shows it as it is now."
            ),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s, %(time)s: recorded as “%(status)s”.")
            % {
                "name": f"{case.participant.first_names} {case.participant.last_name}",
                "time": f"{timezone.localtime(marked.starts_at):%d.%m.%Y %H:%M}",
                "status": marked.get_status_display(),
            },
        )
    return redirect(back)


@login_required
@require_GET
def case_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_display(
        request.user, pk, require="appointments.view_details", action="appointments.case.viewed"
    )
    rows = selectors.case_appointments(case)
    return render(
        request,
        "appointments/case_list.html",
        {
            "case": case,
            "participant": case.participant,
            "rows": rows,
            "can_book": case.allows("appointments.book"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="appointments.book")
    form = forms.AppointmentForm(
        request.POST or None,
        participant=case.participant,
        organisation_id=case.organisation_id,
        initial={
            "place": Place.SITE,
            "site": case.participant.site_id,
            "counsellor": case.participant.counsellor_id,
            "interpreter_language": case.participant.interpreter_language
            if case.participant.interpreter_needed
            else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect("participants:detail", pk)
                services.appointment_book(actor=request.user, case=case, **form.values())
        except DomainError as error:
            form.refuse(error)
        else:
            messages.success(request, _("The appointment was saved."))
            return redirect(reverse("participants:detail", args=[pk]) + "#appointments")
    return render(
        request,
        "appointments/form.html",
        {"form": form, "case": case, "participant": case.participant, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedHttpRequest, pk: int, appointment_pk: int) -> HttpResponse:
    case = case_for_request(request, pk, require="appointments.change_appointment")
    appointment = selectors.appointment_of(case, appointment_pk)
    if appointment is None:
        raise Http404
    form = forms.AppointmentForm(
        request.POST or None,
        participant=case.participant,
        organisation_id=case.organisation_id,
        appointment=appointment,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_update(
                actor=request.user,
                case=case,
                appointment=appointment,
                expected_version=form.expected_version,
                **form.values(),
            )
        except StaleEditError as error:
            form.refuse_stale(error)
        except DomainError as error:
            form.refuse(error)
        else:
            messages.success(request, _("The appointment was saved."))
            return redirect(reverse("participants:detail", args=[pk]) + "#appointments")
    return render(
        request,
        "appointments/form.html",
        {"form": form, "case": case, "participant": case.participant, "creating": False},
    )


def _slot_counsellor(case: Any, pk: int | None) -> Any:
    """A counsellor whose hours this case may book (the owner's or the booking organisation's)."""
    if pk is None:
        return None
    chooser = forms.SlotCounsellorForm(
        participant=case.participant, organisation_id=case.organisation_id
    )
    return chooser.fields["counsellor"].queryset.filter(pk=pk).first()  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def book(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Book a slot of a counsellor's consultation hours: the day's slots as a grid, free ones
    to press, taken ones shown as taken. A refused booking names the next free slots."""
    case = case_for_request(request, pk, require="appointments.book")
    network_id = case.participant.network_id
    refusal = ""
    alternatives: list[slots.Slot] = []
    counsellor = None
    day = None
    if request.method == "POST":
        posted = forms.SlotBookForm(request.POST)
        if posted.is_valid():
            values = posted.cleaned_data
            counsellor = _slot_counsellor(case, values["counsellor"])
            starts_at = values["starts_at"]
            day = timezone.localtime(starts_at).date()
            minutes = slots.slot_minutes(network_id)
            try:
                with transaction.atomic():
                    if not first_submission(request):
                        messages.info(request, ALREADY_SAVED)
                        return redirect("participants:detail", pk)
                    services.appointment_book(
                        actor=request.user,
                        case=case,
                        in_consultation_hours=True,
                        kind=values["kind"] or AppointmentKind.COUNSELLING,
                        starts_at=starts_at,
                        ends_at=starts_at + datetime.timedelta(minutes=minutes),
                        place=Place.SITE,
                        site=selectors.site_in_network(values["site"], network_id),
                        counsellor=counsellor,
                        interpreter_language=case.participant.interpreter_language
                        if case.participant.interpreter_needed
                        else "",
                    )
            except DomainError as error:
                refusal = error.message
                if counsellor is not None:
                    alternatives = slots.next_free(counsellor, starts_at, network_id=network_id)
            else:
                messages.success(request, _("The appointment was booked."))
                return redirect(reverse("participants:detail", args=[pk]) + "#appointments")
        else:
            refusal = _("This slot could not be booked; please choose again.")
    chooser = forms.SlotCounsellorForm(
        request.GET if "counsellor" in request.GET else None,
        participant=case.participant,
        organisation_id=case.organisation_id,
        initial={"counsellor": counsellor.pk if counsellor else case.participant.counsellor_id},
    )
    if chooser.is_bound and chooser.is_valid():
        counsellor = chooser.cleaned_data["counsellor"]
        day = chooser.cleaned_data["day"]
    elif not chooser.is_bound and counsellor is None:
        counsellor = _slot_counsellor(case, case.participant.counsellor_id)
    if counsellor is not None and day is None:
        # The first day with a free slot, so that the page opens where one can book.
        upcoming = slots.next_free(counsellor, timezone.now(), network_id=network_id, count=1)
        day = timezone.localtime(upcoming[0].starts_at).date() if upcoming else None
    day = day or timezone.localdate()
    chooser.initial["day"] = day
    grid = slots.day_grid(counsellor, day, network_id=network_id) if counsellor else []
    return render(
        request,
        "appointments/book.html",
        {
            "case": case,
            "participant": case.participant,
            "chooser": chooser,
            "counsellor": counsellor,
            "day": day,
            "grid": grid,
            "free": sum(1 for cell in grid if cell.free),
            "previous": day - datetime.timedelta(days=1),
            "next": day + datetime.timedelta(days=1),
            "refusal": refusal,
            "alternatives": alternatives,
            "by_appointment": bool(counsellor and slots.by_appointment_sites(counsellor)),
        },
        status=200,
    )


@login_required
@require_GET
def ics(request: AuthenticatedHttpRequest, pk: int, appointment_pk: int) -> HttpResponse:
    """The appointment as a calendar file for the participant, in their language."""
    case = case_for_display(
        request.user, pk, require="appointments.view_details", action="appointments.ics.downloaded"
    )
    appointment = selectors.appointment_of(case, appointment_pk)
    if appointment is None:
        raise Http404
    body = ical.single(appointment, case.participant.preferred_language)
    return download(body, "text/calendar; charset=utf-8", f"termin-{appointment.pk}.ics")


@login_required
@require_GET
def card(request: AuthenticatedHttpRequest, pk: int, appointment_pk: int) -> HttpResponse:
    """The printable appointment card: German and the participant's language."""
    case = case_for_display(
        request.user, pk, require="appointments.view_details", action="appointments.card.printed"
    )
    appointment = selectors.appointment_of(case, appointment_pk)
    if appointment is None:
        raise Http404
    language = participant_language(case.participant.preferred_language)
    texts = [appointment_text(appointment, "de")]
    if language != "de":
        texts.append(appointment_text(appointment, language))
    html = render(
        request,
        "appointments/card.html",
        {"texts": texts, "participant": case.participant},
    ).content.decode()
    return download(
        render_pdf(html), "application/pdf", f"terminkarte-{appointment.pk}.pdf", inline=True
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("appointments.manage_settings", raise_exception=True)
def network_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The coordinator sets the network's reminder lead time and slot length."""
    membership = membership_of(request.user)
    assert membership is not None
    network = membership.organisation.network
    form = forms.AppointmentSettingsForm(
        request.POST or None,
        initial={
            "reminder_lead_hours": selectors.lead_hours(network.pk),
            "slot_minutes": slots.slot_minutes(network.pk),
        },
    )
    if request.method == "POST" and form.is_valid():
        services.appointment_settings_save(actor=request.user, network=network, **form.cleaned_data)
        messages.success(request, _("The settings for appointments were saved."))
        return redirect("appointments:settings")
    return render(request, "appointments/settings.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@permission_required("appointments.keep_hours", raise_exception=True)
def hours(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Where and when a counsellor counsels: consultation hours on weekdays at sites, or "by
    appointment" at a site. They feed the free slots of the booking page. A team lead keeps
    them for the counsellors of their organisation too (`?counsellor=`)."""
    membership = membership_of(request.user)
    assert membership is not None
    people = selectors.hours_people(request.user)
    chosen = request.POST.get("counsellor") or request.GET.get("counsellor") or request.user.pk
    counsellor = people.filter(pk=chosen).first() if str(chosen).isdigit() else None
    if counsellor is None:
        raise Http404
    sites = selectors.network_sites(membership.organisation.network_id)
    entries = selectors.hours_entries(counsellor)
    state = selectors.hours_state(entries)
    form = forms.HoursForm(
        request.POST if request.POST.get("action") == "add" else None,
        sites=sites,
        initial={"state": state, "by_appointment": ""},
    )
    page = reverse("appointments:hours") + f"?counsellor={counsellor.pk}"
    action = request.POST.get("action")
    try:
        if action == "remove":
            services.counsellor_hours_remove(
                actor=request.user,
                counsellor=counsellor,
                expected_state=request.POST.get("state", ""),
                entry_id=int(entry) if (entry := request.POST.get("entry", "")).isdigit() else 0,
            )
            messages.success(request, _("The consultation hours were removed."))
            return redirect(page)
        if action == "add" and form.is_valid():
            values = form.cleaned_data
            with transaction.atomic():
                if not first_submission(request):
                    messages.info(request, ALREADY_SAVED)
                    return redirect(page)
                services.counsellor_hours_add(
                    actor=request.user,
                    counsellor=counsellor,
                    expected_state=values["state"],
                    site=values["site"],
                    by_appointment=bool(values["by_appointment"]),
                    weekday=values["weekday"] if values["weekday"] != "" else None,
                    starts_at=values["starts_at"],
                    ends_at=values["ends_at"],
                )
            messages.success(request, _("The consultation hours were saved."))
            return redirect(page)
    except DomainError as error:
        if action != "add":
            messages.error(request, error.message)
            return redirect(page)
        form.refuse(error)
        # The entries as they are now: a second save is against what the page shows.
        data: Any = form.data.copy()  # type: ignore[attr-defined]
        data["state"] = state
        form.data = data
    return render(
        request,
        "appointments/hours.html",
        {
            "counsellor": counsellor,
            "own": counsellor.pk == request.user.pk,
            "entries": entries,
            "state": state,
            "form": form,
            "chooser": forms.HoursPersonForm(initial={"counsellor": counsellor.pk}, people=people)
            if people.count() > 1
            else None,
            "site_hours": not entries,
        },
    )
