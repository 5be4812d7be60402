"""Lists of countries and languages read as a German list does (DIN 5007-1: ä as a)."""

from django.utils import translation

from lotse.core.formats import alphabetical
from lotse.core.reference import language_choices, language_name, nationality_choices
from lotse.profiles.enums import country_options, language_options


def test_countries_with_umlauts_stand_among_their_letters_not_at_the_end() -> None:
    with translation.override("de"):
        names = [name for _code, name in nationality_choices()[3:]]
    assert names.index("Oman") < names.index("Österreich") < names.index("Pakistan")
    assert names.index("Afghanistan") < names.index("Ägypten") < names.index("Albanien")
    assert names == sorted(names, key=alphabetical)


def test_languages_are_in_alphabetical_order() -> None:
    with translation.override("de"):
        names = [name for _code, name in language_choices()[1:]]
    assert names == sorted(names, key=alphabetical)


def test_the_profile_forms_use_the_same_lists() -> None:
    with translation.override("de"):
        assert [name for _c, name in country_options()] == [
            name for _c, name in nationality_choices()[3:]
        ]
        assert language_options() == language_choices()[1:]


def test_a_language_reads_as_one_language_not_a_list_of_alternatives() -> None:
    with translation.override("de"):
        assert language_name("ps") == "Paschtu"
        assert language_name("ar") == "Arabisch"
