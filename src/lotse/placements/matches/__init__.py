"""Matching's pages, API and background run: the Django side of `placements.matching`.

An app of its own inside `placements` (label `matches`), so that its files and migrations stay
apart from placements' own."""
