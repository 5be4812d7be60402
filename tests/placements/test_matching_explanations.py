"""The words of a match: what speaks for it, what against, and why a vacancy is excluded."""

import datetime

import pytest

from lotse.legal.model import Activity
from lotse.placements.matching import (
    Coded,
    Exclusion,
    Match,
    Permission,
    PersonRow,
    VacancyIndex,
    VacancyRow,
    assess,
    prepare,
)

TODAY = datetime.date(2027, 1, 15)
D = datetime.date
ALLOWED = {a: Permission(allowed=True, citation="§ 4a Abs. 1 AufenthG") for a in Activity}


def person(**changes):
    fields = {
        "id": 1,
        "permissions": ALLOWED,
        "german": "B1",
        "licences": frozenset({"B"}),
        "district": "05315",
        "experience": (Coded("51311", "Lagerhelfer/in", months=38),),
    }
    return PersonRow(**(fields | changes))


def vacancy(**changes):
    fields = {
        "id": 7,
        "title": "Fachkraft Lagerlogistik",
        "kind": "job",
        "kldb": "51312",
        "start": D(2027, 2, 1),
        "district": "05315",
    }
    return VacancyRow(**(fields | changes))


def words(result):
    if isinstance(result, Exclusion):
        return {"excluded": [r.text.de for r in result.reasons]}
    return {
        "for": [r.text.de for r in result.reasons_for],
        "against": [r.text.de for r in result.reasons_against],
    }


@pytest.mark.parametrize(
    ("person_changes", "vacancy_changes", "expected"),
    [
        (
            {},
            {},
            {
                "for": [
                    "Erfahrung als Lagerhelfer/in (KldB 51311): dieselbe Berufsuntergruppe 5131",
                    "3 Jahre Erfahrung als Lagerhelfer/in (KldB 51311)",
                    "Beginn 01.02.2027",
                    "Beschäftigung zum Beginn erlaubt (§ 4a Abs. 1 AufenthG)",
                    "im selben Kreis",
                ],
                "against": ["Anforderungsniveau Fachkraft verlangt, belegt ist Helfer"],
            },
        ),
        (
            {"experience": (Coded("51311", "Lagerhelfer/in", months=8),)},
            {"licences": frozenset({"B"}), "languages": {"en": "B1"}, "start": D(2027, 9, 1)},
            {
                "for": [
                    "Erfahrung als Lagerhelfer/in (KldB 51311): dieselbe Berufsuntergruppe 5131",
                    "8 Monate Erfahrung als Lagerhelfer/in (KldB 51311)",
                    "Beschäftigung zum Beginn erlaubt (§ 4a Abs. 1 AufenthG)",
                    "im selben Kreis",
                ],
                "against": [
                    "Anforderungsniveau Fachkraft verlangt, belegt ist Helfer",
                    "Englisch B1 verlangt, vorhanden —",
                    "Beginn erst am 01.09.2027",
                ],
            },
        ),
        (
            {
                "desired": (Coded("51322", "Fachkraft Lagerlogistik"),),
                "experience": (),
                "permissions": {
                    Activity.EMPLOYMENT: Permission(
                        allowed=True, needs_permit=True, citation="§ 61 Abs. 2 AsylG"
                    )
                },
            },
            {"kldb": "51322", "experience_group": "513"},
            {
                "for": [
                    "Wunschberuf Fachkraft Lagerlogistik (KldB 51322): derselbe Beruf",
                    "Beginn 01.02.2027",
                    "im selben Kreis",
                ],
                "against": [
                    "Anforderungsniveau Fachkraft verlangt, belegt ist Helfer",
                    "Erfahrung in KldB 513 verlangt, keine belegt",
                    "Beschäftigung nur mit Erlaubnis der Ausländerbehörde (§ 61 Abs. 2 AsylG)",
                ],
            },
        ),
        (
            {"german": "A2", "licences": frozenset({"B"}), "hours": 20, "shift_work": False},
            {"min_german": "B1", "licences": frozenset({"C"}), "hours": 38, "shift_work": True},
            {
                "excluded": [
                    "Deutsch B1 verlangt, vorhanden A2",
                    "Führerschein C fehlt",
                    "38 Stunden pro Woche, verfügbar 20",
                    "Schichtarbeit, nicht möglich",
                ]
            },
        ),
        (
            {"licences": frozenset({"CE"})},
            {"licences": frozenset({"C"})},
            {
                "for": [
                    "Erfahrung als Lagerhelfer/in (KldB 51311): dieselbe Berufsuntergruppe 5131",
                    "3 Jahre Erfahrung als Lagerhelfer/in (KldB 51311)",
                    "Beginn 01.02.2027",
                    "Beschäftigung zum Beginn erlaubt (§ 4a Abs. 1 AufenthG)",
                    "im selben Kreis",
                ],
                "against": ["Anforderungsniveau Fachkraft verlangt, belegt ist Helfer"],
            },
        ),
        (
            {
                "permissions": {
                    Activity.EMPLOYMENT: Permission(
                        allowed=True, available_from=D(2027, 3, 1), citation="§ 61 Abs. 2 AsylG"
                    )
                }
            },
            {},
            {
                "excluded": [
                    "Beschäftigung erst ab 01.03.2027 möglich, Beginn 01.02.2027"
                    " (§ 61 Abs. 2 AsylG)"
                ]
            },
        ),
        (
            {
                "permissions": {
                    Activity.EMPLOYMENT: Permission(allowed=False, citation="§ 60a Abs. 6 AufenthG")
                }
            },
            {"district": "05334"},
            {
                "excluded": [
                    "Beschäftigung nicht erlaubt (§ 60a Abs. 6 AufenthG)",
                    "anderer Kreis",
                ]
            },
        ),
        (
            {"permissions": None, "german": None, "district": ""},
            {"kind": "training", "min_german": "B2"},
            {
                "excluded": [
                    "Berufsausbildung: Arbeitsmarktzugang unbekannt"
                    " (Aufenthaltspapier oder Angaben fehlen)",
                    "Deutsch B2 verlangt, Niveau unbekannt",
                    "Wohnort unbekannt",
                ]
            },
        ),
        (
            {"lat": 50.94, "lon": 6.96, "district": "05315"},
            {"lat": 50.73, "lon": 7.10, "district": "05314"},
            {"excluded": ["25 km entfernt, anderer Kreis (Umkreis 25 km)"]},
        ),
        # The vacancy's postcode and town are not in the imported postcode file, the person's
        # are: not "another district", which would send the counsellor looking on a map.
        (
            {"lat": 50.94, "lon": 6.96, "district": "05315"},
            {"district": "town:musterhausen"},
            {"excluded": ["Ort der Stelle nicht im Postleitzahlenverzeichnis"]},
        ),
        ({}, {"district": ""}, {"excluded": ["Ort der Stelle unbekannt"]}),
        (
            {
                "qualifications": (Coded("26212", "Elektroniker/in", partial=False),),
                "experience": (),
                "languages": {"en": "B2"},
            },
            {"kldb": "26212", "qualifications": frozenset({"26212"}), "languages": {"en": "B1"}},
            {
                "for": [
                    "Abschluss als Elektroniker/in (KldB 26212): derselbe Beruf",
                    "Anforderungsniveau Fachkraft belegt",
                    "Englisch B1 verlangt, vorhanden B2",
                    "Beginn 01.02.2027",
                    "anerkannter Abschluss als Elektroniker/in (KldB 26212)",
                    "Beschäftigung zum Beginn erlaubt (§ 4a Abs. 1 AufenthG)",
                    "im selben Kreis",
                ],
                "against": [],
            },
        ),
    ],
)
def test_explanation_words(person_changes, vacancy_changes, expected):
    result = assess(prepare(person(**person_changes), today=TODAY), vacancy(**vacancy_changes))
    assert words(result) == expected


def test_explanations_in_english_too():
    result = assess(
        prepare(person(licences=frozenset()), today=TODAY), vacancy(licences=frozenset({"C"}))
    )
    assert isinstance(result, Exclusion)
    assert [r.text.en for r in result.reasons] == ["driving licence C missing"]


def test_score_orders_the_same_occupation_first():
    same = vacancy(id=1, kldb="51311")
    subgroup = vacancy(id=2, kldb="51312")
    group = vacancy(id=3, kldb="51392")
    other = vacancy(id=4, kldb="82102")
    ranking = VacancyIndex([other, group, subgroup, same]).match(person(), today=TODAY)
    assert [m.vacancy_id for m in ranking.matches] == [1, 2, 3, 4]
    assert all(isinstance(m, Match) for m in ranking.matches)
    assert ranking.matches[0].score == 79


def test_excluded_lists_near_vacancies_the_law_closes():
    closed = {Activity.EMPLOYMENT: Permission(allowed=False)}
    ranking = VacancyIndex([vacancy(id=1), vacancy(id=2, kind="internship")]).match(
        person(permissions=closed), today=TODAY, excluded_limit=5
    )
    assert ranking.matches == ()
    assert [(e.vacancy_id, [r.code for r in e.reasons]) for e in ranking.excluded] == [
        (1, ["work_permission"]),
        (2, ["work_permission"]),
    ]
