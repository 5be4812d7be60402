"""Occupation search as you type: spelling, typos, scripts and ranking."""

from pathlib import Path

import pytest
from django.core.management import call_command

from lotse.taxonomy.selectors import occupation_search

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def taxonomy(db: object) -> None:
    # The curated set is there after migrate; the official files join it as in production.
    call_command("taxonomy", "import-kldb", str(FIXTURES / "kldb_small.csv"))
    call_command(
        "taxonomy", "import-esco", str(FIXTURES / "esco"), "--language", "de", "--language", "en"
    )


def labels(q: str, **kwargs: object) -> list[str]:
    return [hit.label for hit in occupation_search(q, **kwargs)]  # type: ignore[arg-type]


def first(q: str) -> tuple[str, str, str]:
    hit = occupation_search(q)[0]
    return hit.label, hit.occupation.system, hit.occupation.code


@pytest.mark.usefixtures("taxonomy")
def test_prefix_finds_the_curated_occupation_first() -> None:
    assert first("altenpfl") == ("Altenpfleger/in", "lotse", "altenpfleger")
    assert labels("altenpfl")[1] == "Altenpflegehelfer/in"


@pytest.mark.usefixtures("taxonomy")
def test_koch_finds_koch_and_koechin() -> None:
    hits = occupation_search("Koch")
    assert (hits[0].label, hits[0].occupation.code) == ("Koch/Köchin", "koch")
    found = {(h.occupation.system, h.label) for h in hits}
    assert ("esco", "Koch/Köchin") in found
    # Only one hit per occupation, with its best label.
    assert len({h.occupation.pk for h in hits}) == len(hits)


@pytest.mark.usefixtures("taxonomy")
@pytest.mark.parametrize("q", ["Bäcker", "Baecker", "Backer", "bäcker", "BAECKER"])
def test_missing_umlauts_find_baecker(q: str) -> None:
    assert first(q)[0] == "Bäcker/in"


@pytest.mark.usefixtures("taxonomy")
@pytest.mark.parametrize("q", ["Elektrikr", "Elecktriker", "Elektirker"])
def test_typos_find_the_electrician(q: str) -> None:
    assert first(q)[:2] == ("Elektriker/in", "lotse")


@pytest.mark.usefixtures("taxonomy")
def test_arabic_and_ukrainian_labels_are_searchable_in_their_script() -> None:
    assert first("طباخ") == ("طباخ", "lotse", "koch")
    assert first("طَبّاخ") == ("طباخ", "lotse", "koch")
    assert first("кухар") == ("кухар", "lotse", "koch")
    assert first("آشپز")[2] == "koch"


@pytest.mark.usefixtures("taxonomy")
def test_exact_beats_prefix_beats_word_prefix_beats_fuzzy() -> None:
    hits = occupation_search("koch")
    tiers = [hit.tier for hit in hits]
    assert tiers == sorted(tiers)
    assert [h.label for h in occupation_search("Kassierer")][:1] == ["Kassierer/in"]
    # "Fahrer" is the second word of "Lkw-Fahrer/in": a word prefix, after label prefixes.
    fahrer = occupation_search("fahrer")
    assert "Lkw-Fahrer/in" in [h.label for h in fahrer]
    assert fahrer[0].tier <= 1


@pytest.mark.usefixtures("taxonomy")
def test_preferred_labels_and_curated_occupations_come_first() -> None:
    hits = occupation_search("Elektriker")
    assert (hits[0].occupation.system, hits[0].label) == ("lotse", "Elektriker/in")
    systems = [h.occupation.system for h in hits]
    assert systems.index("lotse") < systems.index("esco")


@pytest.mark.usefixtures("taxonomy")
def test_several_words_must_all_match() -> None:
    assert labels("Altenpflege Helfer")[0] == "Altenpflege (ohne Spezialisierung) - Helfer"
    assert labels("kitchen cook")[0] == "kitchen cook"


@pytest.mark.usefixtures("taxonomy")
def test_languages_restrict_the_labels() -> None:
    hits = occupation_search("koch", languages=["uk"])
    assert hits == []
    assert {h.language for h in occupation_search("cook", languages=["en"])} == {"en"}


@pytest.mark.usefixtures("taxonomy")
def test_joined_gender_suffix_and_limit() -> None:
    assert first("Kassiererin")[0] == "Kassierer/in"
    assert len(occupation_search("a", limit=3)) == 3
    assert occupation_search("   ") == []
    assert occupation_search("zzzzqqq") == []
