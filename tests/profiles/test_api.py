"""The profile and the plan over the API (router registered as `api.add_router("", …)`)."""

import json
from typing import Any

import pytest
from django.test import Client

from lotse.audit.models import AuditEvent
from lotse.profiles.models import LanguageSkill
from tests.conftest import Network, client_for, share_with_consent
from tests.profiles.helpers import SECRET_HEALTH, goal, health, language, work


def url(net: Network, tail: str) -> str:
    return f"/api/v1/participants/{net.participant.pk}/{tail}"


def put(client: Client, address: str, body: Any) -> Any:
    return client.put(address, json.dumps(body), content_type="application/json")


def test_owner_reads_profile_plan_and_health(net: Network) -> None:
    language(net)
    work(net)
    health(net)
    goal(net)
    client = client_for(net.counsellor)
    profile = client.get(url(net, "profile")).json()
    assert profile["languages"][0]["language"] == "ar"
    assert (profile["work"][0]["kldb_code"], profile["work"][0]["level"]) == ("82101", 1)
    assert SECRET_HEALTH not in json.dumps(profile)
    assert client.get(url(net, "profile/health")).json()[0]["description"] == SECRET_HEALTH
    assert client.get(url(net, "career-plan")).json()["goals"][0]["steps"] == []
    assert AuditEvent.objects.filter(action="profiles.health.viewed").count() == 1


def test_shared_reads_but_gets_no_health_and_cannot_write(net: Network) -> None:
    share_with_consent(net)
    health(net)
    client = client_for(net.other_counsellor)
    response = client.get(url(net, "profile"))
    assert response.status_code == 200
    assert SECRET_HEALTH not in response.content.decode()
    assert client.get(url(net, "profile/health")).status_code == 404
    assert put(client, url(net, "profile/languages"), []).status_code == 404
    assert put(client, url(net, "profile/health"), []).status_code == 404


@pytest.mark.parametrize("persona", ["other_counsellor", "volunteer"])
def test_invisible_participant_is_404(net: Network, persona: str) -> None:
    net.participant.volunteers.add(
        net.volunteer, through_defaults={"network_id": net.participant.network_id}
    )
    client = client_for(getattr(net, persona))
    for tail in ("profile", "profile/health", "career-plan"):
        response = client.get(url(net, tail))
        assert response.status_code == 404
        assert SECRET_HEALTH not in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "data_protection"])
def test_roles_without_case_files_get_403(net: Network, persona: str) -> None:
    assert client_for(getattr(net, persona)).get(url(net, "profile")).status_code == 403


def test_put_replaces_a_part(net: Network) -> None:
    kept = language(net, "ar")
    language(net, "en", "B1")
    client = client_for(net.counsellor)
    response = put(
        client,
        url(net, "profile/languages"),
        [{"id": kept.pk, "language": "ar", "level": "native"}, {"language": "uk", "level": "A2"}],
    )
    assert response.status_code == 200
    assert sorted(LanguageSkill.objects.values_list("language", flat=True)) == ["ar", "uk"]
    response = put(client, url(net, "profile/resources"), {"driving_licences": ["B"]})
    assert response.json()["resources"]["driving_licences"] == ["B"]


def test_put_with_one_bad_entry_saves_nothing(net: Network) -> None:
    language(net, "ar")
    client = client_for(net.counsellor)
    response = put(
        client,
        url(net, "profile/languages"),
        [{"language": "uk", "level": "A2"}, {"language": "zz", "level": "Q7"}],
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"1.language", "1.level"}
    assert list(LanguageSkill.objects.values_list("language", flat=True)) == ["ar"]
    response = put(client, url(net, "profile/languages"), [{"language": "uk", "colour": "x"}])
    assert "0.colour" in response.json()["errors"]
    assert put(client, url(net, "profile/nonsense"), []).status_code == 404


def test_put_of_an_entry_saved_since_it_was_read_answers_409(net: Network) -> None:
    job = work(net)
    client = client_for(net.counsellor)
    read = client.get(url(net, "profile")).json()["work"][0]
    client_for(net.team_lead).put(
        url(net, "profile/work"),
        json.dumps([{**read, "employer": "Erste"}]),
        content_type="application/json",
    )

    response = client.put(
        url(net, "profile/work"),
        json.dumps([{**read, "employer": "Zweite"}]),
        content_type="application/json",
        headers={"Accept-Language": "de"},
    )

    assert (read["version"], response.status_code) == (1, 409)
    assert response.json() == {
        "detail": "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert, deshalb "
        "wurden Ihre Änderungen nicht gespeichert. Ihre Eingaben stehen noch im Formular: Wenn "
        "Sie erneut speichern, ersetzen Sie die Änderungen der anderen Person."
    }
    job.refresh_from_db()
    assert (job.employer, job.version) == ("Erste", 2)


def test_put_refuses_a_version_that_is_not_a_whole_number(net: Network) -> None:
    kept = language(net, "ar")
    response = client_for(net.counsellor).put(
        url(net, "profile/languages"),
        json.dumps([{"id": kept.pk, "version": "1", "language": "ar", "level": "B2"}]),
        content_type="application/json",
        headers={"Accept-Language": "de"},
    )
    assert (response.status_code, response.json()["errors"]) == (
        422,
        {"0.version": ["Geben Sie eine ganze Zahl ein."]},
    )
