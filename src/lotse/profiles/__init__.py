"""The competence profile and the career plan (Berufswegeplanung) of a participant.

The profile is structured on purpose (ISO codes, CEFR levels, ISCED levels, KldB 2010 / ISCO-08 /
ESCO codes), because matching, referrals and the funder's indicators read it later. Health
restrictions are a special category of personal data (Art. 9 GDPR) and live in their own model:
only the case owner's counsellors and team leads see them, every view is audited, and they never
appear in the shared view, the side-by-side view or an API answer to anyone else.
"""
