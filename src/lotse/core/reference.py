"""Countries and languages for choice lists, named in the user's language.

The ISO data and its German names come with the pycountry package; the language list is our own
selection of the languages counsellors meet (plus interpreters' languages), in ISO 639 codes.
"""

import functools
import gettext

import pycountry
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.core.formats import alphabetical


class NationalityStatus(models.TextChoices):
    """Special values beside an ISO 3166-1 alpha-2 code, for a person's nationality."""

    STATELESS = "stateless", _("stateless")
    UNCLEAR = "unclear", _("unclear")


LANGUAGE_CODES = (
    "de",
    "en",
    "ar",
    "fa",
    "prs",
    "ps",
    "ku",
    "ckb",
    "kmr",
    "ti",
    "so",
    "am",
    "uk",
    "ru",
    "tr",
    "fr",
    "es",
    "it",
    "pt",
    "sq",
    "sr",
    "bs",
    "ro",
    "bg",
    "pl",
    "ka",
    "ur",
    "hi",
    "bn",
    "ta",
    "vi",
    "zh",
    "ha",
    "yo",
    "ig",
    "ff",
    "wo",
    "sw",
    "om",
    "az",
    "hy",
    "mk",
    "uz",
)
# Country names as people say them, where the ISO name is an official long form, and the German
# names pycountry's catalogue lacks (it would show the English one).
SHORT_COUNTRY_NAMES = {
    "de": {
        "UM": "Kleinere Amerikanische Überseeinseln",
        "PN": "Pitcairninseln",
        "GS": "Südgeorgien und die Südlichen Sandwichinseln",
        "SY": "Syrien",
        "IR": "Iran",
        "RU": "Russland",
        "MD": "Moldau",
        "TR": "Türkei",
        "VE": "Venezuela",
        "KR": "Südkorea",
        "KP": "Nordkorea",
        "PS": "Palästina",
        "CD": "Kongo (Dem. Republik)",
        "TZ": "Tansania",
        "BO": "Bolivien",
    },
    "en": {
        "SY": "Syria",
        "IR": "Iran",
        "RU": "Russia",
        "MD": "Moldova",
        "TR": "Türkiye",
        "VE": "Venezuela",
        "KR": "South Korea",
        "KP": "North Korea",
        "PS": "Palestine",
        "CD": "Congo (Democratic Republic)",
        "TZ": "Tanzania",
        "BO": "Bolivia",
    },
}


@functools.cache
def _catalogue(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _language() -> str:
    return (get_language() or "de")[:2]


def country_name(code: str) -> str:
    language = _language()
    short = SHORT_COUNTRY_NAMES.get(language, {}).get(code)
    if short:
        return short
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return _catalogue("iso3166-1", language).gettext(getattr(country, "common_name", country.name))


def language_name(code: str) -> str:
    language = (
        pycountry.languages.get(alpha_2=code)
        if len(code) == 2
        else pycountry.languages.get(alpha_3=code)
    )
    if language is None:
        return code
    # The catalogues list alternatives ("Paschtu; Afghanisch"), which read like two languages.
    return _catalogue("iso639-3", _language()).gettext(language.name).split(";")[0].strip()


def nationality_name(code: str) -> str:
    if code in NationalityStatus.values:
        return str(NationalityStatus(code).label)
    return country_name(code)


def country_choices() -> list[tuple[str, str]]:
    """Every country, named in the current language, in alphabetical order."""
    countries = ((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries)
    return sorted(countries, key=lambda pair: alphabetical(pair[1]))


def nationality_choices() -> list[tuple[str, str]]:
    return [
        ("", "—"),
        (NationalityStatus.STATELESS.value, str(NationalityStatus.STATELESS.label)),
        (NationalityStatus.UNCLEAR.value, str(NationalityStatus.UNCLEAR.label)),
        *country_choices(),
    ]


def language_choices() -> list[tuple[str, str]]:
    languages = ((c, language_name(c)) for c in LANGUAGE_CODES)
    return [("", "—"), *sorted(languages, key=lambda pair: alphabetical(pair[1]))]


NATIONALITY_CODES = frozenset(
    [*(c.alpha_2 for c in pycountry.countries), *NationalityStatus.values]
)
LANGUAGES = frozenset(LANGUAGE_CODES)
