from django.apps import AppConfig


class WorkPermissionConfig(AppConfig):
    name = "lotse.workpermission"
    label = "workpermission"
    verbose_name = "Work permission"

    def ready(self) -> None:
        from lotse.participants.sections import register, register_document_facts
        from lotse.workpermission import rules  # noqa: F401 (the assessment's predicates)
        from lotse.workpermission.case_section import SECTION
        from lotse.workpermission.document_facts import GROUP

        register(SECTION)
        register_document_facts(GROUP)
