from typing import Any

from lotse.employers import services
from lotse.employers.models import Employer, Vacancy
from tests.conftest import Network


def employer(net: Network, name: str = "Lager Süd GmbH", **values: Any) -> Employer:
    return services.employer_save(
        actor=net.coordinator,
        network=net.owner.network,
        employer=Employer(name=name, **values),
        expected_version=None,
    )


def vacancy(net: Network, at: Employer, **values: Any) -> Vacancy:
    data: dict[str, Any] = {
        "kind": "job",
        "title": "Fachkraft für Lagerlogistik",
        "kldb_code": "51312",
    }
    data.update(values)
    return services.vacancy_save(
        actor=net.coordinator, employer=at, vacancy=Vacancy(**data), expected_version=None
    )
