"""A small path of the personas' network, made through the services the coordinator's pages
call."""

from typing import Any

from lotse.responsibilities import services
from lotse.responsibilities.models import PathStep, Responsibility
from tests.conftest import Network


def step(net: Network, name: str, position: int) -> PathStep:
    return services.step_save(
        actor=net.coordinator,
        network=net.owner.network,
        step=PathStep(name=name, position=position),
        expected_version=None,
    )


def responsibility(net: Network, on: PathStep, **fields: Any) -> Responsibility:
    return services.responsibility_save(
        actor=net.coordinator,
        network=net.owner.network,
        responsibility=Responsibility(step=on, **fields),
        expected_version=None,
    )


def demo_path(net: Network) -> dict[str, Any]:
    """Erstberatung for everyone; job placement split by legal sphere; the young by age."""
    first = step(net, "Erstberatung", 10)
    placement = step(net, "Arbeitsvermittlung", 70)
    rows = {
        "first": responsibility(
            net, first, organisation=net.owner, contact="Migrationsberatung", phone="0421 123"
        ),
        "sgb_ii": responsibility(
            net,
            placement,
            organisation=net.other,
            legal_spheres=["sgb_ii"],
            contact="Team Integration",
            email="integration@jobcenter.example",
        ),
        "asylblg": responsibility(
            net,
            placement,
            outside_organisation="Agentur für Arbeit Beispielstadt",
            legal_spheres=["asylblg", "sgb_iii"],
            contact="Berufsberatung",
        ),
        "young": responsibility(
            net,
            placement,
            organisation=net.third,
            min_age=18,
            max_age=27,
            documents=["gestattung", "duldung"],
            contact="Jugendberufsagentur",
            channel_note="offene Sprechstunde Di 9–12",
        ),
    }
    return {"first": first, "placement": placement, **rows}
