"""Issue 16 QA: the yearly figures' second table (referrals, events), labels instead of keys,
the bases explained, German file names, incomplete exits listed, who requested a report."""

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.audit.models import AuditEvent
from lotse.core.figures import FigureScope
from lotse.events import selectors as event_selectors
from lotse.network.enums import Role
from lotse.referrals import services as referral_services
from lotse.reporting import figures
from lotse.reporting.models import Report
from tests.conftest import client_for
from tests.events.helpers import jobcenter_staff, multiplier_training, school_course
from tests.factories import member
from tests.placements.placement_helpers import enrolled, place
from tests.referrals.helpers import refer, referral_consent
from tests.reporting.helpers import YEAR_END, YEAR_START, esf_caseload, esf_person

pytestmark = pytest.mark.django_db

NAMES = ("Amal", "Bashir", "Dana", "Farid", "Jana", "Testperson", "Al-Masri")


@pytest.fixture
def caseload(net: Any) -> dict[str, Any]:
    return esf_caseload(net)


@pytest.fixture
def activity(net: Any) -> dict[str, Any]:
    """Two referrals of the network's participant (one finished), a multiplier training with
    twelve Jobcenter staff, and a school course with a class of 20 pupils."""
    referral_consent(net)
    finished = refer(net)
    finished = referral_services.referral_accept(
        actor=net.third_counsellor, referral=finished, expected_version=finished.version
    )
    finished = referral_services.referral_complete(
        actor=net.third_counsellor,
        referral=finished,
        outcome="finished",
        completed_on=timezone.localdate(),
        expected_version=finished.version,
    )
    refer(net, request="Bitte um einen zweiten Kurs.")
    training = multiplier_training(net)
    jobcenter_staff(net, training, count=12)
    course = school_course(net, sessions=3)
    jobcenter_staff(net, course, count=20)
    return {"training": training, "course": course}


def _german(user: Any) -> Any:
    client = client_for(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    return client


def _request(client: Any, key: str, scope: str = "network") -> Report:
    with translation.override("de"):
        response = client.post(
            reverse("reporting:reports"),
            {"indicator_set": key, "start": "2026-01-01", "end": "2026-12-31", "scope": scope},
        )
    assert response.status_code == 302
    return Report.objects.latest("pk")


def _figures(html: str) -> dict[tuple[str, str], int]:
    found = {}
    for part in html.split('data-figure="')[1:]:
        code, rest = part.split('"', 1)
        gender = rest.split('data-gender="', 1)[1].split('"', 1)[0]
        found[(code, gender)] = int(rest.split(">", 1)[1].split("<", 1)[0])
    return found


def test_figures_count_referrals_and_events_of_the_period(net: Any, activity: Any) -> None:
    gender = net.participant.gender
    counted = {
        f["code"]: f
        for f in figures.compute_figures(YEAR_START, YEAR_END, FigureScope(net.owner.network_id))
    }
    assert counted["R-SENT"]["total"] == 2
    assert counted["R-SENT"]["by_gender"][gender] == 2
    assert counted["R-OUTCOME-finished"]["total"] == 1
    assert counted["R-OUTCOME-dropped_out"]["total"] == 0
    assert counted["E-EVENTS"]["total"] == 2
    assert counted["E-REACHED"] == {
        "code": "E-REACHED",
        "label_de": "Durch Veranstaltungen erreichte Personen",
        "label_en": "People reached by events",
        "total": 32,
        "by_gender": None,
    }
    assert counted["E-MULTIPLIERS"]["total"] == 12
    # Another year knows nothing of them; another organisation's scope neither.
    other_year = {
        f["code"]: f["total"]
        for f in figures.compute_figures(
            datetime.date(2025, 1, 1),
            datetime.date(2025, 12, 31),
            FigureScope(net.owner.network_id),
        )
    }
    assert set(other_year.values()) == {0}
    other_org = {
        f["code"]: f["total"]
        for f in figures.compute_figures(
            YEAR_START, YEAR_END, FigureScope(net.owner.network_id, net.other.pk)
        )
    }
    assert other_org["R-SENT"] == 0
    assert other_org["E-REACHED"] == 0


def test_event_reach_counts_a_present_participant_once(net: Any) -> None:
    course = school_course(net, sessions=2)
    reach = event_selectors.period_reach(
        network_id=net.owner.network_id, start=YEAR_START, end=YEAR_END
    )
    assert (reach.events, reach.total) == (1, 0)
    assert course.pk


def test_yearly_figures_report_shows_the_second_table_without_keys(
    net: Any, caseload: Any, activity: Any
) -> None:
    client = _german(net.coordinator)
    report = _request(client, "network")
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Weitere Zahlen des Netzwerks" in page
    shown = _figures(page)
    assert shown[("R-SENT", "total")] == 2
    assert shown[("R-OUTCOME-finished", "total")] == 1
    assert shown[("E-MULTIPLIERS", "total")] == 12
    assert "Abgeschlossene Weiterleitungen: hat das Angebot abgeschlossen" in page
    # Our own keys are no labels: only in attributes and links, never as text.
    text = page.replace('data-code="', "").replace('data-figure="', "")
    assert ">N-EXIT" not in text
    assert "N-EXIT-employment<" not in text
    assert "ESF-Code" not in page
    # No ESF sentence in a report that is not the ESF's; the title is the one heading.
    assert "nicht berichtsfähig" not in page
    assert page.count("Jahreszahlen des Netzwerks</") == 1
    assert "Zählt jede Person, deren (letzter) Austritt im Zeitraum liegt." in page
    assert "nach dem Austritt erfasst ist" not in page  # no result indicator in the set


def test_esf_report_explains_each_basis_and_names_the_network(net: Any, caseload: Any) -> None:
    client = _german(net.coordinator)
    report = _request(client, "esf")
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    bases = page.split('<dl class="lotse-bases">', 1)[1].split("</dl>", 1)[0]
    explained = [part.split("</dd>", 1)[0] for part in bases.split('<dd class="kern-body">')[1:]]
    assert explained == [
        "Zählt jede Person, deren (erster) Eintritt im Zeitraum liegt.",
        "Zählt jede Person, die im Zeitraum ausgetreten ist und deren Situation binnen vier"
        " Wochen nach dem Austritt erfasst ist; es zählt nur das letzte Arbeitsmarktereignis.",
        "Zählt jede Person, die im Zeitraum ausgetreten ist und deren Nachbefragung nach"
        " sechs Monaten beantwortet ist.",
    ]
    assert "nicht berichtsfähig" in page
    assert net.owner.network.name in page
    assert ">EECO01<" in page
    assert "Weitere Zahlen des Netzwerks" not in page


def test_xlsx_of_the_yearly_figures_has_short_sheets_labels_and_figures(
    net: Any, caseload: Any, activity: Any
) -> None:
    client = _german(net.coordinator)
    report = _request(client, "network")
    response = client.get(reverse("reporting:report_xlsx", args=[report.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="Jahreszahlen des Netzwerks 2026.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Indikatoren",
        "Weitere Zahlen",
        "Vollständigkeit",
        "Definitionen",
    ]
    assert all(len(name) <= 31 for name in workbook.sheetnames)
    every_cell = " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert "N-EXIT" not in every_cell
    assert "R-OUTCOME" not in every_cell
    assert net.owner.network.name in every_cell
    assert not any(name in every_cell for name in NAMES)
    rows = {
        row[0]: row[1:]
        for row in workbook["Weitere Zahlen"].iter_rows(min_row=6, values_only=True)
        if row[0]
    }
    assert rows["Geschulte Multiplikatorinnen und Multiplikatoren"] == (None, None, None, 12)
    assert rows["Weiterleitungen an Angebote und Partner"][-1] == 2
    # Non-ESF: no Art. 17(5) line in the completeness sheet.
    completeness = [row[0] for row in workbook["Vollständigkeit"].iter_rows(values_only=True)]
    assert not any("17(5)" in str(line) for line in completeness)


def test_pdf_names_the_network_and_has_the_figures(net: Any, caseload: Any, activity: Any) -> None:
    client = _german(net.coordinator)
    report = _request(client, "network")
    response = client.get(reverse("reporting:report_pdf", args=[report.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="Jahreszahlen des Netzwerks 2026.pdf"'
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    ).split()
    joined = " ".join(text)
    assert net.owner.network.name in joined
    assert "Multiplikatorinnen" in joined
    assert "N-EXIT" not in joined


def test_api_gives_the_figures_of_the_yearly_set(net: Any, activity: Any) -> None:
    response = client_for(net.coordinator).get(
        "/api/v1/reports/network?from=2026-01-01&to=2026-12-31", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    found = {item["code"]: item for item in response.json()["figures"]}
    assert found["E-MULTIPLIERS"] == {
        "code": "E-MULTIPLIERS",
        "label": "Geschulte Multiplikatorinnen und Multiplikatoren",
        "by_gender": None,
        "total": 12,
    }
    assert found["R-SENT"]["total"] == 2
    esf = client_for(net.coordinator).get(
        "/api/v1/reports/esf?from=2026-01-01&to=2026-12-31", HTTP_ACCEPT_LANGUAGE="de"
    )
    assert esf.json()["figures"] == []


def test_incomplete_exits_list_agrees_with_the_report_and_is_audited(
    net: Any, caseload: Any
) -> None:
    esf_person(
        net.counsellor,
        first_names="Hana",
        exit_on=datetime.date(2026, 7, 1),
        outcome="dropped_out",  # says nothing of where she went: incomplete until recorded
        situation=None,
    )
    client = _german(net.counsellor)
    report = _request(client, "esf", scope=str(net.owner.pk))
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    url = reverse("reporting:incomplete_exits", args=[report.pk])
    assert url in page
    assert report.result["incomplete_exits"] == 1
    listing = client.get(url)
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "1 von 1 unvollständigen Austritt" in text
    assert "Testperson, Hana" in text
    event = AuditEvent.objects.get(action="reporting.report.incomplete_exits_listed")
    assert event.detail == {"report": report.pk}
    # The coordinator sees numbers, never the list.
    coordinator = _german(net.coordinator)
    assert coordinator.get(url).status_code == 403


def test_reports_list_shows_who_requested_and_when(net: Any) -> None:
    client = _german(net.coordinator)
    report = _request(client, "esf")
    page = client.get(reverse("reporting:reports")).content.decode()
    assert "Angefordert von" in page
    name = net.coordinator.get_full_name() or net.coordinator.username
    assert f">{name}<" in page
    with translation.override("de"):
        stamp = report.requested_at.astimezone(timezone.get_current_timezone())
        assert stamp.strftime("%d.%m.%Y") in page


def test_audit_event_names_the_set_not_its_key(net: Any) -> None:
    _request(_german(net.coordinator), "network")
    event = AuditEvent.objects.get(action="reporting.report.requested")
    assert event.detail["indicator_set"] == "Jahreszahlen des Netzwerks"


def test_funder_lands_on_the_reports(net: Any) -> None:
    funder = member(net.municipality, Role.FUNDER, "foerderer2")
    client = client_for(funder)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:reports")


def test_progress_is_announced_and_a_missing_worker_is_named(net: Any, settings: Any) -> None:
    settings.LOTSE_REPORT_INLINE_LIMIT = -1
    client = _german(net.coordinator)
    report = _request(client, "esf")
    assert report.status == "pending"
    url = reverse("reporting:report", args=[report.pk])
    page = client.get(url).content.decode()
    status = page.split('id="report-status" role="status" aria-live="polite">', 1)[1]
    assert (
        status.split("</p>", 1)[0]
        == "Der Bericht wartet darauf, dass der Hintergrunddienst ihn startet …"
    )
    assert "seit mehr als zwei Minuten" not in page
    Report.objects.filter(pk=report.pk).update(status="running", progress=40)
    polled = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-swap-oob="true">40 % berechnet</p>' in polled
    assert 'value="40"' in polled
    Report.objects.filter(pk=report.pk).update(
        status="pending", requested_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    assert "seit mehr als zwei Minuten" in client.get(url).content.decode()


def test_placements_feed_the_yearly_figures(net: Any) -> None:
    """A placement starting in the period counts as placed; one begun at least six months
    before the period's end that still runs counts as stable."""
    enrolled(net)
    place(net, starts_on=datetime.date(2025, 4, 1))
    found = {
        f["code"]: f["total"]
        for f in figures.compute_figures(
            datetime.date(2025, 1, 1),
            datetime.date(2025, 12, 31),
            FigureScope(net.owner.network_id),
        )
    }
    assert (found["P-PLACED"], found["P-SIX-MONTHS-OLD"], found["P-STABLE"]) == (1, 1, 1)
    other_year = {
        f["code"]: f["total"]
        for f in figures.compute_figures(
            datetime.date(2024, 1, 1),
            datetime.date(2024, 12, 31),
            FigureScope(net.owner.network_id),
        )
    }
    assert other_year["P-PLACED"] == 0
