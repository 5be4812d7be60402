"""A server process's start: what the first requests would load, loaded before the heap is frozen.

`gc.freeze()` moves every object alive at that moment out of the collector's generations, so a
full collection no longer walks it. Django loads the URL configuration (and with it every view
module, the API's schemas, openpyxl, WeasyPrint's fonts) and pycountry its tables only on first
use: frozen before that, 120,000 objects stayed in the collector's reach and each full
collection took 50–60 ms of some request (bench/bench_appointments.py, the front desk's week:
p95 116 → 65 ms, and a full collection 55 → 6 ms)."""

import gc

import pycountry
from django.urls import get_resolver


def warm_up_and_freeze() -> int:
    """Loads, collects, freezes; returns how many objects were frozen (for the benchmarks)."""
    loaded = [get_resolver().url_patterns, len(pycountry.countries), len(pycountry.languages)]
    del loaded  # each was loaded for its side effect: every view module, the ISO tables
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
