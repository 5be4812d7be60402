from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchesConfig(AppConfig):
    name = "lotse.placements.matches"
    label = "matches"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from lotse.participants.sections import register
        from lotse.placements.matches import rules  # noqa: F401 (the predicates)
        from lotse.placements.matches.case_section import SECTION

        register(SECTION)
