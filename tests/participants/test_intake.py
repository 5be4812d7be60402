"""The intake interview: steps, drafts, duplicate check, bad input."""

import datetime
import io
import re
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.audit.models import AuditEvent
from lotse.network.models import Site
from lotse.participants.models import IntakeDraft, Participant
from tests.conftest import Network, client_for
from tests.factories import SiteFactory

PERSON = {
    "first_names": "Amina",
    "last_name": "Haidari",
    "aliases": "Amina Heydari",
    "birth_date_precision": "year",
    "birth_year": "2001",
    "gender": "female",
    "nationality": "AF",
}
CONTACT = {
    "street": "Dammweg 3",
    "postcode": "12345",
    "city": "Musterstadt",
    "phone": "+49 170 1234567",
    "email": "amina@mail.example",
    "preferred_language": "prs",
    "interpreter_needed": "on",
    "interpreter_language": "prs",
}
RESIDENCE = {
    "document_type": "gestattung",
    "section": "§ 55 AsylG",
    "issued_on": "2025-03-01",
    "valid_until": "2026-02-28",
    "annotation": "Beschäftigung nur mit Erlaubnis der Ausländerbehörde",
}
HOUSEHOLD = {"children_birth_years": "2019, 2022", "wishes": "Ich möchte Pflegefachfrau werden."}
# The ESF items at entry (reporting's intake step): the labour-market status is mandatory.
ESF = {"labour_status": "unemployed", "isced_level": "3"}


def _start(client: Client) -> int:
    """A draft made by saving the first step with a first name typed."""
    response = client.post("/participants/intake/new/", {"first_names": "A", "action": "draft"})
    assert response.status_code == 302
    return IntakeDraft.objects.latest("pk").pk


def _step(client: Client, draft: int, step: str, data: dict[str, Any], action: str = "next"):  # type: ignore[no-untyped-def]
    return client.post(f"/participants/intake/{draft}/{step}/", {**data, "action": action})


def _run_intake(client: Client, net: Network) -> int:
    draft = _start(client)
    _step(client, draft, "person", PERSON)
    _step(client, draft, "contact", CONTACT)
    _step(client, draft, "residence", RESIDENCE)
    _step(client, draft, "household", HOUSEHOLD)
    _step(client, draft, "esf", ESF)
    response = _step(
        client,
        draft,
        "consent",
        {
            "record_consent": "on",
            "purpose": "case_sharing",
            "organisations": [net.other.pk],
            "given_on": "2025-03-05",
            "form": "signed_paper",
        },
    )
    assert response["Location"] == f"/participants/intake/{draft}/review/"
    return draft


def test_starting_an_intake_makes_no_draft_until_the_first_save(net: Network) -> None:
    client = client_for(net.counsellor)
    start = client.get("/participants/intake/", headers={"accept-language": "de"})
    assert 'href="/participants/intake/new/"' in start.content.decode()

    for _ in range(3):
        assert client.get("/participants/intake/new/").status_code == 200
    assert not IntakeDraft.objects.exists()

    response = client.post("/participants/intake/new/", {**PERSON, "action": "next"})
    (draft,) = IntakeDraft.objects.all()
    assert response["Location"] == f"/participants/intake/{draft.pk}/contact/"
    assert draft.data["person"]["last_name"] == ["Haidari"]
    assert "(noch kein Name)" not in client.get("/participants/intake/").content.decode()


def test_an_empty_first_step_makes_no_draft(net: Network) -> None:
    client = client_for(net.counsellor)
    empty = {"first_names": " ", "birth_date_precision": "day"}

    saved = client.post("/participants/intake/new/", {**empty, "action": "draft"}, follow=True)
    sent = client.post("/participants/intake/new/", {**empty, "action": "next"})

    assert [str(m) for m in saved.context["messages"]] == [
        "Es wurde nichts eingegeben, daher wurde kein Entwurf gespeichert."
    ]
    assert sent.status_code == 200
    assert "data-error-summary" in sent.content.decode()
    assert not IntakeDraft.objects.exists()


def test_an_empty_first_step_sent_as_a_browser_sends_it_is_sent_back(net: Network) -> None:
    # A browser sends every field, the empty date too: the form was built from the raw lists
    # and answered 500 ("'list' object has no attribute 'strip'").
    client = client_for(net.counsellor)
    browser_form = {
        "first_names": "",
        "last_name": "",
        "birth_date_precision": "day",
        "birth_date": "",
        "birth_year": "",
        "nationality": "",
        "action": "next",
    }
    sent = client.post("/participants/intake/new/", browser_form)
    html = sent.content.decode()
    assert sent.status_code == 200
    assert "data-error-summary" in html
    assert "<title>Fehler:" in html
    assert not IntakeDraft.objects.exists()


def test_an_invalid_first_step_is_sent_to_its_draft_from_then_on(net: Network) -> None:
    client = client_for(net.counsellor)

    response = client.post("/participants/intake/new/", {**PERSON, "last_name": ""})

    (draft,) = IntakeDraft.objects.all()
    assert response.status_code == 200
    assert f'action="/participants/intake/{draft.pk}/person/"' in response.content.decode()


def test_complete_intake_creates_the_participant_with_everything(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _run_intake(client, net)
    assert client.get(f"/participants/intake/{draft}/review/").status_code == 200
    response = client.post(f"/participants/intake/{draft}/review/")
    participant = Participant.objects.get(last_name="Haidari")
    assert response["Location"] == f"/participants/{participant.pk}/"
    assert (participant.birth_date, participant.birth_year) == (None, 2001)
    assert participant.organisation == net.owner
    assert participant.counsellor == net.counsellor
    assert participant.current_document.annotation == RESIDENCE["annotation"]
    assert participant.document_valid_until == datetime.date(2026, 2, 28)
    assert sorted(c.birth_year for c in participant.children.all()) == [2019, 2022]
    assert list(participant.consents.get().organisations.all()) == [net.other]
    assert participant.file_number.startswith(f"SW-{timezone.localdate().year}-")
    assert IntakeDraft.objects.get(pk=draft).data == {}


def test_double_submit_of_the_intake_creates_one_participant(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _run_intake(client, net)
    first = client.post(f"/participants/intake/{draft}/review/")
    second = client.post(f"/participants/intake/{draft}/review/")
    assert Participant.objects.filter(last_name="Haidari").count() == 1
    assert first["Location"] == second["Location"]


def test_draft_keeps_even_invalid_input_and_can_be_resumed(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    _step(client, draft, "person", {**PERSON, "birth_year": "3000"}, action="draft")
    page = client.get("/participants/intake/").content.decode()
    assert "Amina Haidari" in page
    resumed = client.get(f"/participants/intake/{draft}/person/").content.decode()
    assert 'value="3000"' in resumed
    assert 'value="Haidari"' in resumed


def test_other_counsellors_cannot_open_a_draft(net: Network) -> None:
    draft = _start(client_for(net.counsellor))
    for user in (net.colleague, net.other_counsellor):
        assert client_for(user).get(f"/participants/intake/{draft}/person/").status_code == 404


def test_invalid_step_shows_messages_and_does_not_advance(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = _step(
        client,
        draft,
        "person",
        {**PERSON, "birth_date_precision": "day", "birth_date": future, "nationality": "XX"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "kern-error" in page
    response = _step(
        client, draft, "contact", {**CONTACT, "postcode": "1234", "email": "not-an-email"}
    )
    assert response.status_code == 200
    response = _step(client, draft, "residence", {**RESIDENCE, "valid_until": "2020-01-01"})
    assert response.status_code == 200


def test_review_sends_back_to_an_incomplete_step(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    _step(client, draft, "person", PERSON)
    response = client.get(f"/participants/intake/{draft}/review/")
    assert response["Location"] == f"/participants/intake/{draft}/contact/"


ALMASRI = {
    **PERSON,
    "first_names": "Muhammad",
    "last_name": "Almasri",
    "birth_date_precision": "day",
    "birth_date": "1999-04-01",
}


def _signature(page: str) -> str:
    match = re.search(r'name="duplicates_seen" value="([^"]*)"', page)
    assert match
    return match.group(1)


def test_duplicate_in_another_organisation_reveals_only_where_and_whom_to_ask(
    net: Network,
) -> None:
    client = client_for(net.other_counsellor)
    draft = _start(client)

    response = _step(client, draft, "person", ALMASRI)

    # The first step warns at once and stays; nothing of the other case is revealed.
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sozialwerk Test" in page
    assert net.owner.contact_email in page
    assert net.participant.file_number not in page
    assert "m.almasri@mail.example" not in page
    assert f"/participants/{net.participant.pk}/" not in page
    check = AuditEvent.objects.get(action="participants.duplicate_check.performed")
    assert check.detail == {"matches": [net.participant.pk]}
    # Seen and confirmed: the intake goes on, and the review warns once more.
    response = _step(client, draft, "person", {**ALMASRI, "duplicates_seen": _signature(page)})
    assert response["Location"] == f"/participants/intake/{draft}/contact/"
    for step, data in (
        ("contact", CONTACT),
        ("residence", RESIDENCE),
        ("household", HOUSEHOLD),
        ("esf", ESF),
        ("consent", {}),
    ):
        _step(client, draft, step, data)
    page = client.get(f"/participants/intake/{draft}/review/").content.decode()
    assert "Sozialwerk Test" in page
    assert net.participant.file_number not in page


def test_duplicate_in_own_organisation_names_file_number_and_counsellor(net: Network) -> None:
    client = client_for(net.colleague)
    draft = _start(client)
    person = {
        **PERSON,
        "first_names": "Mohamed",
        "last_name": "Al Masri",
        "birth_date_precision": "year",
        "birth_year": "1999",
    }

    page = _step(client, draft, "person", person).content.decode()

    counsellor = net.counsellor.get_full_name()
    link = f'href="/participants/{net.participant.pk}/">{net.participant.file_number}</a>'
    assert link in page
    assert f"Berater*in: {counsellor}" in page
    assert IntakeDraft.objects.get(pk=draft).data["person"]["last_name"] == ["Al Masri"]


def test_a_changed_name_is_checked_again(net: Network) -> None:
    client = client_for(net.colleague)
    draft = _start(client)
    seen = _signature(_step(client, draft, "person", ALMASRI).content.decode())

    response = _step(client, draft, "person", {**ALMASRI, "duplicates_seen": seen})
    assert response.status_code == 302
    response = _step(client, draft, "person", {**PERSON, "duplicates_seen": seen})
    assert response["Location"] == f"/participants/intake/{draft}/contact/"


def test_no_match_goes_straight_on(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)

    response = _step(client, draft, "person", PERSON)

    assert response["Location"] == f"/participants/intake/{draft}/contact/"


def test_nul_characters_are_dropped_from_a_draft(net: Network) -> None:
    # PostgreSQL cannot keep NUL in JSON; the hypothesis test below found it.
    client = client_for(net.counsellor)
    draft = _start(client)

    response = _step(client, draft, "person", {**PERSON, "first_names": "Am\x00ina"}, "draft")

    assert response.status_code == 302
    assert IntakeDraft.objects.get(pk=draft).data["person"]["first_names"] == ["Amina"]


def test_review_names_the_document_type(net: Network) -> None:
    from django.utils import translation

    from lotse.participants.enums import DocumentType

    client = client_for(net.counsellor)
    draft = _start(client)
    for step, data in (
        ("person", PERSON),
        ("contact", CONTACT),
        ("residence", RESIDENCE),
        ("household", HOUSEHOLD),
        ("esf", ESF),
        ("consent", {}),
    ):
        _step(client, draft, step, data)

    page = client.get(
        f"/participants/intake/{draft}/review/", headers={"accept-language": "de"}
    ).content.decode()

    with translation.override("de"):
        label = str(DocumentType("gestattung").label)
    assert label in page
    assert f"{label} § 55 AsylG" not in page  # the name holds the section already


# Retention of drafts


def _age(draft_pk: int, days: int) -> None:
    IntakeDraft.objects.filter(pk=draft_pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_draft_list_says_when_each_draft_is_deleted(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    _step(client, draft, "person", PERSON, action="draft")
    _age(draft, 10)
    expected = timezone.localdate(timezone.now() + datetime.timedelta(days=20))

    page = client.get("/participants/intake/", headers={"accept-language": "en"}).content.decode()

    assert "Amina Haidari" in page
    assert f"deleted on {expected:%d/%m/%Y} unless you continue it" in page


def test_draft_past_retention_is_gone_for_its_author(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    _step(client, draft, "person", PERSON, action="draft")
    _age(draft, 31)

    assert "Amina Haidari" not in client.get("/participants/intake/").content.decode()
    assert client.get(f"/participants/intake/{draft}/person/").status_code == 404


def test_purge_command_deletes_only_drafts_past_retention_and_logs_it(net: Network) -> None:
    client = client_for(net.counsellor)
    old, recent = _start(client), _start(client)
    completed = IntakeDraft.objects.get(pk=_start(client))
    completed.participant = net.participant
    completed.save()
    elsewhere = _start(client_for(net.other_counsellor))
    for draft in (old, completed.pk, elsewhere):
        _age(draft, 31)
    _age(recent, 29)
    out = io.StringIO()

    call_command("participants", "purge-drafts", stdout=out)

    assert list(IntakeDraft.objects.values_list("pk", flat=True)) == [recent]
    assert "Deleted 3 intake draft(s) not saved for 30 days." in out.getvalue()
    purges = AuditEvent.objects.filter(action="participants.intake_draft.purged")
    # One event per organisation, so the data-protection officer finds it by organisation.
    assert sorted((e.organisation_id, e.detail["count"]) for e in purges) == sorted(
        [(net.owner.pk, 2), (net.other.pk, 1)]
    )


def test_author_deletes_a_draft_and_nobody_else_can(net: Network) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    _step(client, draft, "person", PERSON, action="draft")

    assert (
        client_for(net.colleague).post(f"/participants/intake/{draft}/discard/").status_code == 404
    )
    assert (
        client_for(net.colleague).get(f"/participants/intake/{draft}/discard/").status_code == 404
    )
    url = f"/participants/intake/{draft}/discard/"
    confirm = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Delete the intake draft “Amina Haidari”" in confirm
    assert IntakeDraft.objects.filter(pk=draft).exists()
    response = client.post(url)

    assert response["Location"] == "/participants/intake/"
    assert not IntakeDraft.objects.filter(pk=draft).exists()
    assert AuditEvent.objects.filter(action="participants.intake_draft.discarded").count() == 1


text = st.text(max_size=300)
field_values = st.one_of(
    text,
    st.integers(-(10**6), 10**6).map(str),
    st.just(""),
    st.dates().map(lambda d: d.isoformat()),
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    step=st.sampled_from(["person", "contact", "residence", "household", "consent"]),
    data=st.dictionaries(
        st.sampled_from(
            [
                *PERSON,
                *CONTACT,
                *RESIDENCE,
                *HOUSEHOLD,
                "record_consent",
                "purpose",
                "organisations",
                "given_on",
                "form",
                "witness",
                "valid_until",
            ]
        ),
        field_values,
        max_size=12,
    ),
    action=st.sampled_from(["next", "draft", "back", "bogus"]),
)
def test_random_intake_input_never_causes_a_server_error(
    net: Network, step: str, data: dict[str, str], action: str
) -> None:
    client = client_for(net.counsellor)
    draft = _start(client)
    response = _step(client, draft, step, data, action=action)
    assert response.status_code in (200, 302)
    review = client.get(f"/participants/intake/{draft}/review/")
    assert review.status_code in (200, 302)


def test_line_breaks_count_once_as_the_browser_counted_them(net: Network) -> None:
    """The page's maxlength counts a line break once; the browser sends it as CR LF."""
    client = client_for(net.counsellor)
    draft = _start(client)
    aliases = "A" * 499 + "\r\n" + "B" * 500  # 1,000 characters in the text box
    response = _step(client, draft, "person", {**PERSON, "aliases": aliases})
    assert response["Location"] == f"/participants/intake/{draft}/contact/"


def test_the_intake_places_the_participant_at_a_site_of_the_organisation(net: Network) -> None:
    client = client_for(net.counsellor)
    own = Site.objects.get(organisation=net.owner)
    elsewhere = SiteFactory(organisation=net.other, name="Jobcenter-Standort")
    draft = _start(client)
    _step(client, draft, "person", PERSON)
    page = client.get(f"/participants/intake/{draft}/contact/").content.decode()
    assert f'<option value="{own.pk}">Hauptstelle</option>' in page
    assert "Jobcenter-Standort" not in page
    refused = _step(client, draft, "contact", {**CONTACT, "site": elsewhere.pk})
    assert refused.status_code == 200
    _step(client, draft, "contact", {**CONTACT, "site": own.pk})
    for step, data in (
        ("residence", RESIDENCE),
        ("household", HOUSEHOLD),
        ("esf", ESF),
        ("consent", {}),
    ):
        _step(client, draft, step, data)
    review = client.get(f"/participants/intake/{draft}/review/").content.decode()
    assert "Hauptstelle" in review
    client.post(f"/participants/intake/{draft}/review/")
    assert Participant.objects.get(last_name="Haidari").site == own
