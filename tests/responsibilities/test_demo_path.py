"""The demo network's path: every step of issue 13's example, each naming someone, published."""

from django.test import Client

from lotse.demo.responsibilities import PATH, load_responsibilities
from lotse.responsibilities.models import PathStep, Responsibility
from lotse.responsibilities.selectors import map_table, path_of
from tests.conftest import Network


def test_the_demo_path_names_someone_for_every_step_and_is_public(net: Network) -> None:
    organisations = {"jc": net.other, "sw": net.owner, "lw": net.third, "kv": net.municipality}
    network = net.owner.network
    rows = load_responsibilities(network, organisations, net.coordinator)
    assert rows == Responsibility.objects.count() == sum(len(groups) for _step, groups in PATH)
    assert list(PathStep.objects.values_list("name", flat=True)) == [
        "Erstberatung",
        "Klärung Aufenthaltsstatus",
        "Sprachkurs",
        "Anerkennung",
        "Berufsorientierung",
        "Ausbildungsplatzsuche",
        "Arbeitsvermittlung",
        "Begleitung nach Arbeitsaufnahme",
    ]
    table = map_table(path_of(network.pk))
    assert all(any(cell for cell in row.cells) for row in table.rows)
    response = Client().get(f"/responsibilities/public/{network.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "Jugendberufsagentur Musterkreis" in response.content.decode()
