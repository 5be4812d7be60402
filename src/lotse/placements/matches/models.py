from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.scoping import NetworkScopedManager


class NewMatch(models.Model):
    """A participant who fits a vacancy found after the participant's counsellor last looked:
    it waits in the counsellor's inbox until they open the participant's matching vacancies."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey("employers.Vacancy", on_delete=models.CASCADE, related_name="+")
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    found_on = models.DateField(_("found on"))
    seen_on = models.DateField(_("seen on"), null=True, blank=True)

    objects = NetworkScopedManager()

    class Meta:
        verbose_name = _("new match")
        verbose_name_plural = _("new matches")
        ordering = ["-found_on", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "vacancy"], name="matches_new_match_once"
            )
        ]
        indexes = [models.Index(fields=["counsellor", "seen_on"], name="matches_new_match_waiting")]

    def __str__(self) -> str:
        return f"{self.vacancy_id} – {self.participant_id}"
