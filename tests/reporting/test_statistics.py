"""Open statistics: published only by the coordinator's decision, counted for the year, and
protected: a small group is ".", and no hidden cell can be recomputed from what is shown."""

import csv
import datetime
import io
import uuid
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.utils import translation

from lotse.audit.models import AuditEvent
from lotse.participants import services
from lotse.profiles.parts import PARTS
from lotse.reporting.disclosure import SUPPRESSED_SIGN
from lotse.reporting.statistics.selectors import compute
from lotse.reporting.statistics.services import statistics_publication_save
from tests.conftest import Network, client_for
from tests.factories import participant_for
from tests.offers.helpers import berufssprachkurs

YEAR = 2026
NAMES = ("Al-Masri", "Bashir", "Chadi", "Dunja")


def _person(
    net: Network, first: str, birth: str, gender: str, nationality: str, **more: Any
) -> Any:
    participant = participant_for(
        net.counsellor,
        first_names=first,
        last_name=NAMES[1],
        birth_date=datetime.date.fromisoformat(birth),
        gender=gender,
        nationality=nationality,
        city=more.pop("city", "Beispielstadt"),
    )
    services.participant_enrol(
        actor=net.counsellor, participant=participant, entry_date=datetime.date(YEAR, 2, 1)
    )
    if "outcome" in more:
        services.participant_exit(
            actor=net.counsellor,
            participant=participant,
            exit_date=datetime.date(YEAR, 9, 30),
            outcome=more["outcome"],
        )
    if "german" in more:
        PARTS["languages"].save(
            actor=net.counsellor,
            participant=participant,
            data={"language": "de", "level": more["german"]},
            item=None,
        )
    return participant


@pytest.fixture
def people(net: Network) -> Network:
    """Twelve adults of 25–34 (six women, six men, Syrian) and one person under 18: a group
    of one, which no published cell may reveal."""
    for i in range(6):
        _person(net, f"Frau{i}", "1995-03-01", "female", "SY", german="A2")
        _person(net, f"Mann{i}", "1994-05-01", "male", "SY", german="A2", outcome="employment")
    _person(net, "Jung", "2010-01-01", "male", "ER", city="Kleindorf", german="A2")
    return net


def _publish(net: Network, **changes: Any) -> None:
    statistics_publication_save(
        actor=net.coordinator,
        network=net.owner.network,
        public=changes.get("public", True),
        threshold=changes.get("threshold", 3),
        expected_version=None,
    )


def _german(net: Network) -> Any:
    with translation.override("de"):
        return compute(net.owner.network_id, YEAR, 3)


def _rows(table: Any) -> dict[str, list[Any]]:
    return dict(table.published())


def test_a_group_of_one_is_suppressed_with_cells_that_would_give_it_back(people: Network) -> None:
    statistics = _german(people)
    age = statistics.table("age")
    assert age is not None
    rows = _rows(age)
    # Columns: female, male, diverse, not stated, total. The person under 18 is a male one.
    assert rows["unter 18"] == [0, SUPPRESSED_SIGN, 0, 0, SUPPRESSED_SIGN]
    assert rows["25 bis 34"][0] == 6
    # The men's column would give the one back from its total: another cell hides too.
    assert rows["25 bis 34"][1] == SUPPRESSED_SIGN
    assert rows["Insgesamt"][1] == 7


def test_no_published_table_has_a_lone_hidden_cell_in_a_row_or_column(people: Network) -> None:
    statistics = _german(people)
    for table in statistics.tables:
        grid = [cells for _label, cells in table.published()]
        for line in [*grid, *zip(*grid, strict=True)]:
            assert list(line).count(SUPPRESSED_SIGN) != 1, table.key


def test_the_persona_of_the_net_is_not_counted_before_entering(people: Network) -> None:
    # The persona participant is registered, never enrolled.
    statistics = _german(people)
    residence = statistics.table("residence")
    assert residence is not None
    assert _rows(residence)["Insgesamt"][-1] == 13


def test_small_nationalities_are_counted_as_other(people: Network) -> None:
    nationality = _german(people).table("nationality")
    assert nationality is not None
    assert list(_rows(nationality)) == ["Syrien", "andere", "Insgesamt"]


def test_needs_stand_beside_the_free_seats_of_fitting_courses(people: Network) -> None:
    berufssprachkurs(people, min_german="A2", seats_free=7, documents=[])
    berufssprachkurs(people, min_german="A2", seats_free=5, documents=["duldung"])
    statistics = _german(people)
    needs = statistics.table("needs")
    assert needs is not None
    # Everyone has A2 and needs a B1 course; none has a residence document recorded here. The
    # six men who left for work are no open cases any more.
    assert _rows(needs)["nicht erfasst"] == [0, 0, 7, 0, 0, 7]
    capacity = dict(statistics.capacity.table())
    assert list(capacity["Duldung"]) == [0, 0, 12, 0, 0]
    assert list(capacity["Niederlassungserlaubnis"]) == [0, 0, 7, 0, 0]


def test_the_statistics_are_not_public_until_the_coordinator_publishes(people: Network) -> None:
    url = f"/reports/statistics/{people.owner.network_id}/"
    assert Client().get(url).status_code == 404
    assert client_for(people.counsellor).get(url).status_code == 404
    preview = client_for(people.coordinator).get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert preview.status_code == 200
    assert "Vorschau" in preview.content.decode()


def test_the_coordinator_publishes_with_a_threshold(people: Network) -> None:
    client = client_for(people.coordinator)
    page = client.get("/reports/statistics/settings/")
    assert page.status_code == 200
    response = client.post(
        "/reports/statistics/settings/",
        {"public": "on", "threshold": "5", "submission_key": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="reporting.statistics.published").count() == 1
    public = Client().get(f"/reports/statistics/{people.owner.network_id}/")
    assert public.status_code == 200
    assert public.context["statistics"].threshold == 5


def test_a_threshold_below_three_is_refused(people: Network) -> None:
    response = client_for(people.coordinator).post(
        "/reports/statistics/settings/",
        {"public": "on", "threshold": "1", "submission_key": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="reporting.statistics.published").exists()


def test_a_stale_settings_form_is_refused(people: Network) -> None:
    _publish(people)
    response = client_for(people.coordinator).post(
        "/reports/statistics/settings/", {"threshold": "4", "version": "7"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


@pytest.mark.parametrize("persona", ["counsellor", "team_lead", "data_protection"])
def test_only_the_coordinator_switches(net: Network, persona: str) -> None:
    client = client_for(getattr(net, persona))
    assert client.get("/reports/statistics/settings/").status_code == 403


def test_the_public_page_shows_the_sign_and_the_methods_note(people: Network) -> None:
    _publish(people)
    response = Client().get(
        f"/reports/statistics/{people.owner.network_id}/?year={YEAR}", HTTP_ACCEPT_LANGUAGE="de"
    )
    text = response.content.decode()
    assert '<td class="kern-table__cell kern-table__cell--numeric">.</td>' in text
    assert "Methoden" in text
    assert "Sekundärsperrung" in text
    for name in (*NAMES, "Frau0", "Jung", "Kleindorf"):
        assert name not in text


def test_the_csv_shows_the_same_cells(people: Network) -> None:
    _publish(people)
    response = Client().get(
        f"/reports/statistics/{people.owner.network_id}/age.csv?year={YEAR}",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [f"Teilnehmende nach Altersgruppe – {people.owner.network.name} {YEAR}"]
    assert rows[1] == [
        "Alter am Jahresende",
        "weiblich",
        "männlich",
        "divers",
        "keine Angabe",
        "Insgesamt",
    ]
    by_label = {row[0]: row[1:] for row in rows[2:]}
    assert by_label["unter 18"] == ["0", ".", "0", "0", "."]
    assert by_label["Insgesamt"] == ["6", "7", "0", "0", "13"]


def test_the_xlsx_shows_the_same_cells(people: Network) -> None:
    _publish(people)
    response = Client().get(
        f"/reports/statistics/{people.owner.network_id}/statistik.xlsx?year={YEAR}",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Methoden"
    sheet = workbook["Altersgruppen"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    by_label = {row[0]: row[1:] for row in values if row and row[0]}
    assert by_label["unter 18"] == [0, ".", 0, 0, "."]
    assert by_label["Insgesamt"] == [6, 7, 0, 0, 13]
    texts = " ".join(str(cell.value) for ws in workbook for row in ws.iter_rows() for cell in row)
    for name in (*NAMES, "Frau0", "Jung", "Kleindorf"):
        assert name not in texts


def test_an_unknown_table_or_network_is_not_found(people: Network) -> None:
    _publish(people)
    assert Client().get(f"/reports/statistics/{people.owner.network_id}/x.csv").status_code == 404
    assert Client().get("/reports/statistics/999999/").status_code == 404


# --- issue 16 QA: capacity in every form, years with data, titles, short sheets ----------------


def test_capacity_is_on_the_page_in_the_csv_and_in_the_xlsx(people: Network) -> None:
    berufssprachkurs(people, documents=["residence_permit"])
    _publish(people)
    base = f"/reports/statistics/{people.owner.network_id}"
    page = Client().get(f"{base}/?year={YEAR}", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'data-table="capacity"' in page
    assert f"{base}/capacity.csv?year={YEAR}" in page
    response = Client().get(f"{base}/capacity.csv?year={YEAR}", HTTP_ACCEPT_LANGUAGE="de")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    title = "Freie Plätze in den Sprachkursen, die zu jeder Gruppe passen"
    assert rows[0] == [f"{title} – {people.owner.network.name} {YEAR}"]
    by_label = {row[0]: row[1:] for row in rows[2:]}
    assert by_label["Aufenthaltserlaubnis oder Fiktionsbescheinigung"] == ["0", "0", "0", "4", "0"]
    assert by_label["Duldung"] == ["0", "0", "0", "0", "0"]
    workbook = openpyxl.load_workbook(
        io.BytesIO(Client().get(f"{base}/statistik.xlsx?year={YEAR}").content)
    )
    assert workbook.sheetnames == [
        "Methoden",
        "Altersgruppen",
        "Aufenthaltsstatus",
        "Staatsangehörigkeit",
        "Wohnort",
        "Austritte",
        "Bedarf Deutschkurse",
        "Freie Plätze",
    ]
    capacity = [
        [cell.value for cell in row] for row in workbook["Freie Plätze"].iter_rows(min_row=3)
    ]
    assert ["Aufenthaltserlaubnis oder Fiktionsbescheinigung", 0, 0, 0, 4, 0] in capacity


def test_files_have_german_names(people: Network) -> None:
    _publish(people)
    base = f"/reports/statistics/{people.owner.network_id}"
    name = people.owner.network.name
    response = Client().get(f"{base}/statistik.xlsx?year={YEAR}", HTTP_ACCEPT_LANGUAGE="de")
    assert (
        response["Content-Disposition"] == f'attachment; filename="Statistik {YEAR} - {name}.xlsx"'
    )
    csv_response = Client().get(f"{base}/age.csv?year={YEAR}", HTTP_ACCEPT_LANGUAGE="de")
    assert (
        f'filename="Statistik {YEAR} Altersgruppen - {name}.csv"'
        in csv_response["Content-Disposition"]
    )


def test_only_years_with_participants_are_offered(people: Network) -> None:
    _publish(people)
    base = f"/reports/statistics/{people.owner.network_id}"
    response = Client().get(f"{base}/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.context["years"] == [YEAR]
    # A year before anyone entered falls back to this year.
    earlier = Client().get(f"{base}/?year={YEAR - 2}", HTTP_ACCEPT_LANGUAGE="de")
    assert earlier.context["statistics"].year == YEAR
    assert f"?year={YEAR - 1}" not in earlier.content.decode()


def test_the_threshold_refuses_less_than_three_with_that_number(net: Network) -> None:
    client = client_for(net.coordinator)
    page = client.get("/reports/statistics/settings/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'min="3"' in page
    assert 'min="0"' not in page
    response = client.post(
        "/reports/statistics/settings/",
        {"public": "on", "threshold": "2", "submission_key": str(uuid.uuid4())},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["threshold"] == [
        "Die kleinste gezeigte Zahl muss mindestens 3 sein."
    ]
    assert not AuditEvent.objects.filter(action="reporting.statistics.published").exists()


def test_the_other_row_of_rare_nationalities_shows_no_small_count(people: Network) -> None:
    # Two rare nationalities (ER from the fixture, one AF): summed into "other" (2 people).
    _person(people, "Selten", "1990-01-01", "female", "AF")
    with translation.override("de"):
        nationality = compute(people.owner.network_id, YEAR, 3).table("nationality")
        assert nationality is not None
        rows = dict(nationality.published())
    assert "andere" in rows
    assert all(cell in (0, SUPPRESSED_SIGN) for cell in rows["andere"])


def test_saving_only_the_threshold_says_the_settings_were_saved(people: Network) -> None:
    _publish(people)
    client = client_for(people.coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    form = client.get("/reports/statistics/settings/").context["form"]
    response = client.post(
        "/reports/statistics/settings/",
        {"public": "on", "threshold": "4", "version": str(form["version"].value())},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Die Einstellungen wurden gespeichert."]
