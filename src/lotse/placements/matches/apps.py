from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchesConfig(AppConfig):
    name = "lotse.placements.matches"
    label = "matches"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from lotse.employers.batch import vacancies_imported
        from lotse.employers.models import Vacancy
        from lotse.inbox.registry import register as register_source
        from lotse.participants.sections import register
        from lotse.placements.matches import rules  # noqa: F401 (the predicates)
        from lotse.placements.matches.case_section import SECTION
        from lotse.placements.matches.inbox import SOURCE
        from lotse.placements.matches.signals import vacancies_imported as batch_imported
        from lotse.placements.matches.signals import vacancy_saved

        register(SECTION)
        register_source(SOURCE)
        post_save.connect(vacancy_saved, sender=Vacancy, dispatch_uid="matches.vacancy_saved")
        vacancies_imported.connect(
            batch_imported, sender=Vacancy, dispatch_uid="matches.vacancies_imported"
        )
