"""The demo network shows matching: postcodes, employers with what Lotse records of them,
open vacancies coded as the taxonomy codes them, new matches in inboxes, and consents that let
other partners see anonymous profiles."""

from typing import Any

from django_scopes import scopes_disabled

from lotse.demo.load import demo_load
from lotse.employers.models import Employer, EmployerStep, Vacancy
from lotse.employers.selectors import kldb_occupation
from lotse.participants.models import Consent
from lotse.placements.geo.selectors import places_of
from lotse.placements.matches.models import NewMatch


def test_demo_has_vacancies_postcodes_and_new_matches(db: Any) -> None:
    result = demo_load(count=60)
    with scopes_disabled():
        vacancies = Vacancy.objects.filter(network=result.network)
        assert vacancies.count() == 5
        assert set(places_of(["00110", "00130"])) == {"00110", "00130"}
        assert NewMatch.objects.filter(network=result.network).exists()
        # Every code is one the taxonomy knows; the training is Fachkraft für Lagerlogistik.
        assert [v.kldb_code for v in vacancies if not kldb_occupation(v.kldb_code)] == []
        assert [v.isco_code for v in vacancies.order_by("title")] == [
            known.isco_code
            for known in (kldb_occupation(v.kldb_code) for v in vacancies.order_by("title"))
            if known
        ]
        assert "" not in {v.isco_code for v in vacancies}
        assert vacancies.get(title="Ausbildung Fachkraft für Lagerlogistik").kldb_code == "51312"
        # The employers the work histories and next steps name exist, with their details.
        nord = Employer.objects.get(network=result.network, name="Logistik Nord GmbH")
        assert (nord.industry, nord.lead_organisation.name) == ("H", "Sozialwerk Musterstadt e.V.")
        assert [p.name for p in nord.people.all()] == ["Petra Sommer"]
        step = EmployerStep.objects.get(employer=nord)
        assert (step.description, step.assignee.username) == (
            "Zwei Profile für die Ausbildung schicken",
            "beratung.sozialwerk",
        )
        consents = Consent.objects.filter(
            participant__organisation__network=result.network, purpose="employer_contact"
        )
        # Up to three people with new matches per case partner, each consent covering the
        # two other partners.
        expected = set()
        for key in ("sw", "jc", "lw"):
            matched = (
                NewMatch.objects.filter(participant__organisation__file_number_prefix=key.upper())
                .exclude(participant__counsellor=None)
                .values_list("participant_id", flat=True)
                .distinct()
                .order_by("participant_id")
            )
            expected |= set(list(matched)[:3])
        assert expected
        assert {c.participant_id for c in consents} == expected
        assert [c.organisations.count() for c in consents] == [2] * len(expected)
