"""The indicators' conditions compiled to `Q` objects over the fact table (`EsfFact`).

`reporting.indicators` evaluates a condition over one participation's facts; this module turns
the same condition into SQL over the columns of the same names, so that a report is one
aggregating query (`Count(..., filter=Q)` grouped by gender) and counts what the pure module
counts (tests/reporting/test_facts.py checks both on random data).
"""

from functools import reduce
from operator import and_, or_

from django.db.models import Q

from lotse.reporting import indicators as ind


def to_q(condition: ind.Condition) -> Q:
    """SQL for `condition`. Django writes a negated lookup on a nullable column with `IS NOT
    NULL`, so `Not` keeps Python's meaning for unknown facts."""
    match condition:
        case ind.Is(field=field, value=None):
            return Q(**{f"{field}__isnull": True})
        case ind.Is(field=field, value=value):
            return Q(**{field: value})
        case ind.In(field=field, values=values):
            return Q(**{f"{field}__in": sorted(values)})
        case ind.Between(field=field, low=None, high=None):
            return Q(**{f"{field}__isnull": False})
        case ind.Between(field=field, low=low, high=high):
            # A comparison with NULL is not true: an unknown fact is in no range.
            found = Q()
            if low is not None:
                found &= Q(**{f"{field}__gte": low})
            if high is not None:
                found &= Q(**{f"{field}__lte": high})
            return found
        case ind.AllOf(terms=terms):
            return reduce(and_, (to_q(term) for term in terms), Q())
        case ind.AnyOf(terms=()):
            return Q(pk__in=[])
        case ind.AnyOf(terms=terms):
            return reduce(or_, (to_q(term) for term in terms))
        case ind.Not(term=term):
            return ~to_q(term)
    raise TypeError(f"Not a condition: {condition!r}")
