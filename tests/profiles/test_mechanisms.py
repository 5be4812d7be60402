"""No lost update and no double record, for every kind of profile and plan entry."""

import datetime
import html
import re
import uuid
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from lotse.profiles.parts import PARTS, Part
from tests.conftest import Network, client_for
from tests.profiles.helpers import goal

DE = {"Accept-Language": "de"}
HX = {**DE, "HX-Request": "true"}
STALE = (
    "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert, deshalb wurden Ihre "
    "Änderungen nicht gespeichert. Ihre Eingaben stehen noch im Formular: Wenn Sie erneut "
    "speichern, ersetzen Sie die Änderungen der anderen Person."
)
ALREADY_SAVED = "Das wurde bereits gespeichert und nicht ein zweites Mal gespeichert."

# Per kind: valid values of a new entry, and a text field that two counsellors change.
SAMPLES: dict[str, tuple[dict[str, Any], str]] = {
    "languages": ({"language": "ar", "level": "B1"}, "level"),
    "certificates": (
        {"language": "de", "kind": "telc", "level": "B1", "issued_on": datetime.date(2024, 3, 15)},
        "name",
    ),
    "courses": ({"kind": "integration", "status": "completed", "target_level": "B1"}, "provider"),
    "education": (
        {"country": "SY", "from_year": 2005, "to_year": 2011, "isced_level": 3},
        "certificate",
    ),
    "recognition": ({"qualification": "Diplom Krankenpflege"}, "authority"),
    "work": (
        {
            "label": "Altenpflegehelfer",
            "kldb_code": "82101",
            "country": "SY",
            "started_on": datetime.date(2015, 3, 1),
        },
        "employer",
    ),
    "skills": ({"label": "Erste Hilfe", "evidence": "certified"}, "label"),
    "resources": ({"driving_licences": ["B"], "mobility": ["car"]}, "desired_regions"),
    "desired": ({"label": "Koch", "kldb_code": "29302"}, "label"),
    "health": ({"description": "Rückenleiden"}, "work_impact"),
    "goals": ({"kind": "vocational_training", "target_label": "Pflegefachkraft"}, "target_label"),
    "steps": ({"description": "Zeugnisse übersetzen lassen"}, "note"),
    "activities": (
        {
            "kind": "career_orientation",
            "took_place_on": datetime.date(2025, 2, 3),
            "content": "Berufe erkundet",
        },
        "content",
    ),
}
# Two values of the changed field each: the first counsellor's, the second's.
EDITS = {"level": ("B2", "C1")}


def _values(net: Network, kind: str) -> dict[str, Any]:
    values = dict(SAMPLES[kind][0])
    if kind == "steps":
        values["goal"] = goal(net)
        values["organisation"] = net.owner
    return values


def _posted(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser posts for the form as shown."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def _saved(net: Network, part: Part) -> Any:
    values = _values(net, part.kind)
    return part.save(actor=net.counsellor, participant=net.participant, data=values)


def _edit_form_data(net: Network, part: Part, item: Any) -> dict[str, Any]:
    return _posted(part.form(instance=item, participant=net.participant))


def _new_form_data(net: Network, part: Part, key: str) -> dict[str, Any]:
    instance = part.model(participant=net.participant, **_values(net, part.kind))
    return {
        **_posted(part.form(instance=instance, participant=net.participant)),
        "submission_key": key,
    }


def _alert(page: str, kind: str) -> str:
    match = re.search(
        rf'kern-alert--{kind}"[^>]*>\s*<div class="kern-alert__header"><span class="kern-title">'
        r"(.*?)</span>",
        page,
        re.S,
    )
    assert match is not None, page
    return html.unescape(match.group(1)).strip()


def _summary_problem(page: str) -> str:
    """The first problem the error summary names (a general one has no link)."""
    match = re.search(r"data-error-summary.*?<li>(.*?)</li>", page, re.S)
    assert match is not None, page
    return html.unescape(match.group(1)).strip()


def _key(page: str) -> str:
    match = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
    assert match is not None
    return match.group(1)


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_profile_entry_stale_edit_is_refused_and_keeps_the_entries(net: Network, kind: str) -> None:
    part = PARTS[kind]
    item = _saved(net, part)
    url = reverse("profiles:item_edit", args=[net.participant.pk, kind, item.pk])
    field = SAMPLES[kind][1]
    first_value, second_value = EDITS.get(field, ("Eintrag der Ersten", "Eintrag des Zweiten"))
    opened_by_both = _edit_form_data(net, part, item)
    assert opened_by_both["version"] == "1"

    first = client_for(net.counsellor).post(url, {**opened_by_both, field: first_value}, headers=DE)
    second = client_for(net.team_lead).post(
        url, {**opened_by_both, field: second_value}, headers=DE
    )
    page = second.content.decode()

    assert first.status_code == 302
    assert second.status_code == 200
    assert _summary_problem(page) == STALE
    item.refresh_from_db()
    assert (getattr(item, field), item.version) == (first_value, 2)
    form = second.context["form"]
    assert (form[field].value(), form["version"].value()) == (second_value, "2")


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_profile_entry_added_twice_with_one_key_is_saved_once(net: Network, kind: str) -> None:
    part = PARTS[kind]
    client = client_for(net.counsellor)
    url = reverse("profiles:item_add", args=[net.participant.pk, kind])
    data = _new_form_data(net, part, _key(client.get(url, headers=DE).content.decode()))
    before = part.model.objects.count()

    first = client.post(url, data, headers=DE, follow=True)
    second = client.post(url, data, headers=DE, follow=True)

    assert [str(m) for m in first.context["messages"]] == [f"{part.title}: gespeichert."]
    assert part.model.objects.count() == before + 1
    assert [str(m) for m in second.context["messages"]] == [ALREADY_SAVED]


def test_profile_entry_added_twice_in_place_tells_so_in_the_part(net: Network) -> None:
    client = client_for(net.counsellor)
    url = reverse("profiles:item_add", args=[net.participant.pk, "work"])
    data = _new_form_data(net, PARTS["work"], _key(client.get(url, headers=HX).content.decode()))

    first = client.post(url, data, headers=HX)
    second = client.post(url, data, headers=HX)

    assert (first.status_code, second.status_code) == (200, 200)
    assert PARTS["work"].model.objects.count() == 1
    assert _alert(second.content.decode(), "info") == ALREADY_SAVED
    assert _alert(first.content.decode(), "success") == "Berufserfahrung: gespeichert."


def test_profile_entry_stale_edit_in_place_shows_the_form_again(net: Network) -> None:
    part = PARTS["work"]
    item = _saved(net, part)
    url = reverse("profiles:item_edit", args=[net.participant.pk, "work", item.pk])
    opened_by_both = _edit_form_data(net, part, item)
    client_for(net.counsellor).post(url, {**opened_by_both, "employer": "Erste"}, headers=HX)

    second = client_for(net.team_lead).post(
        url, {**opened_by_both, "employer": "Zweite"}, headers=HX
    )
    page = second.content.decode()

    assert second.status_code == 200
    assert _summary_problem(page) == STALE
    assert 'value="Zweite"' in page
    assert "<html" not in page
    item.refresh_from_db()
    assert item.employer == "Erste"


def test_profile_entry_deleted_meanwhile_is_not_saved_again(net: Network) -> None:
    part = PARTS["skills"]
    item = _saved(net, part)
    url = reverse("profiles:item_edit", args=[net.participant.pk, "skills", item.pk])
    opened = _edit_form_data(net, part, item)
    client = client_for(net.counsellor)
    delete = reverse("profiles:item_delete", args=[net.participant.pk, "skills", item.pk])
    client.post(delete, headers=DE)

    response = client.post(url, {**opened, "label": "Zu spät"}, headers=DE)

    assert response.status_code == 404
    assert part.model.objects.count() == 0


def test_a_new_key_is_shown_for_each_add_form(net: Network) -> None:
    client: Client = client_for(net.counsellor)
    url = reverse("profiles:item_add", args=[net.participant.pk, "skills"])
    keys = {_key(client.get(url, headers=DE).content.decode()) for _ in range(2)}
    assert len(keys) == 2
    assert all(uuid.UUID(key) for key in keys)
