"""Reports on screen, as XLSX and PDF, the people behind a number, and who may see what."""

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.core.errors import DomainError
from lotse.network.enums import Role
from lotse.reporting import services
from lotse.reporting.models import Report
from tests.audit.helpers import listed
from tests.conftest import client_for
from tests.factories import member
from tests.reporting.helpers import YEAR_END, YEAR_START, esf_caseload

pytestmark = pytest.mark.django_db

NAMES = ("Amal", "Bashir", "Dana", "Farid", "Jana", "Testperson", "Al-Masri")


@pytest.fixture
def caseload(net: Any) -> dict[str, Any]:
    return esf_caseload(net)


def _request(client: Any, scope: str, start: str = "2026-01-01", end: str = "2026-12-31") -> Any:
    with translation.override("de"):
        return client.post(
            reverse("reporting:reports"),
            {"indicator_set": "esf", "start": start, "end": end, "scope": scope},
            HTTP_ACCEPT_LANGUAGE="de",
        )


def _numbers(html: str) -> dict[tuple[str, str], int]:
    """The report table's cells by (code, gender), read from the page."""
    found = {}
    for part in html.split('data-code="')[1:]:
        code, rest = part.split('"', 1)
        gender = rest.split('data-gender="', 1)[1].split('"', 1)[0]
        cell = rest.split(">", 1)[1].split("</td>", 1)[0]
        value = cell.rsplit(">", 2)[-2].split("<")[0] if "<a" in cell else cell
        found[(code, gender)] = int(value.strip())
    return found


def _report_page(client: Any, report: Report) -> str:
    with translation.override("de"):
        response = client.get(
            reverse("reporting:report", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="de"
        )
    assert response.status_code == 200
    return response.content.decode()


def test_coordinator_reports_on_the_network(net: Any, caseload: Any) -> None:
    client = client_for(net.coordinator)
    response = _request(client, "network")
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "done"
    assert report.definitions_version
    numbers = _numbers(_report_page(client, report))
    # Farid lacks his labour-market status; the coordinator's network holds the other four.
    assert numbers[("EECO01", "total")] == 4
    assert numbers[("EECO01", "female")] == 2
    assert numbers[("EECO01", "diverse")] == 1
    assert numbers[("EECO02", "total")] == 2
    assert numbers[("EECO03", "total")] == 1
    assert numbers[("EECO04", "total")] == 1
    assert numbers[("EECO05", "total")] == 1
    assert numbers[("EECR04", "female")] == 1
    assert numbers[("EECR01", "male")] == 1
    assert report.result["not_reportable"] == 1


def test_funder_and_coordinator_see_numbers_never_names(net: Any, caseload: Any) -> None:
    funder = member(net.municipality, Role.FUNDER, "foerderer")
    _request(client_for(net.coordinator), "network")
    report = Report.objects.get()
    for user in (funder, net.coordinator):
        client = client_for(user)
        page = _report_page(client, report)
        assert not any(name in page for name in NAMES)
        assert reverse("reporting:report_people", args=[report.pk, "EECO01"]) not in page
        people = client.get(reverse("reporting:report_people", args=[report.pk, "EECO01"]))
        assert people.status_code == 403
        case = client.get(reverse("participants:detail", args=[caseload["amal"].pk]))
        assert case.status_code == 404


def test_funder_may_request_a_network_report(net: Any, caseload: Any) -> None:
    funder = member(net.municipality, Role.FUNDER, "foerderer")
    assert _request(client_for(funder), "network").status_code == 302
    assert Report.objects.get().result["values"][0]["total"] == 4


def test_counsellor_reports_on_the_own_organisation_only(net: Any, caseload: Any) -> None:
    client = client_for(net.counsellor)
    refused = _request(client, str(net.other.pk))
    assert refused.status_code == 200
    assert not Report.objects.exists()
    refused = _request(client, "network")
    assert not Report.objects.exists()
    assert _request(client, str(net.owner.pk)).status_code == 302
    report = Report.objects.get()
    assert _numbers(_report_page(client, report))[("EECO01", "total")] == 3
    # A report of the network is not the counsellor's to read.
    network_report = services.report_request(
        actor=net.coordinator,
        network=net.owner.network,
        organisation=None,
        key="esf",
        start=YEAR_START,
        end=YEAR_END,
    )
    assert client.get(reverse("reporting:report", args=[network_report.pk])).status_code == 404


def test_service_refuses_a_scope_the_user_may_not_report_on(net: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.report_request(
            actor=net.counsellor,
            network=net.owner.network,
            organisation=net.other,
            key="esf",
            start=YEAR_START,
            end=YEAR_END,
        )
    with pytest.raises(PermissionDenied):
        services.report_request(
            actor=net.volunteer,
            network=net.owner.network,
            organisation=net.owner,
            key="esf",
            start=YEAR_START,
            end=YEAR_END,
        )


def test_period_ending_before_it_starts_is_refused(net: Any) -> None:
    response = _request(client_for(net.coordinator), "network", "2026-12-31", "2026-01-01")
    assert response.status_code == 200
    assert "Der Zeitraum endet, bevor er beginnt." in response.content.decode()
    assert not Report.objects.exists()
    with pytest.raises(DomainError):
        services.report_request(
            actor=net.coordinator,
            network=net.owner.network,
            organisation=None,
            key="esf",
            start=YEAR_END,
            end=YEAR_START,
        )


def test_drill_down_names_only_visible_people_and_is_audited(net: Any, caseload: Any) -> None:
    client = client_for(net.counsellor)
    _request(client, str(net.owner.pk))
    report = Report.objects.get()
    page = _report_page(client, report)
    url = reverse("reporting:report_people", args=[report.pk, "EECR04"])
    assert f'{url}?gender=female"' in page
    response = client.get(url + "?gender=female")
    text = response.content.decode()
    assert "Amal" in text
    assert "Bashir" not in text
    assert listed("reporting.report.people_listed") == [caseload["amal"].pk]
    # The team lead of the Jobcenter sees the Jobcenter's people only.
    lead = member(net.other, Role.TEAM_LEAD, "jc-leitung")
    assert client_for(lead).get(url).status_code == 404


def test_xlsx_numbers_match_the_screen(net: Any, caseload: Any) -> None:
    client = client_for(net.coordinator)
    _request(client, "network")
    report = Report.objects.get()
    screen = _numbers(_report_page(client, report))
    with translation.override("de"):
        response = client.get(
            reverse("reporting:report_xlsx", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="de"
        )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Indikatoren", "Vollständigkeit", "Definitionen"]
    sheet = workbook["Indikatoren"]
    assert [row[:2] for row in sheet.iter_rows(max_row=2, values_only=True)] == [
        ("ESF Plus: gemeinsame Indikatoren", None),
        ("Netzwerk", net.owner.network.name),
    ]
    header, *table = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert header == (
        "Indikator",
        "ESF-Code",
        "Frauen",
        "Männer",
        "nicht-binär / divers",
        "Insgesamt",
    )
    assert len(table) == len({code for code, _gender in screen})
    for _label, code, women, men, diverse, total in table:
        assert (women, men, diverse, total) == (
            screen[(code, "female")],
            screen[(code, "male")],
            screen[(code, "diverse")],
            screen[(code, "total")],
        )
    definitions = list(workbook["Definitionen"].iter_rows(values_only=True))
    assert any(row[1] == "EECR04" and "4 Wochen" in str(row[3]) for row in definitions)
    assert not any(name in str(list(sheet.values)) for name in NAMES)


def test_pdf_numbers_match_the_screen(net: Any, caseload: Any) -> None:
    client = client_for(net.coordinator)
    _request(client, "network")
    report = Report.objects.get()
    screen = _numbers(_report_page(client, report))
    with translation.override("de"):
        response = client.get(
            reverse("reporting:report_pdf", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="de"
        )
    assert response.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    tokens = text.split()
    for code in ("EECO01", "EECO02", "EECR01", "EECR04"):
        # The first table holds the numbers (labels may wrap around them); these labels hold
        # no digits, so the four numbers after the code are the row's.
        after = tokens[tokens.index(code) + 1 :]
        numbers = [int(token) for token in after if token.isdigit()][:4]
        assert numbers == [
            screen[(code, "female")],
            screen[(code, "male")],
            screen[(code, "diverse")],
            screen[(code, "total")],
        ]
    assert not any(name in text for name in NAMES)


@pytest.mark.django_db(transaction=True)
def test_large_report_runs_in_the_background_once(net: Any, caseload: Any, settings: Any) -> None:
    settings.LOTSE_REPORT_INLINE_LIMIT = 0
    client = client_for(net.coordinator)
    first = _request(client, "network")
    second = _request(client, "network")
    assert first["Location"] == second["Location"]
    report = Report.objects.get()
    assert report.status == "pending"
    page = _report_page(client, report)
    assert 'hx-trigger="every 1s"' in page
    assert "<progress" in page
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    report.refresh_from_db()
    assert report.status == "done"
    assert report.result["values"][0]["total"] == 4
    assert "<progress" not in _report_page(client, report)


def test_stored_report_keeps_its_parameters(net: Any, caseload: Any) -> None:
    report = services.report_request(
        actor=net.coordinator,
        network=net.owner.network,
        organisation=net.owner,
        key="esf",
        start=datetime.date(2026, 6, 1),
        end=datetime.date(2026, 6, 30),
    )
    assert (report.indicator_set, report.period_start, report.organisation_id) == (
        "esf",
        datetime.date(2026, 6, 1),
        net.owner.pk,
    )
    values = {v["code"]: v["total"] for v in report.result["values"]}
    # Nobody entered in June; two left in June with their situation known.
    assert values["EECO01"] == 0
    assert values["EECR04"] == 1
    assert values["EECR01"] == 1


def test_not_reportable_list_names_what_is_missing(net: Any, caseload: Any) -> None:
    url = reverse("reporting:not_reportable")
    with translation.override("de"):
        response = client_for(net.counsellor).get(url, HTTP_ACCEPT_LANGUAGE="de")
    text = response.content.decode()
    assert "Farid" in text
    assert "Erwerbsstatus bei Eintritt" in text
    assert "Amal" not in text
    assert listed("reporting.not_reportable.listed") == [caseload["farid"].pk]
    assert "Farid" not in client_for(net.other_counsellor).get(url).content.decode()
    assert client_for(net.coordinator).get(url).status_code == 403


def test_drill_down_heading_shows_esf_codes_but_not_our_own_keys(net: Any, caseload: Any) -> None:
    client = client_for(net.counsellor)
    _request(client, str(net.owner.pk))
    esf = Report.objects.get()
    with translation.override("de"):
        client.post(
            reverse("reporting:reports"),
            {
                "indicator_set": "network",
                "start": "2026-01-01",
                "end": "2026-12-31",
                "scope": str(net.owner.pk),
            },
            HTTP_ACCEPT_LANGUAGE="de",
        )
    yearly = Report.objects.exclude(pk=esf.pk).get()
    shown = {}
    for report, code in ((esf, "EECO01"), (yearly, "N-ACTIVE")):
        response = client.get(
            reverse("reporting:report_people", args=[report.pk, code]), HTTP_ACCEPT_LANGUAGE="de"
        )
        assert response.status_code == 200
        heading = response.content.decode().split('<h1 class="kern-heading-large">')[1]
        shown[code] = heading.split("</h1>")[0]
    assert shown == {
        "EECO01": "EECO01: Teilnehmende insgesamt",
        "N-ACTIVE": "Teilnehmende im Zeitraum",
    }
