"""Reporting: the funder's indicators, dashboards and open statistics.

`disclosure` is pure Python (no Django), like `lotse.legal`.
"""
