"""A second click on a network form that creates saves nothing and says so (core.submissions);
a stale account form saves nothing either (core.versioning)."""

import re

import pytest
from django.contrib.auth import get_user_model

from lotse.network.models import Membership, Organisation
from tests.conftest import Network, client_for
from tests.factories import account_names
from tests.network.test_network_views import _account

DE = {"Accept-Language": "de"}
ALREADY_SAVED = "Das wurde bereits gespeichert und nicht ein zweites Mal gespeichert."
STALE = (
    "Jemand anderes hat dies nach dem Öffnen des Formulars gespeichert, deshalb wurden Ihre "
    "Änderungen nicht gespeichert. Ihre Eingaben stehen noch im Formular: Wenn Sie erneut "
    "speichern, ersetzen Sie die Änderungen der anderen Person."
)
ORGANISATION = {
    "name": "Integrationsdienst Test",
    "kind": "welfare",
    "file_number_prefix": "ID",
    "contact_email": "",
    "contact_phone": "",
}


@pytest.mark.parametrize(
    ("persona", "url", "data", "count"),
    [
        (
            "coordinator",
            "/network/organisations/new/",
            ORGANISATION,
            lambda: Organisation.objects.filter(name="Integrationsdienst Test").count(),
        ),
        (
            "team_lead",
            "/network/accounts/",
            _account(),
            lambda: get_user_model().objects.filter(username="neue.beraterin").count(),
        ),
    ],
    ids=["organisation", "account"],
)
def test_network_form_posted_twice_with_one_key_saves_once(
    net: Network, persona: str, url: str, data: dict[str, str], count: object
) -> None:
    client = client_for(getattr(net, persona))
    page = client.get(url, headers=DE).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
    assert key is not None

    first = client.post(url, {**data, "submission_key": key.group(1)}, headers=DE, follow=True)
    second = client.post(url, {**data, "submission_key": key.group(1)}, headers=DE, follow=True)

    assert len(first.context["messages"]) == 1
    assert count() == 1  # type: ignore[operator]
    assert [str(m) for m in second.context["messages"]] == [ALREADY_SAVED]


def test_account_change_over_a_stale_form_is_refused(net: Network) -> None:
    membership = Membership.objects.get(user=net.colleague)
    url = f"/network/accounts/{membership.pk}/"
    opened = {
        "role": "counsellor",
        "is_active": "on",
        "version": "1",
        **account_names(net.colleague),
    }
    client_for(net.team_lead).post(url, {**opened, "role": "volunteer"}, headers=DE)

    stale = client_for(net.team_lead).post(url, {**opened, "is_active": ""}, headers=DE)

    assert stale.context["form"].non_field_errors() == [STALE]
    membership.refresh_from_db()
    net.colleague.refresh_from_db()
    assert (membership.role, membership.version, net.colleague.is_active) == ("volunteer", 2, True)
