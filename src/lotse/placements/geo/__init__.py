"""Postcodes with their district and coordinates (GeoNames), for matching's region filter.

Reference data, not personal data: one table for every network, imported from the file the user
downloads (`lotse geo import-postcodes DE.txt`). A small app of its own inside `placements`, so
that its table and migrations stay apart from placements' own.
"""
