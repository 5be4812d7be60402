"""The work-permission panel of a participant, through every persona (DESIGN.md §4)."""

import datetime
import re

import pytest
from django.urls import reverse

from lotse.audit.models import AuditEvent
from lotse.workpermission import services
from lotse.workpermission.models import ResidenceFacts
from tests.conftest import SECRET_ANNOTATION, Network, client_for, share_with_consent
from tests.workpermission.helpers import gestattung_facts, record_document


def panel_url(net: Network, **params: str) -> str:
    url = reverse("workpermission:assessment", args=[net.participant.pk])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{url}?{query}" if query else url


def test_owner_page_has_the_panel_slot_and_the_panel_renders(net: Network) -> None:
    gestattung_facts(net)
    client = client_for(net.counsellor)
    page = client.get(reverse("participants:detail", args=[net.participant.pk])).content.decode()
    assert panel_url(net) in page
    assert 'hx-trigger="load"' in page
    response = client.get(panel_url(net), headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Beschäftigung:" in html
    assert "Ausländerbehörde" in html
    assert reverse("workpermission:facts_edit", args=[net.participant.pk]) in html


def test_panel_without_htmx_is_a_full_page(net: Network) -> None:
    response = client_for(net.team_lead).get(panel_url(net))
    assert response.status_code == 200
    assert "<html" in response.content.decode()


@pytest.mark.parametrize("persona", ["other_counsellor", "third_counsellor"])
def test_other_organisation_without_consent_gets_404(net: Network, persona: str) -> None:
    gestattung_facts(net)
    client = client_for(getattr(net, persona))
    assert client.get(panel_url(net)).status_code == 404
    facts_url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    assert client.get(facts_url).status_code == 404


def test_shared_organisation_sees_the_panel_but_cannot_edit_facts(net: Network) -> None:
    share_with_consent(net)
    gestattung_facts(net)
    client = client_for(net.other_counsellor)
    page = client.get(reverse("participants:detail", args=[net.participant.pk])).content.decode()
    assert panel_url(net) in page
    html = client.get(panel_url(net)).content.decode()
    assert "Beschäftigung:" in html
    facts_url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    assert facts_url not in html
    assert client.get(facts_url).status_code == 404


@pytest.mark.parametrize("persona", ["volunteer", "coordinator", "data_protection"])
def test_roles_without_case_file_get_no_panel(net: Network, persona: str) -> None:
    net.participant.volunteers.add(
        net.volunteer, through_defaults={"network_id": net.participant.network_id}
    )
    client = client_for(getattr(net, persona))
    response = client.get(panel_url(net))
    assert response.status_code == 404
    assert SECRET_ANNOTATION not in response.content.decode()
    detail = client.get(reverse("participants:detail", args=[net.participant.pk]))
    assert panel_url(net) not in detail.content.decode()


def test_panel_view_is_audited(net: Network) -> None:
    client_for(net.counsellor).get(panel_url(net, reference_date="2025-07-16"))
    event = AuditEvent.objects.get(action="workpermission.assessment.viewed")
    assert (event.participant_id, event.detail) == (
        net.participant.pk,
        {"access": "owner", "reference_date": "2025-07-16"},
    )


@pytest.mark.parametrize(
    ("reference", "headline", "not_yet"),
    [
        # 6 months after the application on 15.01.2025 end on 15.07.2025 (§ 61 Abs. 1 AsylG).
        (
            "2025-07-15",
            "Beschäftigung: Anspruch auf Erlaubnis der Ausländerbehörde ab dem 16.07.2025 — "
            "§ 61 Abs. 1 S. 2 AsylG",
            True,
        ),
        (
            "2025-07-16",
            "Beschäftigung: Anspruch auf Erlaubnis der Ausländerbehörde — § 61 Abs. 1 S. 2 AsylG",
            False,
        ),
    ],
)
def test_gestattung_panel_on_both_sides_of_the_waiting_period(
    net: Network, reference: str, headline: str, not_yet: bool
) -> None:
    gestattung_facts(net)
    html = (
        client_for(net.counsellor)
        .get(panel_url(net, reference_date=reference), headers={"accept-language": "de"})
        .content.decode()
    )
    assert headline in html
    day = datetime.date.fromisoformat(reference).strftime("%d.%m.%Y")
    assert f"Stand: {day} · " in html
    assert ("Zurzeit noch nicht möglich" in html) == not_yet


def test_panel_follows_the_language(net: Network) -> None:
    gestattung_facts(net)
    client = client_for(net.counsellor)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(panel_url(net, reference_date="2025-07-15")).content.decode()
    assert "Employment: entitled to a permit from the immigration office from 16 July 2025" in html
    assert "Not possible yet" in html


@pytest.mark.parametrize("value", ["2025-13-01", "01.05.2025x", "2010-01-01"])
def test_reference_date_is_validated(net: Network, value: str) -> None:
    response = client_for(net.counsellor).get(panel_url(net, reference_date=value))
    assert response.status_code == 400


def test_changing_the_document_updates_the_panel(net: Network) -> None:
    gestattung_facts(net)
    client = client_for(net.counsellor)
    before = client.get(panel_url(net, reference_date="2025-08-01")).content.decode()
    assert "Anspruch auf Erlaubnis" in before
    record_document(
        net.counsellor,
        net.participant,
        document_type="residence_permit",
        section="§ 25 Abs. 2",
        issued_on=datetime.date(2025, 7, 20),
        valid_until=datetime.date(2028, 7, 19),
    )
    after = client.get(panel_url(net, reference_date="2025-08-01")).content.decode()
    assert "Beschäftigung: ohne weitere Erlaubnis erlaubt" in after


def test_panel_without_document(net: Network) -> None:
    net.participant.current_document = None
    net.participant.save(update_fields=["current_document"])
    client = client_for(net.counsellor)
    html = client.get(panel_url(net), headers={"accept-language": "de"}).content.decode()
    assert (
        "Kein Aufenthaltsdokument erfasst. Fügen Sie das aktuelle Dokument hinzu, um zu sehen, "
        "was diese Person darf."
    ) in html


def facts_post(**changes: str) -> dict[str, str]:
    data = {
        "entry_date": "2025-01-10",
        "asylum_request_date": "2025-01-15",
        "asylum_application_date": "2025-01-15",
        "asylum_decision": "pending",
        "suspensive_effect_ordered": "unknown",
        "lives_in_reception_centre": "true",
        "duldung_since": "",
        "identity_clarified": "unknown",
        "unaccompanied_minor": "false",
        "has_minor_children": "unknown",
        "dublin_procedure": "false",
        "employment_since": "",
        "weekly_hours": "",
        "entered_to_obtain_benefits": "unknown",
        "entered_to_obtain_benefits_source": "",
        "removal_obstructed_by_own_fault": "unknown",
        "removal_obstructed_by_own_fault_source": "",
        "removal_measures_imminent": "unknown",
        "removal_measures_imminent_source": "",
        "stays-TOTAL_FORMS": "2",
        "stays-INITIAL_FORMS": "0",
        "stays-MIN_NUM_FORMS": "0",
        "stays-MAX_NUM_FORMS": "20",
        "stays-0-start": "",
        "stays-0-end": "",
        "stays-0-kind": "",
        "stays-1-start": "",
        "stays-1-end": "",
        "stays-1-kind": "",
    }
    data.update(changes)
    return data


def test_owner_saves_facts_and_the_change_is_audited_masked(net: Network) -> None:
    url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    client = client_for(net.counsellor)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        facts_post(
            removal_measures_imminent="yes",
            removal_measures_imminent_source="Schreiben der ABH vom 03.02.2026",
            **{
                "stays-0-start": "2019-01-01",
                "stays-0-end": "2020-06-30",
                "stays-0-kind": "tolerated",
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/participants/{net.participant.pk}/#h-work-permission"
    facts = ResidenceFacts.objects.get(participant=net.participant)
    assert (facts.lives_in_reception_centre, facts.identity_clarified) == (True, None)
    assert facts.prior_stays == [{"from": "2019-01-01", "to": "2020-06-30", "kind": "tolerated"}]
    assert facts.removal_measures_imminent_source == "Schreiben der ABH vom 03.02.2026"
    event = AuditEvent.objects.get(action="workpermission.residence_facts.changed")
    changes = event.detail["changes"]
    assert changes["removal_measures_imminent_source"] == "•••"
    assert changes["prior_stays"] == "•••"
    assert {"asylum_decision", "lives_in_reception_centre"} <= set(changes)
    assert "Schreiben" not in str(event.detail)
    assert facts.history.count() == 1  # one save, one version
    html = client.get(panel_url(net)).content.decode()
    assert "Schreiben der ABH vom 03.02.2026" in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"asylum_request_date": "2025-01-01"}, "asylum_request_date"),  # before the entry
        ({"asylum_application_date": "2025-01-12"}, "asylum_application_date"),
        ({"duldung_since": "2024-12-01"}, "duldung_since"),
        ({"entry_date": "1990-01-01", "duldung_since": "1995-01-01"}, "duldung_since"),
        ({"removal_measures_imminent": "yes"}, "removal_measures_imminent_source"),
        ({"entered_to_obtain_benefits": "yes"}, "entered_to_obtain_benefits_source"),
        ({"asylum_request_date": "2025-02-30"}, "asylum_request_date"),
        ({"weekly_hours": "200"}, "weekly_hours"),
        ({"asylum_decision": "maybe"}, "asylum_decision"),
    ],
)
def test_facts_form_refuses_bad_input(net: Network, changes: dict[str, str], field: str) -> None:
    url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    response = client_for(net.counsellor).post(url, facts_post(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ResidenceFacts.objects.exists()


def test_prior_stay_must_not_end_before_it_starts(net: Network) -> None:
    url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    data = facts_post(
        **{"stays-0-start": "2020-01-01", "stays-0-end": "2019-01-01", "stays-0-kind": "tolerated"}
    )
    response = client_for(net.counsellor).post(url, data)
    assert response.status_code == 200
    assert "end" in response.context["stays"].forms[0].errors
    assert not ResidenceFacts.objects.exists()


def test_empty_rows_of_earlier_stays_post_nothing_as_a_browser_sends_them(net: Network) -> None:
    """Each empty row's select starts on its blank choice, so an untouched row is skipped."""
    url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    page = client_for(net.counsellor).get(url).content.decode()
    for row in (0, 1):
        select = page[page.index(f'name="stays-{row}-kind"') :]
        first_option = select[select.index("<option") : select.index("</option>")]
        assert first_option == '<option value="" selected>– bitte wählen –'


RULE_ID = re.compile(r"\b(?:R|P|PROG)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b|\d{4}-\d{2}-[a-z]+(?:-[a-z]+)*")


def duldung_without_dates(net: Network) -> None:
    record_document(
        net.counsellor,
        net.participant,
        document_type="duldung",
        section="",
        issued_on=datetime.date(2025, 3, 3),
        valid_until=datetime.date(2025, 9, 2),
    )
    services.residence_facts_save(
        actor=net.counsellor,
        participant=net.participant,
        data={"asylum_decision": "rejected", "lives_in_reception_centre": False},
    )


def test_panel_answers_first_and_names_what_is_missing(net: Network) -> None:
    duldung_without_dates(net)
    html = (
        client_for(net.counsellor)
        .get(panel_url(net, reference_date="2025-05-01"), headers={"accept-language": "de"})
        .content.decode()
    )
    main = html.index("<main")
    answer = html[main : html.index("<details", main)]
    assert (
        "Beschäftigung: Erlaubnis der Ausländerbehörde in der Regel zu erteilen "
        "spätestens ab dem 01.08.2025 — § 60a Abs. 5b AufenthG"
    ) in answer
    assert "Betriebliche Ausbildung: Erlaubnis der Ausländerbehörde" in answer
    assert "2 Angaben fehlen: Einreise nach Deutschland; Duldung seit" in answer
    facts_url = reverse("workpermission:facts_edit", args=[net.participant.pk])
    assert f'href="{facts_url}#id_entry_date">jetzt ergänzen</a>' in answer
    # The person's own words ("Sie …") stand only behind the disclosure.
    assert " Sie " not in answer
    assert "Spätestens ab dem 01.08.2025" in html[html.index("<details", main) :]


def test_panel_from_facts_says_from_not_at_the_latest(net: Network) -> None:
    duldung_without_dates(net)
    services.residence_facts_save(
        actor=net.counsellor,
        participant=net.participant,
        data={
            "entry_date": datetime.date(2018, 4, 1),
            "asylum_request_date": datetime.date(2018, 4, 3),
            "duldung_since": datetime.date(2025, 3, 3),
        },
        expected_version=1,
    )
    html = (
        client_for(net.counsellor)
        .get(panel_url(net, reference_date="2025-05-01"), headers={"accept-language": "de"})
        .content.decode()
    )
    main = html.index("<main")
    answer = html[main : html.index("<details", main)]
    assert (
        "Beschäftigung: Erlaubnis der Ausländerbehörde in der Regel zu erteilen ab dem 03.06.2025"
        in answer
    )
    assert "spätestens" not in answer
    assert "Angaben fehlen" not in answer
    assert "Angabe fehlt" not in answer


def test_shared_organisation_sees_what_is_missing_without_a_link_to_complete_it(
    net: Network,
) -> None:
    share_with_consent(net)
    duldung_without_dates(net)
    html = client_for(net.other_counsellor).get(panel_url(net)).content.decode()
    assert "Angaben fehlen" in html
    assert "jetzt ergänzen" not in html


@pytest.mark.parametrize("reference", ["2025-05-01", "2026-07-01"])
def test_panel_never_shows_rule_ids(net: Network, reference: str) -> None:
    duldung_without_dates(net)
    html = client_for(net.counsellor).get(panel_url(net, reference_date=reference)).content.decode()
    assert not RULE_ID.findall(html)


def test_missing_details_are_told_apart_when_a_label_has_a_comma() -> None:
    # "Verpflichtet, in einer Aufnahmeeinrichtung zu wohnen" holds a comma of its own: a list
    # joined with commas reads as three details where two are missing.
    from django.template.loader import render_to_string

    html = render_to_string(
        "workpermission/answer.html",
        {
            "panel": {
                "activities": [],
                "programmes": [],
                "missing": [
                    "Einreise nach Deutschland",
                    "Verpflichtet, in einer Aufnahmeeinrichtung zu wohnen",
                ],
            }
        },
    )
    assert "Einreise nach Deutschland; Verpflichtet, in einer Aufnahmeeinrichtung zu wohnen" in html
