"""The demo network shows matching: postcodes, open vacancies and new matches in inboxes."""

from typing import Any

from django_scopes import scopes_disabled

from lotse.demo.load import demo_load
from lotse.employers.models import Vacancy
from lotse.placements.geo.selectors import places_of
from lotse.placements.matches.models import NewMatch


def test_demo_has_vacancies_postcodes_and_new_matches(db: Any) -> None:
    result = demo_load(count=60)
    with scopes_disabled():
        assert Vacancy.objects.filter(network=result.network).count() == 5
        assert set(places_of(["00110", "00130"])) == {"00110", "00130"}
        assert NewMatch.objects.filter(network=result.network).exists()
