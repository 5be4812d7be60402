"""The data-protection officer reads the log in words: search by a person's name, actions by
name, details as text, list pages as one row (issue 12, part 5)."""

import datetime
import re
import uuid
from typing import Any

from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.network import services as network_services
from lotse.network.models import Membership
from lotse.participants import services
from lotse.participants.models import Participant
from tests.appointments.helpers import begun
from tests.audit.helpers import VIEWED
from tests.audit.test_audit_export import export, sheet_rows
from tests.conftest import Network, client_for, share_with_consent
from tests.factories import NetworkFactory, OrganisationFactory, member, participant_for

DE = {"accept-language": "de"}


def _log(net: Network, **params: Any) -> Any:
    return client_for(net.data_protection).get(reverse("audit:log"), params, headers=DE)


def _cells(response: Any) -> list[list[str]]:
    """The table's rows as the officer reads them (tags dropped, spaces collapsed)."""
    body = (
        response.content.decode().split('<tbody class="kern-table__body">')[1].split("</tbody>")[0]
    )
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip()
         for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]  # fmt: skip


def test_officer_finds_a_persons_events_by_name_in_any_spelling(net: Network) -> None:
    other = participant_for(net.counsellor, first_names="Leyla", last_name="Haddad")
    for participant in (net.participant, other):
        services.participant_update(
            actor=net.counsellor,
            participant=participant,
            expected_version=participant.version,
            changes={"city": "Teststadt"},
        )

    response = _log(net, name="Almasri")

    assert (
        response.context["page"].paginator.count
        == AuditEvent.objects.filter(participant_id=net.participant.pk).count()
    )
    assert {row.file_number for row in response.context["rows"]} == {net.participant.file_number}
    # The search itself is audited with whom it found, never with the name typed.
    event = AuditEvent.objects.get(action="audit.log.searched")
    assert event.detail["matches"] == [net.participant.pk]
    assert event.detail["filter"] == {"name": "•••"}
    assert not AuditEvent.objects.filter(detail__icontains="Almasri").exists()
    # And reads so on the next search.
    again = _log(net, action="audit.log.searched")
    assert f"Gefundene Teilnehmende: {net.participant.file_number}" in again.content.decode()


def test_a_name_search_stays_in_the_network_and_says_when_nobody_matches(net: Network) -> None:
    elsewhere = OrganisationFactory(network=NetworkFactory(name="Anderes Netz"))
    participant_for(member(elsewhere, "counsellor"), first_names="Zora", last_name="Quintana")

    response = _log(net, name="Quintana")

    assert response.context["page"] is None
    assert "In Ihrem Netzwerk gibt es keine Teilnehmenden mit diesem Namen." in (
        response.content.decode()
    )
    assert not AuditEvent.objects.filter(action="audit.log.searched").exists()


def test_actions_are_chosen_by_their_german_names(net: Network) -> None:
    page = _log(net).content.decode()
    select = page.split('name="action"')[1].split("</select>")[0]
    assert '<optgroup label="Teilnehmende und Fälle">' in select
    assert '<option value="participants.">Alle: Teilnehmende und Fälle</option>' in select
    assert f'<option value="{VIEWED}">Teilnehmende*r angesehen</option>' in select
    assert 'value="participants.participant.transferred"' in select

    services.contact_record(
        actor=net.counsellor, participant=net.participant, submission_key=uuid.uuid4(),
        took_place_on=datetime.date(2025, 3, 1), duration_minutes=30, form="phone",
        topics=["health"],
    )  # fmt: skip
    chosen = _log(net, action="participants.contact.recorded")
    assert {row.action for row in chosen.context["rows"]} == {"participants.contact.recorded"}
    assert "Form: Telefon; Anzahl der Themen: 1" in {row.detail for row in chosen.context["rows"]}
    assert 'value="participants.contact.recorded" selected' in chosen.content.decode()


def test_an_action_code_from_a_link_is_kept_as_a_choice(net: Network) -> None:
    page = _log(net, action="participants.contact.").content.decode()
    assert '<option value="participants.contact." selected>participants.contact.</option>' in page


def test_details_read_as_text_with_names_instead_of_ids(net: Network) -> None:
    membership = Membership.objects.get(user=net.colleague)
    network_services.account_change(
        actor=net.team_lead, membership=membership, role="volunteer", is_active=False,
        expected_version=1,
    )  # fmt: skip
    share_with_consent(net)

    shares = _cells(_log(net, action="participants.share.started"))
    changed = _cells(_log(net, action="network.account.changed"))

    assert changed[0][-1] == "Konto aktiv: ja → nein; Rolle: Berater*in → Ehrenamtliche*r"
    assert shares[0][-1] == "Träger: Jobcenter Test"
    assert "{" not in "".join(row[-1] for row in changed + shares)


def test_a_caseload_page_reads_as_one_row_and_exports_as_one_per_person(net: Network) -> None:
    for first in ("Amal", "Bashir"):
        participant_for(net.counsellor, first_names=first, last_name="Beispiel")
    client_for(net.counsellor).get("/participants/")
    numbers = sorted(Participant.objects.values_list("file_number", flat=True))

    rows = _cells(_log(net, action="participants.participant.listed"))

    assert len(rows) == 1
    assert rows[0][3].startswith("Teilnehmende*r in Liste angezeigt")
    assert rows[0][4] == "3 Teilnehmende"
    assert sorted(rows[0][5].removeprefix("Aktenzeichen ").split(", ")) == numbers
    exported = sheet_rows(export(net, action="participants.participant.listed"))
    assert len(exported) == 1 + 3


def test_searching_for_a_person_finds_the_lists_that_showed_them(net: Network) -> None:
    other = participant_for(net.colleague, first_names="Dana", last_name="Beispiel")
    client_for(net.counsellor).get("/participants/")

    found = _cells(_log(net, participant=net.participant.file_number))
    not_found = _cells(_log(net, participant=other.file_number))

    listed = "Teilnehmende*r in Liste angezeigt"
    assert [row[4] for row in found if row[3].startswith(listed)] == ["Teilnehmende*r"]
    assert not [row for row in not_found if row[3].startswith(listed)]


def test_list_pages_of_two_people_stay_two_rows(net: Network) -> None:
    client_for(net.counsellor).get("/participants/")
    client_for(net.colleague).get("/participants/?counsellor=organisation")
    rows = _cells(_log(net, action="participants.participant.listed"))
    assert [row[1] for row in rows] == ["kollegin", "berater"]


def test_one_counsellors_list_pages_in_a_row_stay_one_row_each(net: Network) -> None:
    # Grouping is for the older events of one per person; two pages read seconds apart were
    # shown as one row of both pages' people.
    participant_for(net.counsellor, first_names="Amal", last_name="Beispiel")
    client = client_for(net.counsellor)
    client.get("/participants/")
    client.get("/participants/")

    rows = _cells(_log(net, action="participants.participant.listed"))

    assert [row[4] for row in rows] == ["2 Teilnehmende", "2 Teilnehmende"]


def test_an_export_for_a_person_leaves_out_the_others_a_list_showed(net: Network) -> None:
    other = participant_for(net.counsellor, first_names="Amal", last_name="Beispiel")
    client_for(net.counsellor).get("/participants/")

    rows = sheet_rows(export(net, participant=net.participant.file_number))
    listed = [row for row in rows if row[4] == "participants.participant.listed"]

    assert [row[6] for row in listed] == [net.participant.file_number]
    everyone = sheet_rows(export(net, action="participants.participant.listed"))
    assert other.file_number in {row[6] for row in everyone}


def test_an_export_by_name_is_audited_with_the_matches(net: Network) -> None:
    rows = sheet_rows(export(net, name="Al-Masri"))
    assert len(rows) > 1
    event = AuditEvent.objects.get(action="audit.log.exported")
    assert event.detail["matches"] == [net.participant.pk]
    assert event.detail["filter"] == {"name": "•••"}


def test_details_name_sections_and_write_dates_day_first(net: Network) -> None:
    # "Reference_date: 2026-12-04" and "Line: workpermission.assessment" read as codes.
    from django.utils import translation

    from lotse.dataprotection.detail import detail_text

    with translation.override("de"):
        text = detail_text(
            {"reference_date": "2026-12-04", "line": "workpermission.assessment"},
            organisation_names={},
            file_numbers={},
        )
    assert text == "Zeile im Kopf der Teilnehmendenseite: Arbeitsmarktzugang; Stand: 04.12.2026"
    with translation.override("de"):
        panel = detail_text({"panel": "consents"}, organisation_names={}, file_numbers={})
    assert panel == "Abschnitt der Teilnehmendenseite: Einwilligungen und Freigaben"


def test_an_appointment_marked_at_the_desk_reads_in_german(net: Network) -> None:
    started = begun(net)
    client_for(net.team_lead).post(
        reverse("appointments:mark", args=[net.participant.pk, started.pk]),
        {"status": "done", "version": started.version, "next": "/"},
    )

    rows = _cells(_log(net, action="appointments.appointment.marked"))

    assert [row[6] for row in rows] == ["Status: geplant → wahrgenommen"]
