"""Documents made from the profile: the German tabular CV (PDF, DOCX) and the career plan
agreement (PDF in German and the participant's language).

Health restrictions (Art. 9 GDPR) never enter these documents: they are built from
`selectors.profile_of`, which does not read them, and nothing here calls
`selectors.health_restrictions_of`.
"""
