"""Dates as text in the user's language, and names in alphabetical order, for views that
build display text in Python."""

import datetime
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language


def short_date(value: datetime.date | None) -> str:
    """`value` in the active language's SHORT_DATE_FORMAT ("" for none)."""
    if value is None:
        return ""
    return _short_date(value, get_language())


def short_date_formatter() -> Callable[[datetime.date | None], str]:
    """`short_date` bound to the language active now, for a loop over many rows: asking for the
    language is a thread-local lookup, which costs more than the cached format."""
    language = get_language()

    def formatted(value: datetime.date | None) -> str:
        return "" if value is None else _short_date(value, language)

    return formatted


@lru_cache(maxsize=4096)
def _short_date(value: datetime.date, language: str) -> str:
    # Lists format hundreds of dates per page, mostly the same few; Django's formatter parses
    # the format string anew for each. `language` is part of the key: it selects the format.
    return date_format(value, "SHORT_DATE_FORMAT")


def alphabetical(name: str) -> str:
    """Sort key for names sorted in Python: case and accents ignored, so "Ökumene" comes between
    "Lernwerk" and "Zentrum" as in a German list (DIN 5007-1), not after "z" by code point."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
