import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernForm

# The charts draw one point per month and the panels count on the fly: a period of centuries
# made a page of megabytes, and a year near 9999 overflowed the month arithmetic (a 500).
MAX_YEARS = 10
EARLIEST_YEAR = 1950
LATEST_YEAR = 2100


class PeriodForm(KernForm):
    """The period a dashboard counts: a calendar year unless the reader chooses other days."""

    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("start", "end"):
            day = data.get(name)
            if day and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                self.add_error(
                    name,
                    _("Choose a day between %(first)s and %(last)s.")
                    % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
                )
        # A day refused above has left the data, so the period checks see the valid ones only.
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        elif start and end and (end - start).days > MAX_YEARS * 366:
            self.add_error(
                "end", _("Choose a period of at most %(years)s years.") % {"years": MAX_YEARS}
            )
        return data


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
