from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "lotse.inbox"
    label = "inbox"
    verbose_name = "Inbox"
