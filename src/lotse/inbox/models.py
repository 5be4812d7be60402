from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationPreference(models.Model):
    """Whether a user wants an e-mail when something new waits in the inbox. Opt-in: without a
    row nothing is sent. A setting of the account, not personal data of a case (the address is
    the account's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_preference"
    )
    email = models.BooleanField(_("e-mail when something waits"), default=False)

    class Meta:
        verbose_name = _("inbox notification preference")

    def __str__(self) -> str:
        return f"{self.user_id}: {'e-mail' if self.email else 'no e-mail'}"
