from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "lotse.employers"
    label = "employers"
    verbose_name = "Employers"

    def ready(self) -> None:
        from lotse.employers import rules  # noqa: F401 (the employers' predicates)
        from lotse.employers.inbox import SOURCE
        from lotse.employers.tasklist import PART
        from lotse.inbox.registry import register
        from lotse.participants.tasklists import register_task_list_part

        register_task_list_part(PART)
        register(SOURCE)
