"""Exporting the audit log as XLSX: same columns as the page, and the export is audited."""

import datetime
import io
import zoneinfo
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.audit.services import audit_record
from lotse.participants.models import Participant
from tests.audit.helpers import VIEWED, event_at
from tests.conftest import SECRET_ANNOTATION, SECRET_NOTE, Network, client_for
from tests.factories import participant_for

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
HEADER = ["Time (Europe/Berlin)", "User", "Organisation", "Action", "Action code", "Object",
          "Participant", "Detail"]  # fmt: skip


def export(net: Network, **params: Any) -> Any:
    return client_for(net.data_protection).get(
        reverse("audit:export"), params, headers={"accept-language": "en"}
    )


def sheet_rows(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].startswith('attachment; filename="Audit log 20')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows(values_only=True))


@pytest.fixture
def second(net: Network) -> Participant:
    return participant_for(net.other_counsellor, first_names="Leyla", last_name="Haddad")


def test_export_rows_and_cells(net: Network, second: Participant) -> None:
    event_at(datetime.datetime(2025, 3, 2, 0, 30, tzinfo=BERLIN), actor_username="berater",
             organisation_id=net.owner.pk, action=VIEWED,
             object_type="participants.participant", object_id=str(net.participant.pk),
             participant_id=net.participant.pk, detail={"access": "owner"})  # fmt: skip
    event_at(datetime.datetime(2025, 3, 3, 12, 0, tzinfo=BERLIN), actor_username="jobcenter",
             organisation_id=net.other.pk, action=VIEWED, participant_id=second.pk)  # fmt: skip
    rows = sheet_rows(export(net, action=VIEWED))
    assert rows[0] == tuple(HEADER)
    assert len(rows) == 3
    newest, oldest = rows[1], rows[2]
    assert newest[1:3] == ("jobcenter", "Jobcenter Test")
    assert newest[6] == second.file_number
    assert oldest == (
        datetime.datetime(2025, 3, 2, 0, 30),  # local time, as the page shows it
        "berater",
        "Sozialwerk Test",
        "Participant viewed",
        VIEWED,
        f"participant {net.participant.pk}",
        net.participant.file_number,
        "Access: own organisation's case",  # text, not JSON
    )


def test_export_follows_the_filter(net: Network, second: Participant) -> None:
    for actor, participant in ((net.counsellor, net.participant), (net.colleague, net.participant),
                               (net.other_counsellor, second)):  # fmt: skip
        audit_record(actor=actor, action=VIEWED, participant_id=participant.pk)
    assert len(sheet_rows(export(net, action=VIEWED))) == 1 + 3
    assert len(sheet_rows(export(net, action=VIEWED, organisation=net.owner.pk))) == 1 + 2
    assert len(sheet_rows(export(net, action=VIEWED, user="jobcenter"))) == 1 + 1
    rows = sheet_rows(export(net, action=VIEWED, participant=second.file_number))
    assert [row[6] for row in rows[1:]] == [second.file_number]


def test_export_is_audited_with_its_filter(net: Network) -> None:
    audit_record(actor=net.counsellor, action=VIEWED, participant_id=net.participant.pk)
    sheet_rows(export(net, action=VIEWED, user="berater", date_to="2999-01-01"))
    event = AuditEvent.objects.get(action="audit.log.exported")
    assert event.actor_username == "datenschutz"
    assert event.organisation_id == net.municipality.pk
    assert event.detail == {
        "filter": {"action": VIEWED, "user": "berater", "to": "2999-01-01"},
        "rows": 1,
        "format": "xlsx",
    }
    # The export shows up in the log like any other event.
    rows = sheet_rows(export(net, action="audit."))
    assert [row[4] for row in rows[1:]] == ["audit.log.exported"]


def test_export_contains_no_personal_data_of_participants(net: Network) -> None:
    audit_record(
        actor=net.counsellor,
        action="participants.test.leaky",
        participant_id=net.participant.pk,
        detail={"email": "m.almasri@mail.example"},
    )
    text = repr(sheet_rows(export(net)))
    for secret in ("Mohammad", "Al-Masri", "m.almasri@mail.example", SECRET_NOTE,
                   SECRET_ANNOTATION):  # fmt: skip
        assert secret not in text
    assert net.participant.file_number in text


def test_export_writes_text_never_formulas(net: Network) -> None:
    where = {"organisation_id": net.owner.pk, "network_id": net.owner.network_id}
    AuditEvent.objects.create(actor_username='=HYPERLINK("http://evil.example","x")',
                              action=VIEWED, **where)  # fmt: skip
    AuditEvent.objects.create(actor_username="bad\x07name", action=VIEWED, **where)
    response = export(net, action=VIEWED)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=2).value == "badname"  # control characters dropped
    formula = sheet.cell(row=3, column=2)
    assert formula.value == '=HYPERLINK("http://evil.example","x")'
    assert formula.data_type == "s"


def test_export_bad_filter_redirects_with_message_and_exports_nothing(net: Network) -> None:
    client = client_for(net.data_protection)
    response = client.get(
        reverse("audit:export"), {"date_from": "2025-03-02", "date_to": "2025-03-01"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith(reverse("audit:log"))
    assert [str(m) for m in response.context["messages"]]
    assert "date_to" in response.context["form"].errors
    assert not AuditEvent.objects.filter(action="audit.log.exported").exists()


def test_the_export_keeps_a_german_name(net: Network) -> None:
    response = client_for(net.data_protection).get(
        reverse("audit:export"), headers={"accept-language": "de"}
    )
    today = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Berlin")).date()
    assert (
        response["Content-Disposition"] == f'attachment; filename="Protokoll {today:%Y-%m-%d}.xlsx"'
    )


def test_the_export_limit_counts_a_lists_people_as_rows(
    net: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One caseload page is one event but a row per person: the limit counted events, so a
    # month of the desk's lists passed it with more rows than a spreadsheet holds.
    second = participant_for(net.counsellor, first_names="Amal", last_name="Beispiel")
    client_for(net.counsellor).get("/participants/")
    listed = {"action": "participants.participant.listed"}
    monkeypatch.setattr("lotse.dataprotection.views.EXPORT_MAX_ROWS", 1)

    refused = client_for(net.data_protection).get(
        reverse("audit:export"), listed, headers={"accept-language": "en"}, follow=True
    )
    for_one = export(net, participant=second.file_number, **listed)

    assert [str(m) for m in refused.context["messages"]] == [
        "The filter matches 2 rows; at most 1 can be exported at once. "
        "Please narrow the filter, for example to a shorter period."
    ]
    assert [row[6] for row in sheet_rows(for_one)[1:]] == [second.file_number]
