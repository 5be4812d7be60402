"""Coding a job by typing its name: suggestions from the taxonomy, codes filled in."""

import pytest
from django.urls import reverse
from django.utils import translation

from lotse.profiles.models import WorkExperience
from tests.conftest import Network, client_for

JOB = {
    "isco_code": "",
    "esco_uri": "",
    "country": "SY",
    "started_on": "2016-01",
    "ended_on": "2019-12",
    "employer": "",
    "tasks": "Pflege",
    "kldb_code": "",
}


def _add(net: Network, label: str):  # type: ignore[no-untyped-def]
    url = reverse("profiles:item_add", args=[net.participant.pk, "work"])
    return client_for(net.counsellor).post(
        url, {**JOB, "label": label}, headers={"accept-language": "de"}
    )


def test_suggestions_come_from_the_taxonomy_and_tolerate_typos(net: Network) -> None:
    client = client_for(net.counsellor)
    url = reverse("profiles:occupation_suggest")
    options = client.get(url, {"label": "Altenpflger"}).content.decode()
    assert "Altenpfleger/in (82102)" in options
    assert client.get(url, {"label": "x"}).content.decode().strip() == ""
    assert client_for(net.coordinator).get(url, {"label": "Koch"}).status_code == 403


def test_a_picked_suggestion_fills_kldb_and_isco(net: Network) -> None:
    assert _add(net, "Altenpfleger/in (82102)").status_code == 302
    job = WorkExperience.objects.get(participant=net.participant)
    assert (job.label, job.kldb_code) == ("Altenpfleger/in", "82102")
    assert job.isco_code.startswith("532")
    assert job.level == 2


def test_a_typed_name_is_coded_by_the_best_match(net: Network) -> None:
    assert _add(net, "Baecker").status_code == 302
    job = WorkExperience.objects.get(participant=net.participant)
    assert job.kldb_code.startswith("292")


PICK_ONE = "Wählen Sie einen Beruf aus den Vorschlägen aus oder geben Sie seinen KldB-Code ein."


@pytest.mark.parametrize(
    ("label", "messages"),
    [("", ["Dieses Feld ist ein Pflichtfeld.", PICK_ONE]), ("Qwzxv", [PICK_ONE])],
)
def test_an_uncodable_occupation_is_refused_with_a_message(
    net: Network, label: str, messages: list[str]
) -> None:
    response = _add(net, label)
    assert response.status_code == 200
    with translation.override("de"):
        assert dict(response.context["form"].errors) == {"label": messages}
    assert PICK_ONE in response.content.decode()
    assert not WorkExperience.objects.filter(participant=net.participant).exists()


@pytest.mark.parametrize("picked", ["geriatric nurse (82102)", "Altenpflegefachkraft (82102)"])
def test_a_suggestion_picked_in_another_language_is_kept_in_german(
    net: Network, picked: str
) -> None:
    assert _add(net, picked).status_code == 302
    job = WorkExperience.objects.get(participant=net.participant)
    expected = "Altenpflegefachkraft" if picked.startswith("Alten") else "Altenpfleger/in"
    assert (job.label, job.kldb_code) == (expected, "82102")
