"""Work permission in the product: the Django adapter around the pure rules engine `lotse.legal`.

`lotse.legal` knows the law and nothing of Django, databases or users; it takes a `Situation` and
answers with an `Evaluation` or a list of `Deadline`s. This app is the other half: it stores the
residence facts the engine needs beyond the participant and the document (`ResidenceFacts`),
turns a participant into a `Situation` (document type, paragraph text, nationality), checks who
may see an assessment, audits it, and shows it (participant panel, deadline radar, "try a
situation", the `work-permission` command and the API endpoint). Keeping the two apart keeps the
engine fast, testable in milliseconds and reusable outside Django (CLI, batch radar), while
everything that touches personal data stays behind the access functions of `participants`.
"""
