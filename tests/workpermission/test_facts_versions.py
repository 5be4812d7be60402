"""No lost update on the residence facts: two counsellors with the form open (core.versioning)."""

from django.urls import reverse

from lotse.workpermission.models import ResidenceFacts
from tests.conftest import Network, client_for
from tests.workpermission.helpers import gestattung_facts
from tests.workpermission.test_panel import facts_post

DE = {"Accept-Language": "de"}
STALE = (
    "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert, deshalb wurden Ihre "
    "Änderungen nicht gespeichert. Ihre Eingaben stehen noch im Formular: Wenn Sie erneut "
    "speichern, ersetzen Sie die Änderungen der anderen Person."
)


def _url(net: Network) -> str:
    return reverse("workpermission:facts_edit", args=[net.participant.pk])


def test_facts_stale_save_is_refused_and_keeps_the_entries(net: Network) -> None:
    gestattung_facts(net)
    opened = client_for(net.counsellor).get(_url(net), headers=DE).context["form"]
    version = opened["version"].value()

    first = client_for(net.counsellor).post(
        _url(net), facts_post(version=str(version), weekly_hours="20.0"), headers=DE
    )
    second = client_for(net.team_lead).post(
        _url(net), facts_post(version=str(version), weekly_hours="30.0"), headers=DE
    )

    assert (version, first.status_code, second.status_code) == (1, 302, 200)
    form = second.context["form"]
    assert form.non_field_errors() == [STALE]
    assert (form["weekly_hours"].value(), form["version"].value()) == ("30.0", "2")
    facts = ResidenceFacts.objects.get(participant=net.participant)
    assert (str(facts.weekly_hours), facts.version) == ("20.0", 2)


def test_facts_first_saved_by_two_at_once_keep_the_first(net: Network) -> None:
    # Both opened the form before any facts existed: no version in either.
    first = client_for(net.counsellor).post(_url(net), facts_post(weekly_hours="20.0"), headers=DE)
    second = client_for(net.team_lead).post(_url(net), facts_post(weekly_hours="30.0"), headers=DE)

    assert (first.status_code, second.status_code) == (302, 200)
    assert second.context["form"].non_field_errors() == [STALE]
    facts = ResidenceFacts.objects.get(participant=net.participant)
    assert (str(facts.weekly_hours), facts.version) == ("20.0", 1)
