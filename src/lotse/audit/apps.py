from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lotse.audit"
    label = "audit"
