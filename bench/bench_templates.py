"""What the caseload's markup costs to render, without a database: the rows partial for 50
participants and a filter form with a search box, three selects (one of 40 counsellors) and a
check box, through the project's template engine and form renderer.

    .venv/bin/python bench/bench_templates.py [--repeat 200]

Prints the best of five runs per piece, in milliseconds; asserts nothing. The page goal
(issue 11) is the whole caseload at p95 <= 50 ms and <= 3x the layout-only floor; this shows
the share the templates take of it, e.g. before and after a change to a component or widget."""

from __future__ import annotations

import argparse
import os
import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    import django

    django.setup()
    from django import forms
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.utils import translation

    from lotse.core.forms import KernForm
    from lotse.participants.caseload import CaseloadRows

    rows = [
        {
            "pk": i,
            "url": f"/participants/{i}/",
            "name": f"Family{i}, Name{i}",
            "shared": i % 7 == 0,
            "file_number": f"SW-2026-{i:05}",
            "status": "aktiv",
            "site": "Hauptstelle",
            "next_step": "Call the school (05.12.2026)",
            "next_overdue": i % 5 == 0,
            "document": "Duldung (§ 60a AufenthG)",
            "note": "gültig bis 05.12.2026 – läuft bald ab" if i % 3 else "",
            "state": "expiring" if i % 3 else "",
            "last_contact": "01.12.2026",
        }
        for i in range(50)
    ]
    try:
        partial = get_template("participants/caseload.html#rows")
    except TemplateDoesNotExist:  # before the rows were a template (issue 11)
        partial = None
    context = {"rows": CaseloadRows([row["pk"] for row in rows], rows), "is_volunteer": False}

    class FilterForm(KernForm):
        q = forms.CharField(required=False, max_length=200)
        status = forms.ChoiceField(required=False, choices=[("", "all"), ("a", "A"), ("b", "B")])
        site = forms.ChoiceField(
            required=False, choices=[("", "all")] + [(str(i), f"Site {i}") for i in range(8)]
        )
        counsellor = forms.ChoiceField(
            required=False,
            choices=[("me", "me")] + [(str(i), f"Counsellor {i}") for i in range(40)],
        )
        expiring = forms.BooleanField(required=False)

    def filter_form() -> str:
        form = FilterForm({"counsellor": "7", "q": "Kaya"})
        form.is_valid()
        return "".join(str(field) for field in form)

    with translation.override("de"):
        pieces = [("filter form widgets", filter_form)]
        if partial is not None:
            pieces.insert(0, ("caseload rows partial, 50 rows", lambda: partial.render(context)))
        for label, work in pieces:
            work()
            best = min(timeit.repeat(work, number=args.repeat, repeat=5)) / args.repeat
            print(f"{label:<34} {best * 1000:7.3f} ms")


if __name__ == "__main__":
    main()
