"""The network's offers, eligibility and referrals.

`eligibility` is pure Python (no Django), like `lotse.legal`, whose answer it reads.
"""
