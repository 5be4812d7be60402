from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig


def _placement_situations(ids: Sequence[int]) -> dict[int, list[Any]]:
    """Placements running on the exit date (or starting within 28 days after) as the
    situations after leaving: employed (EECR04), in education or training (EECR02)."""
    from lotse.placements.placements.selectors import placement_situations
    from lotse.reporting import indicators as ind

    return {
        pk: [ind.SituationEvent(day, ind.Situation(situation)) for day, situation in rows]
        for pk, rows in placement_situations(ids).items()
    }


class ReportingConfig(AppConfig):
    name = "lotse.reporting"
    label = "reporting"
    verbose_name = "Reporting"

    def ready(self) -> None:
        from lotse.participants.sections import (
            register,
            register_exit_hook,
            register_intake_step,
        )
        from lotse.reporting import (
            dashboard,
            rules,  # noqa: F401 (the predicates)
            signals,
            sources,
        )
        from lotse.reporting.case_section import SECTION
        from lotse.reporting.dashboard import rules as dashboard_rules  # noqa: F401
        from lotse.reporting.dashboard import selectors
        from lotse.reporting.intake import INTAKE_STEP
        from lotse.reporting.services import follow_up_schedule

        register(SECTION)
        signals.connect()
        register_exit_hook("reporting.follow_up", follow_up_schedule)
        register_intake_step(INTAKE_STEP)
        sources.register_situations("placements.placements", _placement_situations)
        for panel in selectors.DASHBOARD_PANELS:
            dashboard.register(panel)
        dashboard.discover()
