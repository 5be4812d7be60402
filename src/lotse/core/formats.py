"""Dates as text in the user's language, for views that build display text in Python."""

import datetime
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language


def short_date(value: datetime.date | None) -> str:
    """`value` in the active language's SHORT_DATE_FORMAT ("" for none)."""
    if value is None:
        return ""
    return _short_date(value, get_language())


@lru_cache(maxsize=4096)
def _short_date(value: datetime.date, language: str) -> str:
    # Lists format hundreds of dates per page, mostly the same few; Django's formatter parses
    # the format string anew for each. `language` is part of the key: it selects the format.
    return date_format(value, "SHORT_DATE_FORMAT")
