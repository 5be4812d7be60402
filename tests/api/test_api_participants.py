"""The participant endpoints through every persona of DESIGN.md §4."""

import datetime
import json
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.audit.models import AuditEvent
from lotse.network.models import Site
from lotse.participants import services
from lotse.participants.models import CounsellingContact, Participant
from tests.audit.helpers import listed
from tests.conftest import SECRET_ANNOTATION, SECRET_NOTE, client_for, share_with_consent
from tests.factories import SiteFactory, participant_for

API = "/api/v1"
NOT_FOUND_EN = {"detail": "Not found."}


def _get(client: Client, path: str) -> Any:
    return client.get(f"{API}{path}", headers={"accept-language": "en"})


def _post(client: Client, path: str, body: Any, language: str = "en") -> Any:
    return client.post(
        f"{API}{path}",
        json.dumps(body),
        content_type="application/json",
        headers={"accept-language": language},
    )


def _contact_body(**overrides: Any) -> dict[str, Any]:
    return {
        "submission_key": str(uuid.uuid4()),
        "took_place_on": "2025-03-01",
        "duration_minutes": 30,
        "form": "phone",
        "topics": ["language", "application"],
        "note": "Rückruf wegen Sprachkurs",
        "next_step_1": "Anmeldung Sprachkurs",
        "next_step_1_due": "2025-04-01",
        **overrides,
    }


def _participant_body(**overrides: Any) -> dict[str, Any]:
    return {
        "first_names": "Olena",
        "last_name": "Kovalenko",
        "birth_date": "1990-05-17",
        "gender": "female",
        "nationality": "UA",
        "postcode": "12345",
        "phone": "+49 170 1234567",
        "email": "o.kovalenko@mail.example",
        "preferred_language": "uk",
        **overrides,
    }


def _reads_of_all(client: Client, participant_id: int) -> str:
    """Every GET answer concatenated, to search for leaked text."""
    paths = [
        "/participants",
        "/participants?q=Al-Masri",
        f"/participants/{participant_id}",
        f"/participants/{participant_id}/contacts",
    ]
    return "".join(_get(client, path).content.decode() for path in paths)


def _ids(response: Any) -> list[int]:
    return [item["id"] for item in response.json()["items"]]


# Case owner


def test_list_owner_counsellor_sees_own_participant(net: Any) -> None:
    response = _get(client_for(net.counsellor), "/participants")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["id"] == net.participant.pk
    assert body["items"][0]["kind"] == "case"
    assert body["items"][0]["access"] == "owner"
    assert body["items"][0]["current_document"]["document_type"] == "gestattung"


def test_list_owner_writes_listed_audit_events(net: Any) -> None:
    _get(client_for(net.counsellor), "/participants")

    event = AuditEvent.objects.get(action="participants.participant.listed")
    assert listed(event.action) == [net.participant.pk]
    assert event.actor_id == net.counsellor.pk
    assert event.detail == {"channel": "api"}


def test_detail_owner_sees_case_file_and_writes_viewed_event(net: Any) -> None:
    response = _get(client_for(net.counsellor), f"/participants/{net.participant.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "case"
    assert body["email"] == "m.almasri@mail.example"
    assert [d["annotation"] for d in body["residence_documents"]] == [SECRET_ANNOTATION]
    event = AuditEvent.objects.get(action="participants.participant.viewed")
    assert event.participant_id == net.participant.pk
    assert event.detail == {"access": "owner", "channel": "api"}


def test_contacts_owner_sees_notes_and_next_steps(net: Any) -> None:
    client = client_for(net.counsellor)
    _post(client, f"/participants/{net.participant.pk}/contacts", _contact_body())

    response = _get(client, f"/participants/{net.participant.pk}/contacts")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["took_place_on"] for i in items] == ["2025-03-01", "2025-02-01"]
    assert items[1]["note"] == SECRET_NOTE
    assert [s["description"] for s in items[0]["next_steps"]] == ["Anmeldung Sprachkurs"]
    assert AuditEvent.objects.filter(action="participants.contact.listed").count() == 1


def test_team_lead_sees_participants_of_the_organisation(net: Any) -> None:
    response = _get(client_for(net.team_lead), "/participants")

    assert _ids(response) == [net.participant.pk]


# Another organisation: without consent, with consent and share, after revocation


def test_other_organisation_without_consent_gets_empty_list_and_404(net: Any) -> None:
    client = client_for(net.other_counsellor)
    pk = net.participant.pk

    assert _get(client, "/participants").json() == {"count": 0, "items": []}
    assert _get(client, f"/participants/{pk}").status_code == 404
    assert _get(client, f"/participants/{pk}/contacts").status_code == 404
    assert _post(client, f"/participants/{pk}/contacts", _contact_body()).status_code == 404
    assert CounsellingContact.objects.count() == 1


def test_forbidden_and_missing_participant_get_the_same_404_body(net: Any) -> None:
    client = client_for(net.other_counsellor)
    missing = Participant.objects.order_by("-pk").first().pk + 1000  # type: ignore[union-attr]

    forbidden = _get(client, f"/participants/{net.participant.pk}")
    absent = _get(client, f"/participants/{missing}")

    assert (forbidden.status_code, forbidden.json()) == (404, NOT_FOUND_EN)
    assert (absent.status_code, absent.json()) == (404, NOT_FOUND_EN)


def test_other_organisation_with_consent_and_share_sees_and_adds_contacts(net: Any) -> None:
    share_with_consent(net)
    client = client_for(net.other_counsellor)
    pk = net.participant.pk

    listed = _get(client, "/participants").json()["items"]
    detail = _get(client, f"/participants/{pk}")
    added = _post(client, f"/participants/{pk}/contacts", _contact_body())

    assert [(i["id"], i["access"]) for i in listed] == [(pk, "shared")]
    assert (detail.status_code, detail.json()["access"]) == (200, "shared")
    assert added.status_code == 201
    assert added.json()["organisation"]["id"] == net.other.pk


def test_other_organisation_after_consent_revocation_gets_404_again(net: Any) -> None:
    consent = share_with_consent(net)
    client = client_for(net.other_counsellor)
    assert _get(client, f"/participants/{net.participant.pk}").status_code == 200

    services.consent_revoke(
        actor=net.counsellor, consent=consent, revoked_on=datetime.date(2025, 6, 1)
    )

    assert _get(client, f"/participants/{net.participant.pk}").status_code == 404
    assert _get(client, "/participants").json()["items"] == []
    assert SECRET_NOTE not in _reads_of_all(client, net.participant.pk)


def test_third_organisation_does_not_see_a_case_shared_with_another(net: Any) -> None:
    share_with_consent(net)
    client = client_for(net.third_counsellor)

    text = _reads_of_all(client, net.participant.pk)

    assert SECRET_NOTE not in text
    assert SECRET_ANNOTATION not in text
    assert "Al-Masri" not in text


# Volunteer


def test_volunteer_without_assignment_sees_nothing(net: Any) -> None:
    client = client_for(net.volunteer)

    assert _get(client, "/participants").json()["items"] == []
    assert _get(client, f"/participants/{net.participant.pk}").status_code == 404


def test_volunteer_sees_only_contact_data_of_assigned_participants(net: Any) -> None:
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    participant_for(net.counsellor, first_names="Nicht", last_name="Zugewiesen")
    client = client_for(net.volunteer)

    items = _get(client, "/participants").json()["items"]
    detail = _get(client, f"/participants/{net.participant.pk}").json()

    assert [i["id"] for i in items] == [net.participant.pk]
    contact_data_fields = {
        "kind",
        "id",
        "first_names",
        "last_name",
        "phone",
        "email",
        "preferred_language",
        "interpreter_needed",
        "interpreter_language",
        "counsellor",
    }
    assert set(items[0]) == contact_data_fields
    assert set(detail) == contact_data_fields
    assert detail["kind"] == "contact_data"
    assert detail["email"] == "m.almasri@mail.example"


def test_volunteer_gets_no_case_data(net: Any) -> None:
    services.volunteer_assign(
        actor=net.counsellor, participant=net.participant, volunteer=net.volunteer
    )
    client = client_for(net.volunteer)
    pk = net.participant.pk

    text = _reads_of_all(client, pk)

    assert _get(client, f"/participants/{pk}/contacts").status_code == 404
    assert _post(client, f"/participants/{pk}/contacts", _contact_body()).status_code == 404
    assert _post(client, "/participants", _participant_body()).status_code == 403
    assert SECRET_NOTE not in text
    assert SECRET_ANNOTATION not in text
    assert net.participant.file_number not in text


# Roles without case files


@pytest.mark.parametrize("persona", ["coordinator", "data_protection"])
def test_roles_without_case_files_get_403_everywhere(net: Any, persona: str) -> None:
    client = client_for(getattr(net, persona))
    pk = net.participant.pk

    answers = [
        _get(client, "/participants"),
        _get(client, f"/participants/{pk}"),
        _get(client, f"/participants/{pk}/contacts"),
        _post(client, "/participants", _participant_body()),
        _post(client, f"/participants/{pk}/contacts", _contact_body()),
    ]

    assert [a.status_code for a in answers] == [403] * 5
    assert answers[0].json() == {"detail": "Your role has no access to case files."}
    text = "".join(a.content.decode() for a in answers)
    assert SECRET_NOTE not in text
    assert SECRET_ANNOTATION not in text
    assert "Al-Masri" not in text
    assert not AuditEvent.objects.filter(actor=getattr(net, persona)).exists()


# Search and paging


def test_search_finds_transliteration_variant_and_logs_search_hits(net: Any) -> None:
    participant_for(net.counsellor, first_names="Anna", last_name="Schmidt")
    client = client_for(net.counsellor)

    found = _get(client, "/participants?q=Muhammad")

    assert _ids(found) == [net.participant.pk]
    event = AuditEvent.objects.get(action="participants.participant.search_hit")
    assert listed(event.action) == [net.participant.pk]
    assert event.detail == {"channel": "api", "query_length": len("Muhammad")}


def test_search_by_file_number_and_birth_date(net: Any) -> None:
    client = client_for(net.counsellor)

    by_number = _get(client, f"/participants?q={net.participant.file_number}")
    by_birth = _get(client, "/participants?q=01.04.1999")
    nobody = _get(client, "/participants?q=02.04.1999")

    assert _ids(by_number) == [net.participant.pk]
    assert _ids(by_birth) == [net.participant.pk]
    assert _ids(nobody) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("q=" + "x" * 201, "q"),
        ("q=a%00b", "q"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=99999999999999999999999", "page"),
    ],
)
def test_list_bad_parameters_answer_422_naming_the_parameter(
    net: Any, query: str, field: str
) -> None:
    response = _get(client_for(net.counsellor), f"/participants?{query}")

    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]


def test_list_pages_hold_50_participants(net: Any) -> None:
    for n in range(50):
        participant_for(net.counsellor, first_names=f"Person{n}", last_name="Zeta")
    client = client_for(net.counsellor)

    first = _get(client, "/participants").json()
    second = _get(client, "/participants?page=2").json()
    beyond = _get(client, "/participants?page=3").json()

    assert (first["count"], len(first["items"])) == (51, 50)
    assert [i["last_name"] for i in second["items"]] == ["Zeta"]
    assert beyond["items"] == []


@pytest.mark.parametrize("path", ["/participants/0", "/participants/99999999999999999999999"])
def test_impossible_participant_ids_answer_4xx(net: Any, path: str) -> None:
    response = _get(client_for(net.counsellor), path)

    assert response.status_code in (404, 422)


def _count_list_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, path)
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_participants(net: Any) -> None:
    client = client_for(net.counsellor)
    one = _count_list_queries(client, "/participants")
    for name in ("Berisha", "Haddad"):
        extra = participant_for(net.counsellor, last_name=name)
        services.residence_document_record(
            actor=net.counsellor, participant=extra, document_type="gestattung"
        )

    three = _count_list_queries(client, "/participants")

    assert len(_ids(_get(client, "/participants"))) == 3
    assert three == one


def test_contacts_query_count_does_not_grow_with_contacts(net: Any) -> None:
    client = client_for(net.counsellor)
    path = f"/participants/{net.participant.pk}/contacts"
    one = _count_list_queries(client, path)
    for _n in range(2):
        _post(client, path, _contact_body())

    three = _count_list_queries(client, path)

    assert len(_get(client, path).json()["items"]) == 3
    assert three == one


# Creating participants


def test_create_participant_registers_through_the_service(net: Any) -> None:
    body = _participant_body(
        residence_document={
            "document_type": "residence_permit",
            "section": "§ 25 Abs. 2 AufenthG",
            "issued_on": "2024-02-01",
            "valid_until": "2027-01-31",
        }
    )

    response = _post(client_for(net.counsellor), "/participants", body)

    assert response.status_code == 201
    created = Participant.objects.get(pk=response.json()["id"])
    assert (created.organisation, created.counsellor) == (net.owner, net.counsellor)
    assert created.birth_year == 1990
    assert created.current_document.valid_until == datetime.date(2027, 1, 31)  # type: ignore[union-attr]
    assert response.json()["file_number"] == created.file_number
    assert (
        AuditEvent.objects.filter(
            action="participants.participant.created", participant_id=created.pk
        ).count()
        == 1
    )


def test_create_participant_at_a_site_of_the_organisation_only(net: Any) -> None:
    own = Site.objects.get(organisation=net.owner)
    elsewhere = SiteFactory(organisation=net.other, name="Jobcenter-Standort")
    client = client_for(net.counsellor)

    refused = _post(client, "/participants", _participant_body(site=elsewhere.pk))
    created = _post(client, "/participants", _participant_body(site=own.pk))

    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"site"}
    assert created.status_code == 201
    assert Participant.objects.get(pk=created.json()["id"]).site == own


def test_create_participant_with_year_of_birth_only(net: Any) -> None:
    body = _participant_body(birth_date=None, birth_date_precision="year", birth_year=1988)

    response = _post(client_for(net.counsellor), "/participants", body)

    assert response.status_code == 201
    assert (response.json()["birth_date"], response.json()["birth_year"]) == (None, 1988)


def test_create_participant_invalid_names_each_field_in_english(net: Any) -> None:
    body = _participant_body(
        birth_date="2999-01-01",
        nationality="XX",
        postcode="1234",
        email="kein-email",
        residence_document={
            "document_type": "gestattung",
            "issued_on": "2025-01-10",
            "valid_until": "2024-01-01",
        },
    )

    response = _post(client_for(net.counsellor), "/participants", body)

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {
        "birth_date",
        "nationality",
        "postcode",
        "email",
        "residence_document.valid_until",
    }
    assert "This date lies in the future." in errors["birth_date"]
    assert errors["postcode"] == ["A German postcode has exactly five digits, e.g. 12345."]
    assert errors["residence_document.valid_until"] == [
        "“Valid until” cannot be before “issued on”."
    ]
    assert Participant.objects.count() == 1


def test_create_participant_answers_in_the_requested_language(net: Any) -> None:
    body = _participant_body()
    client = client_for(net.counsellor)

    german = _post(client, "/participants", {**body, "gender": "x"}, language="de")
    english = _post(client, "/participants", {**body, "gender": "x"}, language="en")

    assert german.json()["errors"]["gender"] == [
        "Bitte eine gültige Auswahl treffen. x ist keine gültige Auswahl."
    ]
    assert english.json()["errors"]["gender"] == [
        "Select a valid choice. x is not one of the available choices."
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"first_names": 7}, "first_names"),
        ({"interpreter_needed": "yes"}, "interpreter_needed"),
        ({"birth_year": 1990.5}, "birth_year"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"residence_document": []}, "residence_document"),
        ({"first_names": "x" * 151}, "first_names"),
        ({"phone": "call me"}, "phone"),
        ({"first_names": "A\u0000B"}, "first_names"),
    ],
)
def test_create_participant_wrong_types_and_values_answer_422(
    net: Any, body: dict[str, Any], field: str
) -> None:
    response = _post(client_for(net.counsellor), "/participants", _participant_body(**body))

    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_create_participant_lone_surrogate_answers_422(net: Any) -> None:
    raw = json.dumps(_participant_body()).replace("Olena", "\\ud800")

    response = client_for(net.counsellor).post(
        f"{API}/participants", raw, content_type="application/json"
    )

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["first_names"]


@pytest.mark.parametrize("raw", ["{bad json", "", "[1, 2]", '"text"', "null", "[" * 100000])
def test_create_participant_malformed_body_answers_4xx(net: Any, raw: str) -> None:
    response = client_for(net.counsellor).post(
        f"{API}/participants",
        raw,
        content_type="application/json",
        headers={"accept-language": "en"},
    )

    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_create_participant_oversized_body_answers_413(net: Any, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = _participant_body(aliases="x" * 2000)

    response = _post(client_for(net.counsellor), "/participants", body)

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


# Recording contacts


def test_create_contact_records_through_the_service(net: Any) -> None:
    body = _contact_body()

    response = _post(
        client_for(net.counsellor), f"/participants/{net.participant.pk}/contacts", body
    )

    assert response.status_code == 201
    contact = CounsellingContact.objects.get(pk=response.json()["id"])
    assert str(contact.submission_key) == body["submission_key"]
    assert contact.topics == ["language", "application"]
    assert [s.description for s in contact.tasks.all()] == ["Anmeldung Sprachkurs"]
    assert AuditEvent.objects.filter(action="participants.contact.recorded").count() == 2


def test_create_contact_twice_with_the_same_key_answers_409(net: Any) -> None:
    client = client_for(net.counsellor)
    path = f"/participants/{net.participant.pk}/contacts"
    body = _contact_body()

    first = _post(client, path, body)
    second = _post(client, path, body)

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.json() == {"detail": "This contact has already been saved."}
    assert CounsellingContact.objects.filter(submission_key=body["submission_key"]).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"submission_key": "not-a-uuid"}, "submission_key"),
        ({"topics": ["astrology"]}, "topics"),
        ({"topics": "language"}, "topics"),
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": 10**30}, "duration_minutes"),
        ({"took_place_on": "2999-01-01"}, "took_place_on"),
        ({"took_place_on": "31.02.2025"}, "took_place_on"),
        ({"form": "telepathy"}, "form"),
        ({"site": 10**30}, "site"),
        ({"next_step_1": "", "next_step_1_due": "2025-04-01"}, "next_step_1"),
        ({"note": "x" * 10001}, "note"),
    ],
)
def test_create_contact_invalid_answers_422(
    net: Any, overrides: dict[str, Any], field: str
) -> None:
    response = _post(
        client_for(net.counsellor),
        f"/participants/{net.participant.pk}/contacts",
        _contact_body(**overrides),
    )

    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert CounsellingContact.objects.count() == 1


def test_create_contact_without_key_answers_422(net: Any) -> None:
    body = _contact_body()
    del body["submission_key"]

    response = _post(
        client_for(net.counsellor), f"/participants/{net.participant.pk}/contacts", body
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"submission_key": ["This field is required."]}


# The duplicate check, as in the intake


def _same_person(**overrides: Any) -> dict[str, Any]:
    """The fixture's participant, spelled differently."""
    return _participant_body(
        first_names="Muhammad",
        last_name="Almasri",
        birth_date="1999-04-01",
        gender="male",
        nationality="SY",
        **overrides,
    )


def test_create_duplicate_in_another_organisation_answers_409_with_only_whom_to_ask(
    net: Any,
) -> None:
    before = Participant.objects.count()

    response = _post(client_for(net.other_counsellor), "/participants", _same_person())

    assert response.status_code == 409
    (match,) = response.json()["possible_duplicates"]
    assert match == {
        "organisation": net.owner.name,
        "contact_email": net.owner.contact_email,
        "contact_phone": net.owner.contact_phone,
        "participant_id": None,
    }
    assert net.participant.file_number not in response.content.decode()
    assert "m.almasri@mail.example" not in response.content.decode()
    assert Participant.objects.count() == before
    check = AuditEvent.objects.get(action="participants.duplicate_check.performed")
    assert check.detail == {"matches": [net.participant.pk]}


def test_create_duplicate_in_own_organisation_names_the_participant(net: Any) -> None:
    response = _post(client_for(net.colleague), "/participants", _same_person())

    assert response.status_code == 409
    (match,) = response.json()["possible_duplicates"]
    assert match["participant_id"] == net.participant.pk


def test_create_duplicate_confirmed_registers_anyway(net: Any) -> None:
    response = _post(
        client_for(net.other_counsellor),
        "/participants",
        _same_person(confirm_not_duplicate=True),
    )

    assert response.status_code == 201
    created = Participant.objects.get(pk=response.json()["id"])
    assert created.organisation == net.other
    assert AuditEvent.objects.filter(action="participants.duplicate_check.performed").count() == 1


def test_create_duplicate_message_in_german(net: Any) -> None:
    response = _post(client_for(net.other_counsellor), "/participants", _same_person(), "de")

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Eine ähnliche Person ist bereits registriert")


def test_create_duplicate_names_each_other_organisation_once(net: Any) -> None:
    # How many similar people another organisation holds is not the caller's to know.
    for _ in range(2):
        participant_for(net.counsellor, first_names="Muhammad", last_name="Almasri")

    response = _post(client_for(net.other_counsellor), "/participants", _same_person())

    assert response.status_code == 409
    assert [m["organisation"] for m in response.json()["possible_duplicates"]] == [net.owner.name]


@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        ("put", "/participants", 405, "Diese Methode ist hier nicht erlaubt."),
        ("delete", "/participants/1", 405, "Diese Methode ist hier nicht erlaubt."),
        ("get", "/participants/", 404, "Nicht gefunden."),
        ("get", "/nope", 404, "Nicht gefunden."),
    ],
)
def test_unknown_paths_and_methods_answer_json_in_the_clients_language(
    net: Any, method: str, path: str, status: int, detail: str
) -> None:
    client = client_for(net.counsellor)

    response = getattr(client, method)(f"{API}{path}", headers={"accept-language": "de"})

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": detail}
