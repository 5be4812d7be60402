"""The Jinja2 environment for the few hot partials that Django's template engine renders too
slowly (DESIGN.md §1: "Django's Jinja2 backend allowed for a measured hot partial").

Autoescape is on for every template. The partials get finished display strings, translated in
Python or in the Django template that includes them (makemessages does not read Jinja2), so the
environment needs no globals."""

from typing import Any

from jinja2 import Environment, StrictUndefined


def environment(**options: Any) -> Environment:
    options["autoescape"] = True
    # A misspelt name fails loudly instead of rendering an empty cell.
    options["undefined"] = StrictUndefined
    return Environment(**options)  # noqa: S701 (autoescape is set just above)
