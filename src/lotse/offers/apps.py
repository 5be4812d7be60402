from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "lotse.offers"
    label = "offers"
    verbose_name = "Offers"

    def ready(self) -> None:
        from lotse.offers import rules  # noqa: F401 (the catalogue's predicates)
        from lotse.offers.case_section import SECTION
        from lotse.participants.sections import register

        register(SECTION)
