from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementRecordsConfig(AppConfig):
    """Placements and their follow-up. The label is not `placements`: that is the package's
    own (`lotse.placements`, the matching core)."""

    name = "lotse.placements.placements"
    label = "placement_records"
    verbose_name = _("Placements")

    def ready(self) -> None:
        from lotse.core.figures import register_figures
        from lotse.employers.panels import register_employer_panel
        from lotse.participants.sections import (
            register,
            register_exit_hook,
            register_exit_question,
        )
        from lotse.participants.tasklists import register_task_list_part  # noqa: F401
        from lotse.placements.placements import rules  # noqa: F401 (the predicates)
        from lotse.placements.placements.case_section import EMPLOYER_PANEL, SECTION
        from lotse.placements.placements.exit_question import EXIT_QUESTION
        from lotse.placements.placements.figures import yearly_placement_figures
        from lotse.placements.placements.services import placement_link_exit

        register(SECTION)
        register_exit_hook("placements.link", placement_link_exit)
        register_exit_question(EXIT_QUESTION)
        register_employer_panel(EMPLOYER_PANEL)
        register_figures("placements", yearly_placement_figures)
