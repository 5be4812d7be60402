from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "lotse.inbox"
    label = "inbox"
    verbose_name = "Inbox"

    def ready(self) -> None:
        from lotse.inbox import rules  # noqa: F401 (who has an inbox)
