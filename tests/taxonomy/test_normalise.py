import pytest

from lotse.taxonomy.normalise import fold, prefix_distance, trigrams


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Bäcker/in", "backer in"),
        ("Baecker", "backer"),
        ("Backer", "backer"),
        ("Straße", "strasse"),
        ("Köchin", "kochin"),
        ("Lkw-Fahrer/in", "lkw fahrer in"),
        ("طَبّاخ", "طباخ"),
        ("أستاذ", "استاذ"),
        ("مدیر سیستم", "مدير سيستم"),
        ("Кухар", "кухар"),
        ("  Élec­tricien ", "electricien"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_prefix_distance_counts_edits_against_the_closest_prefix() -> None:
    assert prefix_distance("altenpfl", "altenpfleger") == 0
    assert prefix_distance("elektrikr", "elektriker") == 1
    assert prefix_distance("kcoh", "koch") == 1
    assert prefix_distance("xyzab", "koch", limit=2) == 3


def test_trigrams_mark_the_word_start() -> None:
    assert trigrams("koch") == {"^ko", "koc", "och"}
    assert trigrams("a") == {"^a"}
