from django.db import models


class FormSubmission(models.Model):
    """The key of a form submitted once, so that a second click saves nothing (see
    `core.submissions`). Kept for a day."""

    key = models.UUIDField(primary_key=True)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return str(self.key)
